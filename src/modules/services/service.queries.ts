import type { Executor } from '../../platform/db/database.js';

/** What other modules need to know about a catalogue entry. */
export interface ServiceSummary {
  id: string;
  reference: string;
  name: string;
  status: string;
  criticality: string;
  supportCalendarId: string | null;
  /** Accountable for the service; e.g. approves requests when a request model names no approver. */
  serviceOwnerId: string | null;
}

export interface CustomerSummary {
  id: string;
  reference: string;
  organisationName: string;
  status: string;
}

const referencePattern = /^[A-Za-z]{2,6}-\d{1,12}$/;

function summaryOf(row: { id: string; reference: string; name: string; status: string; criticality: string; support_calendar_id: string | null; service_owner: string | null }): ServiceSummary {
  return { id: row.id, reference: row.reference, name: row.name, status: row.status, criticality: row.criticality, supportCalendarId: row.support_calendar_id, serviceOwnerId: row.service_owner };
}

/** The service a reference such as SVC-000001 names, or null. */
export async function findService(db: Executor, reference: string): Promise<ServiceSummary | null> {
  if (!referencePattern.test(reference.trim())) return null;
  const row = await db.selectFrom('services')
    .select(['id', 'reference', 'name', 'status', 'criticality', 'support_calendar_id', 'service_owner'])
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
  return row ? summaryOf(row) : null;
}

/** Services in a state (default: live), by name, for pickers, demo data and facts. */
export async function servicesInStatus(db: Executor, status = 'live'): Promise<ServiceSummary[]> {
  const rows = await db.selectFrom('services')
    .select(['id', 'reference', 'name', 'status', 'criticality', 'support_calendar_id', 'service_owner'])
    .where('status', '=', status)
    .orderBy('name')
    .execute();
  return rows.map(summaryOf);
}

const leadingCustomer = /^\s*([A-Za-z]{2,6}-\d{1,12})\b/;

/**
 * The one customer a service is delivered to, when its "customers served" names exactly one
 * customer and nothing else (no second customer, no line without a reference such as "walk-in
 * customers"); otherwise null. A ticket on such a service is that customer's even when it does
 * not say so.
 */
export async function soleCustomerOf(db: Executor, serviceReference: string): Promise<string | null> {
  const row = await db.selectFrom('services').select('customers_served').where('reference', '=', serviceReference.trim().toUpperCase()).executeTakeFirst();
  const lines = (row?.customers_served ?? '').split('\n').filter((line) => line.trim() !== '');
  if (lines.length !== 1) return null;
  return leadingCustomer.exec(lines[0]!)?.[1]?.toUpperCase() ?? null;
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
