import type { DemoContext } from '../../kernel/module.js';
import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { PermissionRegistry } from '../../platform/auth/permissions.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import { RecordTypeRegistry } from '../../kernel/records/record-registry.js';
import { permissionsOf } from '../../kernel/records/record-type.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import { modules } from '../../modules/registry.js';
import { improvementRecord } from '../../modules/improvements/index.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { processes } from '../catalogue/catalogue.queries.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { maxEvidencePerAnswer } from './evidence.js';
import { saveReadiness } from '../readiness/readiness.service.js';
import { evaluateRules } from '../rules/rules.engine.js';
import { saveAnswer } from './answers.service.js';
import { assessmentRecord } from './assessment.record.js';
import { answerFromRule, levelFromCounts, readinessFromAnswers, unassessedAnswer, type DemoAnswer } from './assessment-demo.answers.js';
import { emptyCounts } from './heatmap.js';
import { lookUpReference } from './record-references.js';
import { rateProcess } from './maturity.service.js';

const hour = 3_600_000;
const day = 24 * hour;

/**
 * The few answers the story writes by hand, each for a documented reason (docs/compliance.md,
 * "The demo"). Each is used only when every record it cites exists; otherwise the requirement
 * falls back to the rule or to not assessed.
 */
const storyAnswers: Record<string, DemoAnswer> = {
  // The rule judges the findings of completed assessments; before this, the first one, none
  // had been raised, and an assessor does not judge the follow-up of findings she is raising.
  '10.1-01': { result: 'not-assessed', grade: null, followUp: null, cite: [], notes: 'Not assessed: this is Northwind\'s first assessment, so no earlier nonconformity had been raised to follow up. Each of its own nonconformities is given an owned corrective action as it is raised; rule 10.1-01 judges them once it is completed.' },
  // No rule reads workarounds against corrective actions; the problem records show both halves.
  '8.6.3-03': { result: 'partial', grade: null, followUp: null, cite: ['PRB-000001', 'PRB-000002'], notes: 'Workarounds are recorded with the known errors (PRB-000001, PRB-000002). PRB-000002 was closed as resolved by a change, but no review of that change\'s effectiveness is recorded on it.' },
  // The one supplier record Certus holds is the carrier contract; there is no supplier register.
  '8.3.4-01': { result: 'partial', grade: null, followUp: null, cite: ['UC-000001'], notes: 'One underpinning contract is recorded in Certus (UC-000001, the Acme Networks carrier services contract). Certus holds no supplier register, so whether every supplier is listed with its contract and scope of supply was not established.' },
};

/** Improvements already raised for a gap the rules find: named as the follow-up where the gap is found. */
const followUps: Record<string, string> = {
  // IMP-000006 "Review OLA targets with the network team": the SLA-OLA inconsistency of 8.3.3-03.
  '8.3.3-03': 'IMP-000006',
};

/** The server's record types and read grants, rebuilt: the demo context carries no assembly. */
function citing(): { permissions: PermissionRegistry; registry: RecordTypeRegistry } {
  const registry = new RecordTypeRegistry();
  for (const def of [...modules.flatMap((m) => m.recordTypes), assessmentRecord]) registry.register(def);
  const permissions = new PermissionRegistry();
  permissions.grant(registry.grants());
  return { permissions, registry };
}

/** The references among `cited` that exist and that `principal` may read, at most the limit an answer takes. */
async function citable(db: Executor, cited: string[], principal: Principal, ctx: ReturnType<typeof citing>): Promise<string[]> {
  const kept: string[] = [];
  for (const reference of new Set(cited)) {
    const def = ctx.registry.typeOfReference(reference);
    if (!def || !ctx.permissions.allows(principal.roles, permissionsOf(def).read)) continue;
    if (await lookUpReference(db, reference)) kept.push(reference);
    if (kept.length === maxEvidencePerAnswer) break;
  }
  return kept;
}

/**
 * Each requirement's answer: the story's where its records exist, else the rule's, else not
 * assessed. `raised` names the corrective actions raised for nonconformities, by requirement.
 */
async function demoAnswers(
  db: Executor, catalogue: Catalogue, principal: Principal, ctx: ReturnType<typeof citing>, at: number, raised: Map<string, string> = new Map(),
): Promise<Map<string, DemoAnswer>> {
  const results = await evaluateRules(db, catalogue, undefined, at);
  const answers = new Map<string, DemoAnswer>();
  for (const requirement of catalogue.requirements) {
    const story = storyAnswers[requirement.id];
    const storyHolds = story && (await citable(db, story.cite, principal, ctx)).length === story.cite.length;
    const rule = results.get(requirement.id);
    const answer = storyHolds ? story : rule ? answerFromRule(rule) : unassessedAnswer(requirement);
    const followUp = answer.result === 'nonconformant' ? raised.get(requirement.id) : followUps[requirement.id];
    const followed = followUp && (answer.result === 'partial' || answer.result === 'nonconformant') && (await citable(db, [followUp], principal, ctx)).length === 1;
    answers.set(requirement.id, { ...answer, followUp: followed ? followUp : null, cite: await citable(db, answer.cite, principal, ctx) });
  }
  return answers;
}

function conclusionOf(answers: Map<string, DemoAnswer>): string {
  const with_ = (result: string) => [...answers].filter(([, a]) => a.result === result).map(([id, a]) => ({ id, grade: a.grade }));
  const nonconformant = with_('nonconformant');
  const assessed = with_('conformant').length + with_('partial').length + nonconformant.length;
  const findings = nonconformant.map((n) => `${n.id} (${n.grade})`).join(', ');
  return `Judged from the records Certus holds: ${assessed} of ${answers.size} requirements assessed (${with_('conformant').length} conformant, ${with_('partial').length} partial, ${nonconformant.length} nonconformant${findings ? `: ${findings}` : ''}). The other ${answers.size - assessed} are not assessed: their processes keep no records in Certus, or no rule judges them. Before Stage 1 the nonconformities must be closed and the unassessed processes shown with records.`;
}

/**
 * A completed and approved gap assessment of the demo organisation, with maturity and readiness,
 * judged from the rule engine's results on the records the other demos created. It must run after
 * every loader that creates records the rules read (src/demo.ts runs it last).
 */
export async function loadAssessmentDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const catalogue = currentCatalogue();
  const manager = await principalOfUser(db, context.usersByRole['sms-manager']!);
  const top = await principalOfUser(db, context.usersByRole['top-management']!);
  const owner = await principalOfUser(db, context.usersByRole['process-owner']!);
  const cite = citing();
  // Held over the last two days; the rules are read as it is completed, as its frozen results are.
  const start = context.now - 2 * day;
  const completedAt = context.now - 2 * hour;
  await db.transaction().execute(async (trx) => {
    const created = await createRecord(trx, assessmentRecord, manager, {
      title: 'Initial gap assessment against ISO/IEC 20000-1:2018', kind: 'gap-assessment',
      leadAssessor: manager.userId, ownerId: manager.userId,
      plannedStart: new Date(start).toISOString().slice(0, 10), plannedEnd: new Date(context.now).toISOString().slice(0, 10),
      objectives: 'Establish from the records Certus holds how far the SMS is from certification readiness, and plan the work to Stage 1.',
    }, start);
    let version = (await transitionRecord(trx, assessmentRecord, manager, created.id, created.version, 'in-progress', {}, start + hour)).version;
    const answeredAt = new Map(catalogue.requirements.map((r, i) => [r.id, start + hour + (i + 1) * 15 * 60_000]));
    // Each nonconformity gets an owned corrective action as it is raised (10.1); the rules are then
    // read again, so the improvement rules (10.2) see the register as it stands at completion.
    const raised = new Map<string, string>();
    for (const [requirementId, answer] of await demoAnswers(trx, catalogue, manager, cite, completedAt)) {
      if (answer.result !== 'nonconformant') continue;
      const requirement = catalogue.requirements.find((r) => r.id === requirementId)!;
      const at = answeredAt.get(requirementId)!;
      const action = await createRecord(trx, improvementRecord, manager, {
        title: `Corrective action for nonconformity ${requirementId} (${requirement.title})`, source: 'audit',
        priority: answer.grade === 'major' ? 'high' : 'medium', ownerId: owner.userId,
        description: `Raised from ${created.reference}. ${answer.notes}`,
        expectedBenefit: `Nonconformity ${requirementId} (${answer.grade}) of ${created.reference} closed before Stage 1, with records showing it.`,
        targetDate: new Date(at + 60 * day).toISOString().slice(0, 10),
      }, at);
      raised.set(requirementId, action.reference);
    }
    const answers = await demoAnswers(trx, catalogue, manager, cite, completedAt, raised);
    let at = start + hour;
    for (const [requirementId, answer] of answers) {
      at = answeredAt.get(requirementId)!;
      await saveAnswer(trx, { catalogue, permissions: cite.permissions }, manager, created.id, requirementId, 0, {
        result: answer.result, grade: answer.grade, notes: answer.notes, followUp: answer.followUp,
        evidence: answer.cite.map((reference) => ({ kind: 'record' as const, reference })),
      }, at);
    }
    for (const p of processes(catalogue)) {
      const counts = emptyCounts();
      for (const r of catalogue.requirements.filter((q) => q.clause === p.clause)) counts[answers.get(r.id)?.result ?? 'unanswered'] += 1;
      const rating = levelFromCounts(counts);
      if (rating) await rateProcess(trx, catalogue, manager, created.id, p.process, 0, rating, at);
    }
    version = (await transitionRecord(trx, assessmentRecord, manager, created.id, version, 'completed', { conclusion: conclusionOf(answers) }, completedAt)).version;
    await transitionRecord(trx, assessmentRecord, top, created.id, version, 'approved', { approvalNote: 'Accepted by the board; remediation plan to be reviewed monthly.' }, completedAt + hour);
    for (const item of catalogue.readiness) {
      const readiness = readinessFromAnswers(item.requirements, answers);
      if (!readiness) continue;
      await saveReadiness(trx, { catalogue, permissions: cite.permissions }, manager, item.id, 0, {
        state: readiness.state, notes: readiness.notes, evidence: readiness.cite.slice(0, maxEvidencePerAnswer).map((reference) => ({ kind: 'record' as const, reference })),
      }, completedAt + 90 * 60_000);
    }
  });
}
