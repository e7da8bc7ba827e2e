import { describe, expect, it } from 'vitest';
import type { ServiceFact } from '../../modules/services/index.js';
import { catalogueMaintained, type CatalogueRuleFacts } from './clause-8.2.rules.js';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 28);
const service = (reference: string, over: Partial<ServiceFact> = {}): ServiceFact => ({
  reference, name: reference, status: 'live', criticality: 'high', hasOwner: true, hasDescription: true, supportCalendarId: null, updatedAt: now - 30 * day, ...over,
});
const facts = (over: Partial<CatalogueRuleFacts> = {}): CatalogueRuleFacts => ({ now, services: [service('SVC-000001'), service('SVC-000002')], servicesNamed: [{ service: 'SVC-000001', count: 12 }], ...over });

describe('8.2.4 catalogue maintained', () => {
  it('is conformant when live services are owned, described, cover the incidents and were recently changed', () => {
    const result = catalogueMaintained.evaluate(facts());
    expect(result).toMatchObject({ outcome: 'conformant', evidence: ['SVC-000001', 'SVC-000002'] });
    expect(result.explanation).toContain('2 live services');
  });
  it('is partial when a live service has no owner, incidents name a service outside it, or it went stale', () => {
    const unowned = catalogueMaintained.evaluate(facts({ services: [service('SVC-000001', { hasOwner: false })] }));
    expect(unowned.outcome).toBe('partial');
    expect(unowned.explanation).toContain('lack an owner or a description (SVC-000001)');
    const unlisted = catalogueMaintained.evaluate(facts({ servicesNamed: [{ service: 'Payroll', count: 3 }] }));
    expect(unlisted.outcome).toBe('partial');
    expect(unlisted.explanation).toContain('(Payroll)');
    const stale = catalogueMaintained.evaluate(facts({ services: [service('SVC-000001', { updatedAt: now - 400 * day })], servicesNamed: [] }));
    expect(stale.outcome).toBe('partial');
    expect(stale.explanation).toContain('has not changed since');
  });
  it('counts a retired service named by incidents as outside the live catalogue', () => {
    const result = catalogueMaintained.evaluate(facts({ services: [service('SVC-000001'), service('SVC-000002', { status: 'retired' })], servicesNamed: [{ service: 'SVC-000002', count: 1 }] }));
    expect(result.outcome).toBe('partial');
  });
  it('is nonconformant with no live service', () => {
    expect(catalogueMaintained.evaluate(facts({ services: [service('SVC-000001', { status: 'pipeline' })] })).outcome).toBe('nonconformant');
    expect(catalogueMaintained.evaluate(facts({ services: [] })).outcome).toBe('nonconformant');
  });
});
