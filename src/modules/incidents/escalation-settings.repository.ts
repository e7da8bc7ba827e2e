import type { Executor, Trx } from '../../platform/db/database.js';
import { readJson, writeJson } from '../../platform/db/columns.js';
import { AppError } from '../../platform/http/app-error.js';
import { appendHistory } from '../../kernel/history/history.service.js';
import { defaultEscalation, escalationProblems, type EscalationSettings } from './escalation.js';

/** The settings' own history chain: who changed escalation, and when, is evidence (8.6.1). */
export const escalationHistoryId = 'incident-escalation-settings';

export interface VersionedEscalation {
  settings: EscalationSettings;
  /** 0 while the defaults apply. */
  version: number;
}

export async function currentEscalation(db: Executor): Promise<VersionedEscalation> {
  const row = await db.selectFrom('incident_escalation_settings').select(['settings', 'version']).where('id', '=', escalationHistoryId).executeTakeFirst();
  return row ? { settings: readJson<EscalationSettings>(row.settings), version: row.version } : { settings: defaultEscalation, version: 0 };
}

export async function replaceEscalation(trx: Trx, settings: EscalationSettings, expectedVersion: number, actorId: string, now = Date.now()): Promise<VersionedEscalation> {
  const problems = escalationProblems(settings);
  if (problems.length) throw new AppError('validation', `The escalation levels are not usable: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`, { errors: problems });
  const before = await currentEscalation(trx);
  if (before.version !== expectedVersion) {
    throw new AppError('precondition-failed', `The escalation levels were changed by someone else (now version ${before.version}, you sent ${expectedVersion}). Reload them and apply your change again.`, { currentVersion: before.version });
  }
  const version = before.version + 1;
  const values = { settings: writeJson(settings), version, updated_by: actorId, updated_at: now };
  // The version check again in the write itself, for two managers saving at the same moment.
  const written = before.version === 0
    ? (await trx.insertInto('incident_escalation_settings').values({ id: escalationHistoryId, ...values }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows
    : (await trx.updateTable('incident_escalation_settings').set(values).where('id', '=', escalationHistoryId).where('version', '=', expectedVersion).executeTakeFirst()).numUpdatedRows;
  if (Number(written ?? 0) !== 1) throw new AppError('precondition-failed', 'The escalation levels were changed by someone else a moment ago. Reload them and apply your change again.');
  await appendHistory(trx, { recordType: 'incident-escalation-settings', recordId: escalationHistoryId, kind: 'updated', actorId, at: now, data: { from: before.settings, to: settings } }, { first: before.version === 0 });
  return { settings, version };
}
