import { certusNs, controlId, oscalVersion, stableUuid, type OscalProperty } from '../catalogue/oscal.common.js';
import { evidenceLabel } from '../assessments/evidence.js';
import type { Answer } from '../assessments/answers.service.js';
import { resultLabels, type AssessmentReport } from './report-data.js';

const iso = (ms: number) => new Date(ms).toISOString();
/** OSCAL strings may not start or end with white space, nor be empty. */
const text = (value: string | null | undefined, fallback: string): string => (value?.trim() ? value.trim() : fallback);

function status(answer: Answer): { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' | 'other' } {
  switch (answer.result) {
    case 'conformant': return { state: 'satisfied', reason: 'pass' };
    case 'nonconformant': return { state: 'not-satisfied', reason: 'fail' };
    case 'not-applicable': return { state: 'satisfied', reason: 'other' };
    default: return { state: 'not-satisfied', reason: 'other' };
  }
}

/**
 * One assessment as an OSCAL 1.2.1 assessment-results document: one result whose reviewed
 * controls are the requirements in scope (controls of the Certus OSCAL catalog), one finding per
 * answered requirement, and one observation per answer that cites evidence. The assessment
 * record is the plan; import-ap points at it by reference.
 */
export function toOscalAssessmentResults(report: AssessmentReport) {
  const a = report.assessment;
  const answered = report.rows.filter((r): r is typeof r & { answer: Answer } => r.answer !== null && r.answer.result !== 'not-assessed');
  const lastAnswer = Math.max(Number(a.updated_at), ...answered.map((r) => r.answer.answeredAt));
  const docUuid = stableUuid(`assessment-results:${a.id}@${lastAnswer}`);
  const assessors = [...new Map(answered.map((r) => [r.answer.assessorId, r.assessorName ?? 'Assessor'])).entries()];
  const partyUuid = (userId: string) => stableUuid(`party:${userId}`);
  const all = report.rows.length === report.catalogue.requirements.length;

  const observations = answered.filter((r) => r.answer.evidence.length > 0).map((r) => ({
    uuid: stableUuid(`observation:${a.id}:${r.requirement.id}:${r.answer.answeredAt}`),
    title: `Evidence for ${r.requirement.id}`,
    description: text(r.answer.notes, `Evidence examined for ${r.requirement.id} ${r.requirement.title}.`),
    methods: ['EXAMINE'],
    origins: [{ actors: [{ type: 'party', 'actor-uuid': partyUuid(r.answer.assessorId) }] }],
    'relevant-evidence': r.answer.evidence.map((e) => ({
      description: evidenceLabel(e),
      ...(e.kind === 'document' && /^https?:\/\//.test(e.location) ? { href: e.location } : {}),
      props: [{ name: 'evidence-kind', ns: certusNs, value: e.kind }, ...(e.kind === 'record' ? [{ name: 'record-reference', ns: certusNs, value: e.reference }] : [])],
    })),
    collected: iso(r.answer.answeredAt),
  }));
  const observationOf = new Map(observations.map((o, i) => [answered.filter((r) => r.answer.evidence.length > 0)[i]!.requirement.id, o.uuid]));

  const findings = answered.map((r) => {
    const props: OscalProperty[] = [{ name: 'result', ns: certusNs, value: r.answer.result }];
    if (r.answer.grade) props.push({ name: 'grade', ns: certusNs, value: r.answer.grade });
    if (r.answer.carriedFrom) props.push({ name: 'carried-from', ns: certusNs, value: r.answer.carriedFrom });
    if (r.answer.followUp) props.push({ name: 'follow-up', ns: certusNs, value: r.answer.followUp });
    const observation = observationOf.get(r.requirement.id);
    const remarks = [r.answer.justification, r.answer.improvementOpportunity ? `Opportunity for improvement: ${r.answer.improvementOpportunity}` : null].filter(Boolean).join('\n\n');
    return {
      uuid: stableUuid(`finding:${a.id}:${r.requirement.id}:${r.answer.answeredAt}`),
      title: `${r.requirement.id} ${r.requirement.title}`,
      description: text(r.answer.notes, `${resultLabels[r.answer.result]}${r.answer.grade ? ` (${r.answer.grade})` : ''}.`),
      props,
      origins: [{ actors: [{ type: 'party', 'actor-uuid': partyUuid(r.answer.assessorId) }] }],
      target: {
        type: 'objective-id', 'target-id': controlId(r.requirement.id),
        status: status(r.answer),
      },
      ...(observation ? { 'related-observations': [{ 'observation-uuid': observation }] } : {}),
      ...(remarks ? { remarks } : {}),
    };
  });

  const result = {
    uuid: stableUuid(`result:${a.id}@${lastAnswer}`),
    title: `${report.kindLabel}: ${report.title}`,
    description: text(a.objectives as string | null, `${report.kindLabel} of the service management system against ${report.catalogue.info.standard}; scope: ${report.scopeText}.`),
    start: iso(Number(a.created_at)),
    ...(a.status === 'completed' || a.status === 'approved' ? { end: iso(Number(a.updated_at)) } : {}),
    props: [
      { name: 'assessment-kind', ns: certusNs, value: String(a.kind) },
      { name: 'assessment-status', ns: certusNs, value: a.status },
    ],
    'reviewed-controls': {
      'control-selections': [all
        ? { description: 'Every requirement of Clauses 4-10.', 'include-all': {} }
        : { description: `In scope: ${report.scopeText}.`, 'include-controls': report.rows.map((r) => ({ 'control-id': controlId(r.requirement.id) })) }],
    },
    ...(observations.length ? { observations } : {}),
    ...(findings.length ? { findings } : {}),
    ...(a.conclusion ? { remarks: String(a.conclusion) } : {}),
  };

  return {
    'assessment-results': {
      uuid: docUuid,
      metadata: {
        title: `${a.reference} ${report.title}`,
        'last-modified': iso(lastAnswer),
        version: String(a.version),
        'oscal-version': oscalVersion,
        props: [{ name: 'assessment-reference', ns: certusNs, value: a.reference }],
        ...(assessors.length ? {
          roles: [{ id: 'assessor', title: 'Assessor' }],
          parties: assessors.map(([id, name]) => ({ uuid: partyUuid(id), type: 'person', name })),
          'responsible-parties': [{ 'role-id': 'assessor', 'party-uuids': assessors.map(([id]) => partyUuid(id)) }],
        } : {}),
      },
      'import-ap': { href: `#${a.reference}`, remarks: `The plan is assessment record ${a.reference} in Certus (scope, objectives and dates); no separate OSCAL assessment plan is published.` },
      results: [result],
    },
  };
}
