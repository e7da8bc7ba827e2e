import type { Executor } from '../../platform/db/database.js';
import { servicesInStatus } from '../services/index.js';
import type { FormField } from './request-model.schemas.js';

export interface CatalogueService {
  reference: string;
  name: string;
  models: { reference: string; name: string; description: string | null; approvalRequired: boolean; fulfilmentTargetHours: number | null; formFields: FormField[] }[];
}

/** The request catalogue as the portal shows it: published models of live services, by service name, optionally searched. */
export async function requestCatalogue(db: Executor, query?: string): Promise<CatalogueService[]> {
  const services = await servicesInStatus(db, 'live');
  const models = await db.selectFrom('request_models').selectAll().where('status', '=', 'published').orderBy('name').execute();
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (...texts: (string | null)[]) => words.every((w) => texts.some((t) => t?.toLowerCase().includes(w)));
  return services.map((svc) => ({
    reference: svc.reference,
    name: svc.name,
    models: models
      .filter((m) => m.service === svc.reference && matches(m.name, m.description, svc.name))
      .map((m) => ({
        reference: m.reference, name: m.name, description: m.description,
        approvalRequired: Number(m.approval_required ?? 0) === 1, fulfilmentTargetHours: m.fulfilment_target_hours,
        formFields: m.form_fields ? (JSON.parse(m.form_fields) as FormField[]) : [],
      })),
  })).filter((s) => s.models.length > 0);
}
