import { describe, expect, it } from 'vitest';
import { emptyReport, incidentSteps, missingInReport, reportToSend, requesterActions, statusWords } from './portal-incident';

const both = [{ to: 'closed', label: 'Confirm and close', requires: [], permitted: true }, { to: 'in-progress', label: 'Reopen', requires: [], permitted: true }];

describe('the portal incident pages', () => {
  it('asks for what is wrong, the kind of problem, its reach and its urgency', () => {
    expect(Object.keys(missingInReport({ ...emptyReport, shortDescription: '   ' }))).toEqual(['shortDescription', 'category', 'impact', 'urgency']);
    expect(missingInReport({ ...emptyReport, shortDescription: 'No Wi-Fi', category: 'network', impact: 'low', urgency: 'high' })).toEqual({});
  });

  it('sends only what the requester said, trimmed, without blanks', () => {
    expect(reportToSend({ ...emptyReport, shortDescription: ' No Wi-Fi ', description: '  ', category: 'network', impact: 'low', urgency: 'high' }))
      .toEqual({ shortDescription: 'No Wi-Fi', category: 'network', impact: 'low', urgency: 'high' });
    expect(reportToSend({ ...emptyReport, shortDescription: 'x', description: 'Since 9', service: 'SVC-000002' })).toEqual({ shortDescription: 'x', description: 'Since 9', service: 'SVC-000002' });
  });

  it('says each status in plain words', () => {
    expect(statusWords('resolved')).toBe('Resolved: please confirm it is fixed');
    expect(statusWords('awaiting-caller')).toBe('Waiting for you: please reply below');
    expect(statusWords('closed')).toBe('Closed');
  });

  it('counts waiting as being worked on in the progress', () => {
    expect(incidentSteps('new').filter((s) => s.done).map((s) => s.label)).toEqual(['Reported']);
    expect(incidentSteps('awaiting-supplier').filter((s) => s.done).length).toBe(3);
    expect(incidentSteps('closed').every((s) => s.done)).toBe(true);
  });

  it('offers confirm and reopen only to the caller of a resolved incident, as the server permits', () => {
    expect(requesterActions({ status: 'resolved', callerId: 'me', allowedTransitions: both }, 'me')).toEqual({ confirm: true, reopen: true });
    expect(requesterActions({ status: 'resolved', callerId: 'someone', allowedTransitions: both }, 'me')).toEqual({ confirm: false, reopen: false });
    expect(requesterActions({ status: 'in-progress', callerId: 'me', allowedTransitions: both }, 'me')).toEqual({ confirm: false, reopen: false });
    expect(requesterActions({ status: 'resolved', callerId: 'me', allowedTransitions: [{ ...both[0]!, permitted: false }] }, 'me')).toEqual({ confirm: false, reopen: false });
  });
});
