import type { PageMeta, RecordType } from '../shared/types';

/** The standard's structure, used to place each record type in the menu by its clause. */
export interface NavigationGroup {
  id: string;
  label: string;
  matches(clause: string): boolean;
}

const under = (prefix: string) => (clause: string) => clause === prefix || clause.startsWith(`${prefix}.`);

export const navigationGroups: NavigationGroup[] = [
  { id: 'context', label: 'Context, leadership, planning and support (4–7)', matches: (c) => /^[4-7](\.|$)/.test(c) },
  { id: 'portfolio', label: 'Service portfolio (8.2)', matches: under('8.2') },
  { id: 'relationship', label: 'Relationship and agreement (8.3)', matches: under('8.3') },
  { id: 'supply', label: 'Supply and demand (8.4)', matches: under('8.4') },
  { id: 'design', label: 'Design, build and transition (8.5)', matches: under('8.5') },
  { id: 'resolution', label: 'Resolution and fulfilment (8.6)', matches: under('8.6') },
  { id: 'assurance', label: 'Service assurance (8.7)', matches: under('8.7') },
  { id: 'operation', label: 'Operation (8)', matches: under('8') },
  { id: 'evaluation', label: 'Performance evaluation (9)', matches: under('9') },
  { id: 'improvement', label: 'Improvement (10)', matches: under('10') },
  { id: 'compliance', label: 'Compliance', matches: () => true },
];

export interface GroupedTypes {
  group: NavigationGroup;
  types: RecordType[];
  /** The modules' pages placed in this section (KPIs, calendars …), after its record lists. */
  pages: PageMeta[];
}

/**
 * Readable record types, grouped in the standard's order (clause order within a group), with the
 * modules' pages in the section each names. Pages for the top of the menu (`work`) are not here.
 * A record list a module names as one of its pages appears once, where the module put it.
 */
export function groupRecordTypes(types: RecordType[], pages: PageMeta[] = []): GroupedTypes[] {
  // A module that places a record list itself (Assessments under Compliance) has it there only.
  const placedByPage = new Set(pages.map((p) => p.path));
  const readable = types.filter((t) => t.permissions.read && !placedByPage.has(`/records/${t.plural}`));
  const result: GroupedTypes[] = [];
  const placed = new Set<string>();
  for (const group of navigationGroups) {
    const members = readable
      .filter((t) => !placed.has(t.type) && group.matches(t.clause))
      .sort((a, b) => a.clause.localeCompare(b.clause, 'en', { numeric: true }) || a.labelPlural.localeCompare(b.labelPlural));
    members.forEach((t) => placed.add(t.type));
    const own = pages.filter((p) => p.group === group.id);
    if (members.length > 0 || own.length > 0) result.push({ group, types: members, pages: own });
  }
  return result;
}
