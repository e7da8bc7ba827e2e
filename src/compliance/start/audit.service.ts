import type { Executor } from '../../platform/db/database.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import type { Evidence } from '../assessments/evidence.js';
import { snapshotOf } from '../assessments/worksheet.service.js';
import { closedAssessments, headsOf, openAssessments, type AssessmentHead } from './assessments.queries.js';

export interface AuditAssessment extends AssessmentHead {
  requirements: number;
  answered: number;
}

export interface EvidenceEntry {
  requirementId: string;
  clause: string;
  title: string;
  result: string;
  evidence: Evidence;
}

export interface AuditSection {
  inProgress: AuditAssessment[];
  recent: AuditAssessment[];
  /** The evidence index of the first assessment in progress, else of the latest completed one: cited records first, each part in requirement order. */
  evidence: null | { assessment: AssessmentHead; total: number; byKind: { record: number; document: number; attachment: number }; items: EvidenceEntry[]; limit: number };
}

export const evidenceLimit = 30;

/** 9.2: the internal auditor's view: audits planned and under way, the latest completed, and the evidence cited. */
export async function auditSection(db: Executor, catalogue: Catalogue): Promise<AuditSection> {
  const open = await openAssessments(db);
  const closed = await closedAssessments(db, 3);
  const snapshots = new Map(await Promise.all([...open, ...closed].map(async (row) => [row.id, await snapshotOf(db, catalogue, row)] as const)));
  const withCounts = async (rows: typeof open): Promise<AuditAssessment[]> => (await headsOf(db, rows)).map((head, i) => {
    const snapshot = snapshots.get(rows[i]!.id)!;
    return { ...head, requirements: snapshot.requirements.length, answered: snapshot.requirements.filter((r) => snapshot.answers.has(r.id)).length };
  });
  const source = open[0] ?? closed[0];
  let evidence: AuditSection['evidence'] = null;
  if (source) {
    const snapshot = snapshots.get(source.id)!;
    const all = snapshot.requirements.flatMap((r) => {
      const answer = snapshot.answers.get(r.id);
      return (answer?.evidence ?? []).map((e): EvidenceEntry => ({ requirementId: r.id, clause: r.clause, title: r.title, result: answer!.result, evidence: e }));
    });
    const count = (kind: Evidence['kind']) => all.filter((e) => e.evidence.kind === kind).length;
    // Cited records first: they are what the auditor samples; documents and files after them.
    const ordered = [...all.filter((e) => e.evidence.kind === 'record'), ...all.filter((e) => e.evidence.kind !== 'record')];
    evidence = { assessment: (await headsOf(db, [source]))[0]!, total: all.length, byKind: { record: count('record'), document: count('document'), attachment: count('attachment') }, items: ordered.slice(0, evidenceLimit), limit: evidenceLimit };
  }
  return { inProgress: await withCounts(open), recent: await withCounts(closed), evidence };
}
