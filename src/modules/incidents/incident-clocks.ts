import type { Executor } from '../../platform/db/database.js';
import { listHistory } from '../../kernel/history/history.service.js';
import { computeSlaClocks, explainClock, timelineFromHistory, type ExplainedClockResult } from '../../kernel/calendar/index.js';
import { calendarLookup, clockDefinitionsFor, slaReferenceFor, type AgreementClocks } from '../service-levels/index.js';

export interface IncidentClocks {
  sla: { reference: string; title: string } | null;
  /** Each with the calendar it counts in: an OLA or contract may count in its own. */
  clocks: (ExplainedClockResult & { calendar: { id: string; name: string } })[];
}

/**
 * The incident's SLA, OLA and underpinning-contract clocks, recomputed from its whole history
 * with the agreements in force: a change of priority, service or SLA is applied as if it had
 * been so from the start, and every pause is explained.
 */
export async function incidentClocks(db: Executor, incident: { id: string; service: string | null }, now = Date.now(), agreementsOf: AgreementsOf = agreementsLoader(db)): Promise<IncidentClocks> {
  if (!incident.service) return { sla: null, clocks: [] };
  const agreements = await agreementsOf(incident.service);
  if (!agreements.sla) return { sla: null, clocks: [] };
  const calendar = agreements.calendars[agreements.sla.calendarId];
  if (!calendar) return { sla: { reference: agreements.sla.reference, title: agreements.sla.title }, clocks: [] };
  const timeline = timelineFromHistory(await listHistory(db, incident.id), { slaId: 'sla' });
  const results = computeSlaClocks(timeline, agreements.clocks, { now, calendar, calendars: agreements.calendars, explain: true });
  const calendarOf = (i: number) => agreements.clocks[i]?.calendarId ?? agreements.sla!.calendarId;
  const names = await calendarLookup.names(db, [...new Set(results.map((_r, i) => calendarOf(i)))]);
  return {
    sla: { reference: agreements.sla.reference, title: agreements.sla.title },
    clocks: results.map((r, i) => ({
      ...explainClock(r, agreements.clocks[i]?.name ?? r.clockId),
      calendar: { id: calendarOf(i), name: names.get(calendarOf(i)) ?? calendarOf(i) },
    })),
  };
}

export type AgreementsOf = (service: string) => Promise<AgreementClocks>;

/**
 * Loads the agreements in force for a service. With `cached`, each service is looked up once —
 * for a pass over many incidents, such as the SLA watch.
 */
export function agreementsLoader(db: Executor, cached = false): AgreementsOf {
  const load = (service: string) => clockDefinitionsFor(db, service, null, { stopStatuses: ['resolved', 'closed'] });
  if (!cached) return load;
  const seen = new Map<string, Promise<AgreementClocks>>();
  return (service) => {
    let agreements = seen.get(service);
    if (!agreements) seen.set(service, (agreements = load(service)));
    return agreements;
  };
}

/** The SLA reference an incident on this service falls under, if any (the one agreementsLoader clocks). */
export async function slaForService(db: Executor, service: string | null): Promise<string | null> {
  return service ? slaReferenceFor(db, service, null) : null;
}
