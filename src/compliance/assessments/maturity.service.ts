import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/app-error.js';
import { newId } from '../../platform/db/ids.js';
import { appendHistory } from '../../kernel/history/history.service.js';
import { getRecord } from '../../kernel/records/record.service.js';
import type { RecordRow } from '../../kernel/records/record-row.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { assertOpen } from './answers.service.js';
import { assessmentRecord } from './assessment.record.js';
import { parseScope, processesInScope, requirementsInScope } from './assessment-scope.js';

/** The guide's recommended floor, Established (3) for every process in scope; ISO/IEC 20000-1 itself sets no maturity level. */
export const certificationFloor = 3;

export interface MaturityRating {
  process: string;
  clause: string;
  title: string;
  level: number | null;
  levelName: string | null;
  reason: string | null;
  assessorId: string | null;
  assessedAt: number | null;
  version: number;
  belowFloor: boolean;
}

export interface MaturityRollUp {
  floor: number;
  processes: MaturityRating[];
  rated: number;
  unrated: number;
  average: number | null;
  minimum: number | null;
  belowFloor: string[];
  certificationCapable: boolean;
}

export async function maturityOf(db: Executor, catalogue: Catalogue, assessment: RecordRow): Promise<MaturityRollUp> {
  const inScope = processesInScope(catalogue, requirementsInScope(catalogue, parseScope(catalogue, assessment.scope as string | null)));
  const rows = await db.selectFrom('assessment_maturity').selectAll().where('assessment_id', '=', assessment.id).execute();
  const byProcess = new Map(rows.map((r) => [r.process, r]));
  const names = new Map(catalogue.capabilityLevels.map((l) => [l.level, l.name]));
  const ratings = inScope.map((p): MaturityRating => {
    const row = byProcess.get(p.process);
    const level = row ? Number(row.level) : null;
    return {
      ...p, level, levelName: level === null ? null : names.get(level) ?? null, reason: row?.reason ?? null,
      assessorId: row?.assessor_id ?? null, assessedAt: row ? Number(row.assessed_at) : null, version: row?.version ?? 0,
      belowFloor: level !== null && level < certificationFloor,
    };
  });
  const levels = ratings.flatMap((r) => (r.level === null ? [] : [r.level]));
  const belowFloor = ratings.filter((r) => r.belowFloor).map((r) => r.process);
  return {
    floor: certificationFloor,
    processes: ratings,
    rated: levels.length,
    unrated: ratings.length - levels.length,
    average: levels.length ? Math.round((levels.reduce((a, b) => a + b, 0) / levels.length) * 10) / 10 : null,
    minimum: levels.length ? Math.min(...levels) : null,
    belowFloor,
    certificationCapable: ratings.length > 0 && levels.length === ratings.length && belowFloor.length === 0,
  };
}

/** Sets one process's capability level in an assessment, with the assessor's reason. */
export async function rateProcess(
  trx: Trx, catalogue: Catalogue, principal: Principal, assessmentKey: string, process: string,
  expectedVersion: number, input: { level: number; reason: string }, now = Date.now(),
): Promise<MaturityRating> {
  const assessment = await getRecord(trx, assessmentRecord, assessmentKey);
  assertOpen(assessment, 'maturity ratings');
  if (!catalogue.capabilityLevels.some((l) => l.level === input.level)) throw AppError.validation('level', 'must be a capability level 0-5');
  const reason = input.reason.trim();
  if (!reason) throw AppError.validation('reason', 'is required: say what evidence puts the process at this level');
  const inScope = processesInScope(catalogue, requirementsInScope(catalogue, parseScope(catalogue, assessment.scope as string | null)));
  if (!inScope.some((p) => p.process === process)) {
    const known = catalogue.clauses.some((c) => c.process === process);
    throw known ? AppError.validation('process', `${process} is outside the scope of ${assessment.reference}`) : AppError.notFound(`Process ${process}`);
  }
  const current = await trx.selectFrom('assessment_maturity').selectAll().where('assessment_id', '=', assessment.id).where('process', '=', process).executeTakeFirst();
  const currentVersion = current?.version ?? 0;
  const stale = () => new AppError('precondition-failed', `The ${process} rating in ${assessment.reference} was changed by someone else (now version ${currentVersion}, you sent ${expectedVersion}). Reload it and apply your change again.`, { currentVersion });
  if (currentVersion !== expectedVersion) throw stale();
  const changes = [
    { field: 'level', from: current ? Number(current.level) : null, to: input.level },
    { field: 'reason', from: current?.reason ?? null, to: reason },
  ].filter((c) => c.from !== c.to);
  if (current && changes.length === 0) return (await maturityOf(trx, catalogue, assessment)).processes.find((p) => p.process === process)!;
  const written = current
    ? await trx.updateTable('assessment_maturity').set({ level: input.level, reason, assessor_id: principal.userId, assessed_at: now, version: currentVersion + 1 })
      .where('id', '=', current.id).where('version', '=', currentVersion).returning('id').executeTakeFirst()
    : await trx.insertInto('assessment_maturity')
      .values({ id: newId(), assessment_id: assessment.id, process, level: input.level, reason, assessor_id: principal.userId, assessed_at: now, version: 1 })
      .onConflict((oc) => oc.columns(['assessment_id', 'process']).doNothing()).returning('id').executeTakeFirst();
  if (!written) throw stale();
  await appendHistory(trx, { recordType: assessmentRecord.type, recordId: assessment.id, kind: 'updated', actorId: principal.userId, at: now, data: { process, changes } });
  return (await maturityOf(trx, catalogue, assessment)).processes.find((p) => p.process === process)!;
}
