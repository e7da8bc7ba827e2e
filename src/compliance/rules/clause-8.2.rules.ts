import type { ServiceFact } from '../../modules/services/index.js';
import { catalogue, incidents } from './facts/module-facts.js';
import { listOf, plural, yearMs, type Rule, type RuleSet } from './rule.types.js';

export interface CatalogueRuleFacts {
  now: number;
  services: ServiceFact[];
  /** Services the last twelve months' incidents name, as written on them, most incidents first. */
  servicesNamed: { service: string; count: number }[];
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 8.2.4: the catalogue lists the services actually delivered, each described and owned, and is kept up to date. */
export const catalogueMaintained: Rule<CatalogueRuleFacts> = {
  requirementId: '8.2.4-01',
  id: '8.2.4/catalogue-maintained',
  evaluate({ now, services, servicesNamed }) {
    const live = services.filter((s) => s.status === 'live');
    if (live.length === 0) return { outcome: 'nonconformant', explanation: 'The service catalogue holds no live service.', evidence: services.map((s) => s.reference) };
    const incomplete = live.filter((s) => !s.hasOwner || !s.hasDescription);
    const listed = new Set(live.map((s) => s.reference));
    const unlisted = servicesNamed.filter((s) => !listed.has(s.service));
    const lastChange = Math.max(...services.map((s) => s.updatedAt));
    const gaps = [
      incomplete.length ? `${plural(incomplete.length, 'live service')} lack an owner or a description (${listOf(incomplete.map((s) => s.reference))})` : '',
      unlisted.length ? `incidents of the last 12 months name ${plural(unlisted.length, 'service')} the catalogue does not list as live (${listOf(unlisted.map((s) => s.service))})` : '',
      now - lastChange > yearMs ? `the catalogue has not changed since ${day(lastChange)}` : '',
    ].filter(Boolean);
    const evidence = live.map((s) => s.reference);
    if (gaps.length === 0) {
      return { outcome: 'conformant', explanation: `The catalogue lists ${plural(live.length, 'live service')}, each with an owner and a description, every service named by the last 12 months' incidents is among them, and it was last changed on ${day(lastChange)}.`, evidence };
    }
    return { outcome: 'partial', explanation: `The catalogue lists ${plural(live.length, 'live service')}, but ${gaps.join('; ')}.`, evidence };
  },
};

export const catalogueRules: RuleSet<CatalogueRuleFacts> = {
  async gather(context) {
    const [{ services }, { servicesNamed }] = await Promise.all([catalogue(context), incidents(context)]);
    return { now: context.now, services, servicesNamed };
  },
  rules: [catalogueMaintained],
};
