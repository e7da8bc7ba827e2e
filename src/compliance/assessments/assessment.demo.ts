import type { DemoContext } from '../../kernel/module.js';
import { PermissionRegistry } from '../../platform/auth/permissions.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import { staffRoles } from '../../platform/auth/roles.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { processes } from '../catalogue/catalogue.queries.js';
import { saveReadiness } from '../readiness/readiness.service.js';
import { saveAnswer, type AnswerInput } from './answers.service.js';
import { assessmentRecord } from './assessment.record.js';
import { lookUpReference } from './record-references.js';
import { rateProcess } from './maturity.service.js';

const day = 86_400_000;

/** The findings a consultant would plausibly raise at a provider a few months into its SMS. */
const findings: Record<string, Omit<AnswerInput, 'evidence'> & { cite?: string[] }> = {
  '9.2-01': { result: 'nonconformant', grade: 'major', notes: 'No internal audit programme exists yet and no audit of the SMS has been held.' },
  '8.7.2-03': { result: 'nonconformant', grade: 'major', notes: 'Continuity plans for the payment gateway and hosting platform have never been tested.', followUp: 'IMP-000003', cite: ['IMP-000003'] },
  '8.2.6-02': { result: 'nonconformant', grade: 'major', notes: 'No configuration audit has been carried out; a sample of 20 CIs found 6 with a wrong owner or location.' },
  '6.2-01': { result: 'nonconformant', grade: 'minor', notes: 'Three of the seven objectives have no target or date ("improve customer satisfaction").' },
  '7.2-01': { result: 'nonconformant', grade: 'minor', notes: 'Competence matrix covers the service desk only; no training records for the change team.' },
  '8.3.3-03': { result: 'nonconformant', grade: 'minor', notes: 'The P1 resolution target in the hosting SLA is not supported by the network team OLA.', followUp: 'IMP-000006', cite: ['IMP-000006'] },
  '9.3-01': { result: 'nonconformant', grade: 'minor', notes: 'The last management review had no input on audit results or supplier performance.' },
  '10.1-02': { result: 'nonconformant', grade: 'minor', notes: 'Corrective actions are closed without checking they worked.' },
  '8.5.1-03': { result: 'nonconformant', grade: 'minor', notes: '4 of 11 emergency changes in the sample had no retrospective approval.' },
  '8.3.4-04': { result: 'not-applicable', justification: 'No lead-supplier arrangement: every supplier in scope is contracted directly by Northwind.' },
  '10.2-01': { result: 'conformant', notes: 'The improvement register records priority and expected benefit; decisions carry a reason.', cite: ['IMP-000001', 'IMP-000002'] },
  '10.2-02': { result: 'partial', notes: 'Improvements are logged from KPIs and audits, but only one has been completed so far.', cite: ['IMP-000001', 'IMP-000003'], improvementOpportunity: 'Review the improvement backlog monthly in the SMS meeting.' },
  '8.6.1-01': { result: 'conformant', notes: 'Sample of 25 incidents: all recorded, prioritised with the matrix and resolved.', improvementOpportunity: 'Add a knowledge check at closure.', cite: ['IMP-000002'] },
};

const partial = new Set([
  '4.2-01', '4.4-01', '5.1-01', '6.1-02', '6.3-01', '7.3-01', '7.5-02', '7.6-01', '8.1-03', '8.1-04', '8.2.3-01', '8.2.5-01',
  '8.3.2-03', '8.3.3-05', '8.3.4-02', '8.4.1-02', '8.4.2-01', '8.4.3-02', '8.5.2-05', '8.5.3-04', '8.6.1-07', '8.6.3-04',
  '8.7.1-03', '8.7.2-04', '8.7.3-03', '9.1-02',
]);

/** Capability levels a gap assessment a few months into the SMS might give, by process. */
const levels: Record<string, number> = {
  'incident-management': 3, 'major-incident-management': 3, 'service-request-management': 3, 'change-management': 2,
  'problem-management': 2, 'configuration-management': 1, 'asset-management': 2, 'service-level-management': 3,
  'continuity-management': 1, 'information-security-management': 3, 'supplier-management': 2, 'service-reporting': 3,
  'capacity-management': 2, 'availability-management': 2, 'release-and-deployment-management': 2, 'service-catalogue-management': 3,
};

const readiness: Record<string, { state: 'done' | 'in-progress'; notes: string }> = {
  'RDY-01': { state: 'done', notes: 'Policy signed by the managing director; SMS budget approved for the year.' },
  'RDY-02': { state: 'done', notes: 'Scope statement v1.2 approved: managed hosting and service desk for UK customers.' },
  'RDY-03': { state: 'in-progress', notes: 'Objectives being rewritten with targets after the gap assessment.' },
  'RDY-06': { state: 'done', notes: 'Service catalogue published on the customer portal.' },
  'RDY-09': { state: 'in-progress', notes: 'Incident, request and change live; configuration audits not yet started.' },
  'RDY-16': { state: 'in-progress', notes: 'Improvement register in use; nonconformity log to follow.' },
};

/** A completed and approved gap assessment of the demo organisation, with maturity and readiness. */
export async function loadAssessmentDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const catalogue = currentCatalogue();
  const manager = await principalOfUser(db, context.usersByRole['sms-manager']!);
  const top = await principalOfUser(db, context.usersByRole['top-management']!);
  const permissions = new PermissionRegistry();
  permissions.grant({ 'improvements:read': staffRoles, 'assessments:read': staffRoles });
  const start = context.now - 45 * day;
  await db.transaction().execute(async (trx) => {
    const created = await createRecord(trx, assessmentRecord, manager, {
      title: 'Initial gap assessment against ISO/IEC 20000-1:2018', kind: 'gap-assessment',
      leadAssessor: manager.userId, ownerId: manager.userId,
      plannedStart: new Date(start).toISOString().slice(0, 10), plannedEnd: new Date(start + 10 * day).toISOString().slice(0, 10),
      objectives: 'Establish how far the SMS is from certification readiness and plan the work to Stage 1.',
    }, start);
    let version = (await transitionRecord(trx, assessmentRecord, manager, created.id, created.version, 'in-progress', {}, start + day)).version;
    // Cite demo improvements only where the improvements module loaded them.
    const available = new Set<string>();
    for (const ref of ['IMP-000001', 'IMP-000002', 'IMP-000003', 'IMP-000006']) if (await lookUpReference(trx, ref)) available.add(ref);
    let at = start + day;
    for (const requirement of catalogue.requirements) {
      at += 2 * 3_600_000;
      const finding = findings[requirement.id];
      const { cite = [], ...answer }: Omit<AnswerInput, 'evidence'> & { cite?: string[] } = finding ?? (partial.has(requirement.id)
        ? { result: 'partial', notes: `Partly in place: ${requirement.verify.charAt(0).toLowerCase()}${requirement.verify.slice(1)} Records exist for part of the scope only.` }
        : { result: 'conformant', notes: `Verified by sampling: ${requirement.verify.charAt(0).toLowerCase()}${requirement.verify.slice(1)}` });
      const evidence: AnswerInput['evidence'] = [
        ...cite.filter((r) => available.has(r)).map((reference) => ({ kind: 'record' as const, reference })),
        ...(answer.result === 'not-applicable' || answer.result === 'nonconformant' ? [] : [{ kind: 'document' as const, title: requirement.evidence[0] ?? requirement.title, location: `SharePoint › SMS › Clause ${requirement.clause}` }]),
      ];
      const followUp = answer.followUp && available.has(answer.followUp) ? answer.followUp : null;
      await saveAnswer(trx, { catalogue, permissions }, manager, created.id, requirement.id, 0, { ...answer, followUp, evidence }, at);
    }
    for (const p of processes(catalogue)) {
      const level = levels[p.process] ?? 2;
      const reason = level >= 3 ? 'Documented procedure followed consistently in the records sampled.' : level === 2 ? 'Planned and tracked, but practice varies between teams.' : 'Done case by case; no documented procedure or records of control.';
      await rateProcess(trx, catalogue, manager, created.id, p.process, 0, { level, reason }, at);
    }
    version = (await transitionRecord(trx, assessmentRecord, manager, created.id, version, 'completed', {
      conclusion: 'The SMS is designed but not yet proven: three major nonconformities (no internal audit, untested continuity plans, no configuration audit) must be closed before Stage 1.',
    }, start + 12 * day)).version;
    await transitionRecord(trx, assessmentRecord, top, created.id, version, 'approved', { approvalNote: 'Accepted by the board; remediation plan to be reviewed monthly.' }, start + 14 * day);
    for (const [itemId, item] of Object.entries(readiness)) {
      await saveReadiness(trx, { catalogue, permissions }, manager, itemId, 0, { state: item.state, notes: item.notes }, start + 15 * day);
    }
  });
}
