import { AppError } from '../../platform/http/app-error.js';
import type { RecordHooks } from '../../kernel/records/record-type.js';

const leadingReference = /^\s*([A-Za-z]{2,6}-\d{1,12})\b/;

/**
 * "Customers served" is text until the kernel has a record-reference field kind; the
 * references it starts its lines with must still name real customers, so the list can later
 * be migrated to links without guesswork.
 */
export const serviceHooks: RecordHooks = {
  async derive({ trx, before, after }) {
    const text = after.customersServed;
    if (typeof text !== 'string' || text === (before?.customersServed ?? null)) return {};
    const references = text.split('\n').map((line) => leadingReference.exec(line)?.[1]?.toUpperCase()).filter((r): r is string => r !== undefined);
    if (references.length === 0) return {};
    const found = await trx.selectFrom('customers').select('reference').where('reference', 'in', references).execute();
    const known = new Set(found.map((r) => r.reference));
    const unknown = references.filter((r) => !known.has(r));
    if (unknown.length > 0) throw AppError.validation('customersServed', `names no customer ${unknown.join(', ')}; start each line with a customer reference such as CUS-000001`);
    return {};
  },
};
