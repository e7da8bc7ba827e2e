import type { Executor, Trx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/app-error.js';
import { appendHistory } from '../../kernel/history/history.service.js';
import { defaultPriorityMatrix, levels, matrixProblems, type Level, type Priority, type PriorityMatrix } from './priority-matrix.js';

/** The matrix's own history chain, so that who changed prioritisation, and when, is evidence. */
export const matrixHistoryId = 'incident-priority-matrix';

export async function currentMatrix(db: Executor): Promise<PriorityMatrix> {
  const rows = await db.selectFrom('incident_priority_matrix').selectAll().execute();
  if (rows.length === 0) return defaultPriorityMatrix;
  const matrix = structuredClone(defaultPriorityMatrix);
  for (const r of rows) matrix[r.impact as Level][r.urgency as Level] = r.priority as Priority;
  return matrix;
}

/** The matrix's version for If-Match: 1 for the default, one more for each change since. */
export async function matrixVersion(db: Executor): Promise<number> {
  const head = await db.selectFrom('history_heads').select('seq').where('record_id', '=', matrixHistoryId).executeTakeFirst();
  return Number(head?.seq ?? 0) + 1;
}

const stale = (current: number, sent: number) => new AppError('precondition-failed', `The priority matrix was changed by someone else (now version ${current}, you sent ${sent}). Reload it and apply your change again.`, { currentVersion: current });

export async function replaceMatrix(trx: Trx, matrix: PriorityMatrix, actorId: string, expectedVersion: number, now = Date.now()): Promise<{ matrix: PriorityMatrix; version: number }> {
  const problems = matrixProblems(matrix);
  if (problems.length) throw new AppError('validation', `The priority matrix is not usable: ${problems.join('; ')}.`, { errors: problems.map((reason) => ({ field: 'matrix', reason })) });
  const current = await matrixVersion(trx);
  if (current !== expectedVersion) throw stale(current, expectedVersion);
  const before = await currentMatrix(trx);
  await trx.deleteFrom('incident_priority_matrix').execute();
  await trx.insertInto('incident_priority_matrix').values(levels.flatMap((impact) => levels.map((urgency) => ({ impact, urgency, priority: matrix[impact][urgency] })))).execute();
  // The chain's head is bumped under its row lock: a change committed meanwhile shows here.
  const event = await appendHistory(trx, { recordType: 'incident-priority-matrix', recordId: matrixHistoryId, kind: 'updated', actorId, at: now, data: { from: before, to: matrix } });
  if (event.seq !== expectedVersion) throw stale(event.seq, expectedVersion);
  return { matrix, version: event.seq + 1 };
}
