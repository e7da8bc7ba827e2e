import type { FieldDefinition } from '../../kernel/records/record-type.js';
import type { FieldValues } from '../../kernel/records/record-row.js';

/** The priorities an agreement sets targets for; the incident module's priority values. */
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

export const measures = ['response', 'resolution'] as const;
export type Measure = (typeof measures)[number];

/** `p1ResponseMinutes`, `p4ResolutionMinutes` … */
export function targetField(priority: Priority, measure: Measure): string {
  return `${priority.toLowerCase()}${measure === 'response' ? 'Response' : 'Resolution'}Minutes`;
}

export const targetFieldNames: string[] = priorities.flatMap((p) => measures.map((m) => targetField(p, m)));

/** Eight integer fields: first response and resolution per priority, in business minutes. */
export const targetFields: Record<string, FieldDefinition> = Object.fromEntries(priorities.flatMap((p) => measures.map((m) => [
  targetField(p, m),
  { kind: 'integer', label: `${p} ${m} target`, unit: 'minutes', minimum: 1, maximum: 525_600, help: `Business minutes of the agreement's calendar allowed for ${m === 'response' ? 'the first response to' : 'resolving'} a ${p} ticket` } satisfies FieldDefinition,
])));

/** Targets in business minutes; null where the agreement sets none. */
export type AgreementTargets = Record<Priority, Record<Measure, number | null>>;

export function targetsOf(values: FieldValues): AgreementTargets {
  const targets = {} as AgreementTargets;
  for (const p of priorities) {
    const read = (m: Measure) => {
      const v = values[targetField(p, m)];
      return typeof v === 'number' ? v : null;
    };
    targets[p] = { response: read('response'), resolution: read('resolution') };
  }
  return targets;
}

/** Row columns (`p1_response_minutes` …) to targets. */
export function targetsOfRow(row: Record<string, unknown>): AgreementTargets {
  const values: FieldValues = {};
  for (const name of targetFieldNames) {
    const v = row[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
    values[name] = v === null || v === undefined ? null : Number(v);
  }
  return targetsOf(values);
}
