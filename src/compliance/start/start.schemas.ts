import { Type } from 'typebox';
import { Evidence } from '../assessments/evidence.js';
import { startSectionIds } from './start.sections.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Instant = Nullable(Type.Number({ description: 'epoch milliseconds' }));
const Day = Nullable(Type.String({ description: 'YYYY-MM-DD' }));
const Percent = Nullable(Type.Number({ description: 'percent, one decimal' }));

const WorkItem = Type.Object({
  kind: Type.Enum(['incident', 'service-request', 'request-task']), reference: Type.String(), title: Type.String(), status: Type.String(),
  priority: Nullable(Type.String()), group: Nullable(Type.String()),
  request: Nullable(Type.String({ description: 'the service request a fulfilment task belongs to' })),
  dueAt: Instant, breached: Type.Boolean(), atRisk: Type.Boolean(), paused: Type.Boolean(), createdAt: Type.Number(),
}, { title: 'Start work item' });

const WorkSection = Type.Object({
  groups: Type.Array(Type.String(), { description: 'The groups of the incidents, requests and tasks the reader is assignee of: Certus keeps no group membership' }),
  kinds: Type.Array(Type.Enum(['incident', 'service-request', 'request-task']), { description: 'The kinds of work the reader may pick up' }),
  assigned: Type.Array(WorkItem), unassigned: Type.Array(WorkItem),
  limit: Type.Integer({ description: 'each list holds at most this many, the soonest due' }), now: Type.Number(),
});

const Approval = Type.Object({ reference: Type.String(), title: Type.String(), group: Nullable(Type.String()), requesterId: Nullable(Type.String()), createdAt: Type.Number() });

const AssessmentHead = Type.Object({
  reference: Type.String(), title: Type.String(), kind: Type.String(), kindLabel: Type.String(), status: Type.String(), statusLabel: Type.String(),
  plannedStart: Day, plannedEnd: Day, leadAssessorName: Nullable(Type.String()),
}, { title: 'Start assessment' });

const Overview = Type.Object({
  readiness: Type.Optional(Type.Object({ percentDone: Type.Integer(), done: Type.Integer(), inProgress: Type.Integer(), notStarted: Type.Integer(), notApplicable: Type.Integer() })),
  assessment: Type.Optional(Nullable(Type.Object({
    head: AssessmentHead,
    maturity: Type.Object({
      floor: Type.Integer(), average: Percent, minimum: Nullable(Type.Integer()), rated: Type.Integer(), unrated: Type.Integer(), belowFloor: Type.Array(Type.String()),
      processes: Type.Array(Type.Object({ process: Type.String(), title: Type.String(), level: Nullable(Type.Integer()) })),
    }),
    findings: Type.Object({ major: Type.Integer(), minor: Type.Integer(), partial: Type.Integer() }),
  }, { description: 'The latest completed or approved assessment; null when none exists' }))),
  audits: Type.Optional(Type.Array(AssessmentHead, { description: 'Assessments and audits planned or in progress' })),
  improvements: Type.Optional(Type.Object({
    byStatus: Type.Array(Type.Object({ status: Type.String(), label: Type.String(), count: Type.Integer() })), open: Type.Integer(),
    overdue: Type.Integer({ description: 'open with a target date before today' }), today: Type.String({ description: 'YYYY-MM-DD (UTC)' }),
  })),
  sla: Type.Optional(Type.Object({
    from: Type.String(), to: Type.String(), target: Type.Number(),
    months: Type.Array(Type.Object({ month: Type.String(), attainmentPercent: Percent, breaches: Type.Integer() })),
    attainmentPercent: Percent, atRiskNow: Type.Integer(), breachedOpenNow: Type.Integer(),
    servicesOffTarget: Type.Array(Type.Object({ service: Type.String(), name: Nullable(Type.String()), attainmentPercent: Type.Number() })),
    kpisOffTarget: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), value: Type.Number() })),
  })),
});

const AuditAssessment = Type.Object({ ...AssessmentHead.properties, requirements: Type.Integer(), answered: Type.Integer({ description: 'requirements answered, own or carried over' }) });
const Audit = Type.Object({
  inProgress: Type.Array(AuditAssessment), recent: Type.Array(AuditAssessment),
  evidence: Nullable(Type.Object({
    assessment: AssessmentHead, total: Type.Integer(),
    byKind: Type.Object({ record: Type.Integer(), document: Type.Integer(), attachment: Type.Integer() }),
    items: Type.Array(Type.Object({ requirementId: Type.String(), clause: Type.String(), title: Type.String(), result: Type.String(), evidence: Evidence })),
    limit: Type.Integer(),
  })),
});

export const StartPage = Type.Object({
  sections: Type.Array(Type.Enum([...startSectionIds]), { description: 'The sections for the reader\'s roles, in the order shown' }),
  work: Type.Optional(WorkSection),
  approvals: Type.Optional(Type.Object({ items: Type.Array(Approval), limit: Type.Integer() })),
  overview: Type.Optional(Overview),
  audit: Type.Optional(Audit),
}, { title: 'Start page' });
