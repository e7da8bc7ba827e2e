import type { XesKind, XesRecordType } from './xes-mapping.js';

/**
 * What a log's statuses mean in Certus, per kind and record type. `keep` leaves the status as
 * it was (Volvo's "Unmatched", Rabobank's updates); a status a known log never uses is a
 * trace-level issue, while a generic log's unknown statuses keep the status as it was.
 */
export type StatusMeaning = string | 'keep';

type StatusTable = Record<string, StatusMeaning>;

/** Volvo IT (BPIC 2013) incidents: "status/sub-status". */
const volvoIncidents: StatusTable = {
  'Queued/Awaiting Assignment': 'assigned',
  'Accepted/Assigned': 'assigned',
  'Accepted/In Progress': 'in-progress',
  'Accepted/Wait': 'in-progress',
  'Accepted/Wait - Implementation': 'in-progress',
  'Accepted/Wait - User': 'awaiting-caller',
  'Accepted/Wait - Customer': 'awaiting-caller',
  'Accepted/Wait - Vendor': 'awaiting-supplier',
  'Completed/In Call': 'resolved',
  'Completed/Resolved': 'resolved',
  'Completed/Closed': 'closed',
  'Completed/Cancelled': 'closed',
  'Unmatched/Unmatched': 'keep',
};

const volvoProblems: StatusTable = {
  'Queued/Awaiting Assignment': 'new',
  'Accepted/Assigned': 'investigating',
  'Accepted/In Progress': 'investigating',
  'Accepted/Wait': 'investigating',
  'Accepted/Wait - Implementation': 'investigating',
  'Accepted/Wait - User': 'investigating',
  'Accepted/Wait - Customer': 'investigating',
  'Accepted/Wait - Vendor': 'investigating',
  'Completed/In Call': 'resolved',
  'Completed/Resolved': 'resolved',
  'Completed/Closed': 'closed',
  'Completed/Cancelled': 'closed',
  'Unmatched/Unmatched': 'keep',
};

/** Rabobank (BPIC 2014): activities, no statuses; only opening, (re)assignment and closing say one. */
const rabobank: StatusTable = {
  'Open': 'new', 'Assignment': 'assigned', 'Reassignment': 'assigned', 'Closed': 'closed',
  'Status Change': 'keep', 'Operator Update': 'keep', 'Update': 'keep', 'Caused By CI': 'keep', 'Quality Indicator Fixed': 'keep',
};

const tables: Partial<Record<`${XesKind}:${XesRecordType}`, StatusTable>> = {
  'bpic2013-incidents:incidents': volvoIncidents,
  'bpic2013-problems:problems': volvoProblems,
  'bpic2013-problems:incidents': volvoIncidents,
  'bpic2013-incidents:problems': volvoProblems,
  'bpic2014-incident-activity:incidents': rabobank,
};

/** A generic log's status read by its words: enough to tell open from resolved from closed. */
function genericMeaning(status: string, recordType: XesRecordType): StatusMeaning {
  const s = status.toLowerCase();
  if (/cancel|clos|complete/.test(s)) return 'closed';
  if (/resolv|solved|fixed/.test(s)) return 'resolved';
  if (recordType === 'problems') return /open|new|creat|regist|queue/.test(s) ? 'new' : /progress|work|analy|investig|assign/.test(s) ? 'investigating' : 'keep';
  if (/wait|await|pend|hold/.test(s)) return /vendor|supplier|third/.test(s) ? 'awaiting-supplier' : 'awaiting-caller';
  if (/assign|queue|route/.test(s)) return 'assigned';
  if (/progress|work|accept|start/.test(s)) return 'in-progress';
  return /open|new|creat|regist/.test(s) ? 'new' : 'keep';
}

/** The Certus status an event leads to; undefined when a known log never uses this status. */
export function statusMeaning(kind: XesKind, recordType: XesRecordType, status: string, subStatus: string | null): StatusMeaning | undefined {
  const table = tables[`${kind}:${recordType}`];
  if (!table) return genericMeaning(subStatus ? `${status} ${subStatus}` : status, recordType);
  return table[subStatus === null ? status : `${status}/${subStatus}`];
}

export const finalStatuses = ['resolved', 'closed'];
