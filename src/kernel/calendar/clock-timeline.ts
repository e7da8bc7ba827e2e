import type { TimelineEvent } from './clock-definition.js';

/**
 * Derives a clock timeline from a record's history events (the shape the kernel's history
 * service stores: `created` with `status` and `fields`, `updated` with `changes`,
 * `transitioned` with `to` and `changes`). Declared structurally so the calendar stays free of
 * database code.
 */
export interface HistoryLike {
  kind: string;
  at: number;
  data: Record<string, unknown>;
}

/** Which record fields feed the clock. Defaults: priority, slaId, assignmentGroup, supplier, firstRespondedAt. */
export interface TimelineFieldNames {
  priority?: string;
  slaId?: string;
  assignmentGroup?: string;
  /** A non-empty supplier field means a supplier holds the ticket. */
  supplier?: string;
  /** Setting this field (e.g. the first-response time) marks the first response. */
  respondedAt?: string;
}

interface FieldChangeLike {
  field: string;
  to: unknown;
}

function asText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function timelineFromHistory(entries: readonly HistoryLike[], names: TimelineFieldNames = {}): TimelineEvent[] {
  const fields = {
    priority: names.priority ?? 'priority',
    slaId: names.slaId ?? 'slaId',
    assignmentGroup: names.assignmentGroup ?? 'assignmentGroup',
    supplier: names.supplier ?? 'supplier',
    respondedAt: names.respondedAt ?? 'firstRespondedAt',
  };
  const apply = (event: TimelineEvent, field: string, value: unknown): void => {
    if (field === fields.priority) {
      const priority = asText(value);
      if (priority !== null) event.priority = priority;
    } else if (field === fields.slaId) event.slaId = asText(value);
    else if (field === fields.assignmentGroup) event.assignmentGroup = asText(value);
    else if (field === fields.supplier) {
      event.supplier = asText(value);
      event.supplierHeld = event.supplier !== null;
    } else if (field === fields.respondedAt && value !== null && value !== undefined) event.responded = true;
  };
  const timeline: TimelineEvent[] = [];
  for (const entry of [...entries].sort((a, b) => a.at - b.at)) {
    const event: TimelineEvent = { at: entry.at };
    if (entry.kind === 'created') {
      const status = asText(entry.data.status);
      if (status !== null) event.status = status;
      const values = entry.data.fields;
      if (typeof values === 'object' && values !== null) {
        for (const [field, value] of Object.entries(values)) apply(event, field, value);
      }
    } else if (entry.kind === 'updated' || entry.kind === 'transitioned') {
      if (entry.kind === 'transitioned') {
        const status = asText(entry.data.to);
        if (status !== null) event.status = status;
      }
      const changes = entry.data.changes;
      if (Array.isArray(changes)) {
        for (const change of changes as FieldChangeLike[]) apply(event, change.field, change.to);
      }
    } else continue;
    if (Object.keys(event).length > 1) timeline.push(event);
  }
  return timeline;
}
