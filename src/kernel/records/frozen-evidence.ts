import { AppError } from '../../platform/http/app-error.js';
import { stateLabel } from '../workflow/workflow.js';
import type { RecordTypeDefinition } from './record-type.js';

export type EvidenceChange = 'add a comment to' | 'attach a file to' | 'withdraw a file from';

/**
 * Refuses a change to a record's evidence (comments, attachments) in the states its type
 * declares frozen, e.g. an approved assessment: what was found and shown is the record, so
 * nothing is added or withdrawn afterwards. 7.5.3: documented information is protected.
 */
export function assertEvidenceOpen(def: RecordTypeDefinition, record: { reference: string; status: string }, change: EvidenceChange): void {
  const frozen = def.frozenIn;
  if (!frozen || !frozen.states.includes(record.status)) return;
  const state = stateLabel(def.workflow, record.status).toLowerCase();
  throw new AppError('conflict', `${record.reference} is ${state}, so its evidence is frozen: you cannot ${change} it. ${frozen.message}`);
}
