import { AppError } from '../../platform/http/app-error.js';
import type { RecordHooks } from '../../kernel/records/record-type.js';
import { findRecord } from '../../kernel/records/record-row.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { parseScope, requirementsInScope } from './assessment-scope.js';
import { closedAssessmentStates } from './assessment.workflow.js';
import { freezeSuggestions } from './rule-snapshot.js';

/** Written when an assessment is completed or approved; everything else is then fixed. */
const closingFields = ['conclusion', 'approvalNote'];

/**
 * The assessment's own rules inside the kernel's writes: the scope must name clauses or
 * processes of the catalogue, the base must be a closed assessment, scope and base are fixed once
 * work starts, and a completed or approved assessment does not change.
 */
export function assessmentHooks(def: () => RecordTypeDefinition): RecordHooks {
  return {
    async derive({ trx, before, after, status }) {
      if (before && closedAssessmentStates.includes(status)) {
        const changed = Object.keys(after).filter((f) => !closingFields.includes(f) && (before[f] ?? null) !== (after[f] ?? null));
        if (changed.length > 0) throw new AppError('conflict', `${/^[aeiou]/.test(status) ? 'An' : 'A'} ${status} assessment is the record of what was found and cannot change (${changed.join(', ')}). Create a new assessment based on it instead.`);
      }
      for (const field of ['scope', 'basedOn']) {
        if (before && (before[field] ?? null) !== (after[field] ?? null) && status !== 'planned') {
          throw new AppError('conflict', `The ${field === 'scope' ? 'scope' : 'base'} of an assessment is fixed once it has started.`);
        }
      }
      const catalogue = currentCatalogue();
      const scopeText = typeof after.scope === 'string' ? after.scope : null;
      const scope = parseScope(catalogue, scopeText);
      if (scope.unknown.length > 0) {
        throw AppError.validation('scope', `${scope.unknown.join(', ')} ${scope.unknown.length === 1 ? 'is' : 'are'} neither a clause (such as 8.6 or 5.3) nor a process (such as incident-management)`);
      }
      if (requirementsInScope(catalogue, scope).length === 0) throw AppError.validation('scope', 'covers no requirement');
      const derivedValues: Record<string, string | null> = {};
      const basedOn = typeof after.basedOn === 'string' ? after.basedOn.trim() : '';
      if (basedOn && (!before || before.basedOn !== after.basedOn)) {
        const base = /^ASM-\d{1,12}$/i.test(basedOn) ? await findRecord(trx, def(), basedOn) : undefined;
        if (!base) throw AppError.validation('basedOn', `${basedOn} is not an assessment`);
        if (!closedAssessmentStates.includes(base.status)) throw AppError.validation('basedOn', `${base.reference} is ${base.status}; start only from a completed or approved assessment, whose answers no longer change`);
        derivedValues.basedOn = base.reference;
      }
      return derivedValues;
    },
    async afterWrite({ trx, record, kind }) {
      if (kind === 'transitioned' && record.status === 'completed') {
        await freezeSuggestions(trx, currentCatalogue(), { id: record.id, scope: record.scope }, Date.parse(record.updatedAt));
      }
    },
  };
}
