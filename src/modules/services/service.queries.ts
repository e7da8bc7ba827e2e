import type { Executor } from '../../platform/db/database.js';

/** What other modules need to know about a catalogue entry. */
export interface ServiceSummary {
  id: string;
  reference: string;
  name: string;
  status: string;
  criticality: string;
  supportCalendarId: string | null;
}

export interface CustomerSummary {
  id: string;
  reference: string;
  organisationName: string;
  status: string;
}

const referencePattern = /^[A-Za-z]{2,6}-\d{1,12}$/;

/** The service a reference such as SVC-000001 names, or null. */
export async function findService(db: Executor, reference: string): Promise<ServiceSummary | null> {
  if (!referencePattern.test(reference.trim())) return null;
  const row = await db.selectFrom('services')
    .select(['id', 'reference', 'name', 'status', 'criticality', 'support_calendar_id'])
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
  return row ? { id: row.id, reference: row.reference, name: row.name, status: row.status, criticality: row.criticality, supportCalendarId: row.support_calendar_id } : null;
}

/** Services in a state (default: live), by name, for pickers, demo data and facts. */
export async function servicesInStatus(db: Executor, status = 'live'): Promise<ServiceSummary[]> {
  const rows = await db.selectFrom('services')
    .select(['id', 'reference', 'name', 'status', 'criticality', 'support_calendar_id'])
    .where('status', '=', status)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ id: row.id, reference: row.reference, name: row.name, status: row.status, criticality: row.criticality, supportCalendarId: row.support_calendar_id }));
}

/** The customer a reference such as CUS-000001 names, or null. */
export async function findCustomer(db: Executor, reference: string): Promise<CustomerSummary | null> {
  if (!referencePattern.test(reference.trim())) return null;
  const row = await db.selectFrom('customers')
    .select(['id', 'reference', 'organisation_name', 'status'])
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
  return row ? { id: row.id, reference: row.reference, organisationName: row.organisation_name, status: row.status } : null;
}
