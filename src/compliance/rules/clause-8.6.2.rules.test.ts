import { describe, expect, it } from 'vitest';
import type { RequestFacts } from '../../modules/requests/index.js';
import { closureConfirmed, requestsFulfilledWithinTarget, standardRequestsModelled, type RequestRuleFacts } from './clause-8.6.2.rules.js';

const now = Date.UTC(2026, 10, 28);
const service = (reference: string, models: string[], withTarget = models) => ({ service: reference, serviceName: reference, publishedModels: models, modelsWithTarget: withTarget });
const requests = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  services: [service('SVC-000001', ['RQM-000001', 'RQM-000002']), service('SVC-000002', [])],
  fulfilled: 20, fulfilledWithinTarget: 19, withoutModel: [], closed: 10, rated: 9, examples: ['REQ-000020', 'REQ-000019'], ...over,
});
const facts = (over: Partial<RequestFacts> = {}): RequestRuleFacts => ({ now, requests: requests(over) });

describe('8.6.2-01 requests fulfilled within target', () => {
  it('is conformant when at least 90 % met their target and every request has a model', () => {
    expect(requestsFulfilledWithinTarget.evaluate(facts())).toMatchObject({ outcome: 'conformant', evidence: ['REQ-000020', 'REQ-000019'] });
    expect(requestsFulfilledWithinTarget.evaluate(facts()).explanation).toMatch(/^19 of 20 requests fulfilled in the last 12 months \(95 %\)/);
  });
  it('is partial below the share, or with a request tracing to no published model, citing it', () => {
    expect(requestsFulfilledWithinTarget.evaluate(facts({ fulfilledWithinTarget: 17 })).explanation).toBe('17 of 20 requests fulfilled in the last 12 months (85 %) met their fulfilment target, below the 90 % expected.');
    const orphan = requestsFulfilledWithinTarget.evaluate(facts({ withoutModel: ['REQ-000003'] }));
    expect(orphan).toMatchObject({ outcome: 'partial' });
    expect(orphan.evidence).toContain('REQ-000003');
    expect(orphan.explanation).toContain('1 request raised in the last 12 months traces to no published request model (REQ-000003)');
  });
  it('is nonconformant when none met its target, and not evaluable with nothing fulfilled', () => {
    expect(requestsFulfilledWithinTarget.evaluate(facts({ fulfilledWithinTarget: 0 })).outcome).toBe('nonconformant');
    expect(requestsFulfilledWithinTarget.evaluate(facts({ fulfilled: 0, fulfilledWithinTarget: 0 })).outcome).toBe('not-evaluable');
  });
});

describe('8.6.2-02 standard requests modelled', () => {
  it('is conformant when every published model has a target', () => {
    expect(standardRequestsModelled.evaluate(facts())).toMatchObject({ outcome: 'conformant', evidence: ['RQM-000001', 'RQM-000002'] });
    expect(standardRequestsModelled.evaluate(facts()).explanation).toMatch(/^2 request models were published for 1 of 2 live services/);
  });
  it('is partial when a model has no target, and nonconformant with no model at all', () => {
    const partial = standardRequestsModelled.evaluate(facts({ services: [service('SVC-000001', ['RQM-000001', 'RQM-000002'], ['RQM-000001'])] }));
    expect(partial).toMatchObject({ outcome: 'partial', explanation: expect.stringContaining('1 has no fulfilment target (RQM-000002)') });
    expect(standardRequestsModelled.evaluate(facts({ services: [service('SVC-000001', [])] })).outcome).toBe('nonconformant');
  });
});

describe('8.6.2-03 closure confirmed', () => {
  it('is conformant when at least 80 % of closed requests were confirmed and rated', () => {
    expect(closureConfirmed.evaluate(facts()).outcome).toBe('conformant');
  });
  it('is partial below the share, nonconformant with none, not evaluable with nothing closed', () => {
    expect(closureConfirmed.evaluate(facts({ rated: 5 })).explanation).toMatch(/^Only 5 of 10 requests closed/);
    expect(closureConfirmed.evaluate(facts({ rated: 0 })).outcome).toBe('nonconformant');
    expect(closureConfirmed.evaluate(facts({ closed: 0, rated: 0 })).outcome).toBe('not-evaluable');
  });
});
