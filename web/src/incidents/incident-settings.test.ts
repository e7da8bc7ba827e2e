import { describe, expect, it } from 'vitest';
import { escalationBody, matrixWarnings, type PriorityMatrix } from './incident-settings';

const matrix = (): PriorityMatrix => ({
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
});

describe('incident settings', () => {
  it('accepts the default matrix and names a cell where more impact means a lower priority', () => {
    expect(matrixWarnings(matrix())).toEqual([]);
    const odd = matrix();
    odd.high.high = 'P4';
    expect(matrixWarnings(odd)).toContain('Impact high gives a lower priority than impact medium at urgency high.');
    expect(matrixWarnings(odd)).toContain('Urgency high gives a lower priority than urgency medium at impact high.');
  });

  it('sends a percent only for share-of-target levels and drops blank group rows', () => {
    expect(escalationBody(
      [{ when: 'at-risk', percent: 50, notify: ['assignee'] }, { when: 'elapsed', percent: 150, notify: ['sms-manager'] }],
      [{ group: ' Network ', address: ' net@example.org ' }, { group: '', address: 'x@example.org' }],
    )).toEqual({
      levels: [{ when: 'at-risk', notify: ['assignee'] }, { when: 'elapsed', percent: 150, notify: ['sms-manager'] }],
      groupAddresses: { Network: 'net@example.org' },
    });
  });
});
