import type { Executor } from '../../platform/db/database.js';

const filled = (v: string | null): boolean => v !== null && v.trim() !== '';

/** 8.2.4: one catalogue entry as the compliance rules read it. */
export interface ServiceFact {
  reference: string;
  name: string;
  status: string;
  criticality: string;
  hasOwner: boolean;
  hasDescription: boolean;
  supportCalendarId: string | null;
  /** Epoch milliseconds of the last change: a catalogue "maintained" shows recent edits. */
  updatedAt: number;
}

/** 8.3.2: one customer of the register. */
export interface CustomerFact {
  reference: string;
  status: string;
  hasAccountManager: boolean;
  hasContacts: boolean;
}

/** The catalogue and the customer register, read-only, for the compliance engine. */
export async function catalogueFacts(db: Executor): Promise<{ services: ServiceFact[]; customers: CustomerFact[] }> {
  const services = await db.selectFrom('services')
    .select(['reference', 'name', 'status', 'criticality', 'service_owner', 'description', 'support_calendar_id', 'updated_at'])
    .orderBy('reference').execute();
  const customers = await db.selectFrom('customers').select(['reference', 'status', 'account_manager', 'contacts']).orderBy('reference').execute();
  return {
    services: services.map((s) => ({
      reference: s.reference, name: s.name, status: s.status, criticality: s.criticality, hasOwner: s.service_owner !== null,
      hasDescription: filled(s.description), supportCalendarId: s.support_calendar_id, updatedAt: Number(s.updated_at),
    })),
    customers: customers.map((c) => ({ reference: c.reference, status: c.status, hasAccountManager: c.account_manager !== null, hasContacts: filled(c.contacts) })),
  };
}
