/**
 * Typed relations between records. Each has a reading from either end, so that a link made
 * from an incident to a change reads "caused by CHG-…" on the incident and "causes INC-…" on
 * the change.
 */
export const linkTypes = [
  { id: 'relates-to', label: 'relates to', inverse: 'relates to' },
  { id: 'caused-by', label: 'caused by', inverse: 'causes' },
  { id: 'duplicates', label: 'duplicates', inverse: 'is duplicated by' },
  { id: 'depends-on', label: 'depends on', inverse: 'is needed by' },
  { id: 'groups', label: 'groups', inverse: 'is grouped under' },
  { id: 'underpinned-by', label: 'is underpinned by', inverse: 'underpins' },
  { id: 'implements', label: 'implements', inverse: 'is implemented by' },
  { id: 'raised-from', label: 'was raised from', inverse: 'raised' },
  { id: 'evidences', label: 'is evidence for', inverse: 'is evidenced by' },
] as const;

export type LinkType = (typeof linkTypes)[number]['id'];
export const linkTypeIds = linkTypes.map((l) => l.id);
