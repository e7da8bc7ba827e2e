import type { Executor } from '../../platform/db/database.js';
import { servicesInStatus } from '../services/index.js';

export interface ServiceRequestCatalogueFact {
  service: string;
  serviceName: string;
  /** Published request models on the service, and those among them with a fulfilment target. */
  publishedModels: string[];
  modelsWithTarget: string[];
}

export interface RequestFacts {
  /** Each live service and the request models it offers. */
  services: ServiceRequestCatalogueFact[];
  /** Requests fulfilled since `since`, and how many of them met their target. */
  fulfilled: number;
  fulfilledWithinTarget: number;
  /** Requests raised since `since` whose model is not (or no longer) a published or retired model in the catalogue. */
  withoutModel: string[];
  /** Requests closed since `since`, and how many the requester rated. */
  closed: number;
  rated: number;
  /** Examples for the evidence: the latest requests fulfilled within target. */
  examples: string[];
}

/**
 * 8.6.2 facts for the compliance engine: whether the request catalogue covers the live services
 * with targets, whether requests are fulfilled within them, and whether satisfaction is asked.
 */
export async function requestFacts(db: Executor, since: number): Promise<RequestFacts> {
  const live = await servicesInStatus(db, 'live');
  const models = await db.selectFrom('request_models').select(['reference', 'service', 'fulfilment_target_hours']).where('status', '=', 'published').orderBy('reference').execute();
  const services = live.map((svc) => {
    const mine = models.filter((m) => m.service === svc.reference);
    return {
      service: svc.reference, serviceName: svc.name,
      publishedModels: mine.map((m) => m.reference),
      modelsWithTarget: mine.filter((m) => m.fulfilment_target_hours !== null).map((m) => m.reference),
    };
  });
  const fulfilled = await db.selectFrom('service_requests')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('fulfilled_within_target', '=', 1).then(1).else(0).end()).as('within')])
    .where('fulfilled_at', '>=', since).executeTakeFirstOrThrow();
  const orphans = await db.selectFrom('service_requests').select('service_requests.reference')
    .leftJoin('request_models', 'request_models.reference', 'service_requests.model')
    .where('service_requests.created_at', '>=', since)
    .where((eb) => eb.or([eb('request_models.id', 'is', null), eb('request_models.status', '=', 'draft')]))
    .orderBy('service_requests.reference').limit(100).execute();
  const closed = await db.selectFrom('service_requests')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('satisfaction').as('rated')])
    .where('closed_at', '>=', since).executeTakeFirstOrThrow();
  const examples = await db.selectFrom('service_requests').select('reference').where('fulfilled_within_target', '=', 1).where('fulfilled_at', '>=', since)
    .orderBy('fulfilled_at', 'desc').limit(5).execute();
  return {
    services,
    fulfilled: Number(fulfilled.n), fulfilledWithinTarget: Number(fulfilled.within ?? 0),
    withoutModel: orphans.map((o) => o.reference),
    closed: Number(closed.n), rated: Number(closed.rated),
    examples: examples.map((e) => e.reference),
  };
}
