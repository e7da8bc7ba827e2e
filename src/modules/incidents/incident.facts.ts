import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

export interface IncidentTrend {
  service: string;
  category: string;
  count: number;
  references: string[];
  lastAt: number;
}

/** Services and categories with at least `minimum` incidents opened since `from`: candidates for a problem. */
export async function incidentTrends(db: Executor, from: number, minimum: number): Promise<IncidentTrend[]> {
  const groups = await db.selectFrom('incidents')
    .select(['service', 'category', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('created_at').as('last_at')])
    .where('created_at', '>=', from).where('service', 'is not', null)
    .groupBy(['service', 'category'])
    .having(sql`count(*)`, '>=', minimum)
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  const trends: IncidentTrend[] = [];
  for (const g of groups) {
    const refs = await db.selectFrom('incidents').select('reference').where('service', '=', g.service).where('category', '=', g.category)
      .where('created_at', '>=', from).orderBy('created_at', 'desc').limit(20).execute();
    trends.push({ service: g.service!, category: g.category, count: Number(g.n), references: refs.map((r) => r.reference), lastAt: Number(g.last_at) });
  }
  return trends;
}

/** Incidents on a service and category opened after an instant: how a closed problem recurs. */
export async function incidentsSince(db: Executor, service: string, category: string, after: number): Promise<{ count: number; lastAt: number | null }> {
  const row = await db.selectFrom('incidents').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('created_at').as('last_at')])
    .where('service', '=', service).where('category', '=', category).where('created_at', '>', after).executeTakeFirstOrThrow();
  return { count: Number(row.n), lastAt: row.last_at === null ? null : Number(row.last_at) };
}

/** The latest incidents on a service and category, newest first. */
export async function recentIncidents(db: Executor, service: string, category: string, limit: number): Promise<{ id: string; reference: string }[]> {
  return db.selectFrom('incidents').select(['id', 'reference']).where('service', '=', service).where('category', '=', category)
    .orderBy('created_at', 'desc').limit(limit).execute();
}
