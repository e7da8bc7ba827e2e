/**
 * The requirement catalogue as the rest of Certus sees it: the YAML files in catalogue/, validated
 * against catalogue/schema/*.json and checked for cross-references by the loader.
 */

export type Relationship = 'equivalent-to' | 'equal-to' | 'subset-of' | 'superset-of' | 'intersects-with' | 'no-relationship';

export interface CatalogueInfo {
  id: string;
  title: string;
  standard: string;
  version: string;
  /** ISO 8601 date-time with zone. */
  lastModified: string;
  description: string;
}

export interface Clause {
  /** The clause number ("8.6.1"), or a number with a suffix for a group the guide lists apart ("8.6.1-major"). */
  id: string;
  /** The standard's clause number; equals the id unless the id has a suffix. */
  number: string;
  /** The number the guide gives the clause where the published edition numbers it otherwise (8.3). */
  guideId: string | null;
  parent: string | null;
  title: string;
  purpose: string;
  /** Set on the groups that are service management processes (e.g. `incident-management`). */
  process: string | null;
  /** The file it came from, relative to the catalogue directory. */
  source: string;
}

export interface Requirement {
  /** `<clause number>-NN`, e.g. `8.6.3-02`. */
  id: string;
  /** The id under the guide's numbering where it differs (8.3.3-05 was the guide's 8.3.2-05). */
  guideId: string | null;
  clause: string;
  title: string;
  statement: string;
  verify: string;
  evidence: string[];
  relatedClauses: string[];
}

export interface Framework {
  id: string;
  title: string;
  version: string;
  publisher: string | null;
  href: string | null;
}

export interface MappingTarget {
  id: string;
  title: string;
}

export interface FrameworkLink {
  framework: string;
  relationship: Relationship;
  targets: MappingTarget[];
  remarks: string | null;
}

export interface MappingArea {
  id: string;
  title: string;
  clauses: string[];
  links: FrameworkLink[];
}

export interface ReadinessItem {
  id: string;
  title: string;
  requirements: string[];
  clauses: string[];
  phases: string[];
}

export interface EvidenceRequest {
  id: string;
  title: string;
  requirements: string[];
}

export interface EvidenceRequestCategory {
  id: string;
  title: string;
  items: EvidenceRequest[];
}

export interface Pitfall {
  id: string;
  title: string;
  description: string;
  requirements: string[];
  clauses: string[];
}

export interface KpiMeasure {
  id: string;
  title: string;
  unit: 'percent' | 'duration' | 'count' | 'score' | 'money';
  better: 'higher' | 'lower';
}

export interface Kpi {
  id: string;
  title: string;
  /** A role id from roles.yaml. */
  owner: string;
  requirements: string[];
  measures: KpiMeasure[];
}

export interface SmsRole {
  id: string;
  title: string;
  responsibilities: string;
  clauses: string[];
}

export interface PhaseDeliverable {
  id: string;
  title: string;
  clauses: string[];
}

export interface Phase {
  id: string;
  number: number;
  title: string;
  goal: string;
  activities: string[];
  deliverables: PhaseDeliverable[];
}

export interface CapabilityLevel {
  level: number;
  name: string;
  alsoKnownAs: string | null;
  characteristics: string;
  readiness: string;
  certificationCapable: boolean;
  clauses: string[];
}

export interface Catalogue {
  info: CatalogueInfo;
  /** In the standard's order (4, 4.1 … 8.6.1, 8.6.1-major … 10.2). */
  clauses: Clause[];
  /** In clause order, then by number. */
  requirements: Requirement[];
  frameworks: Framework[];
  mappingAreas: MappingArea[];
  readiness: ReadinessItem[];
  evidenceRequests: EvidenceRequestCategory[];
  pitfalls: Pitfall[];
  kpis: Kpi[];
  roles: SmsRole[];
  phases: Phase[];
  capabilityLevels: CapabilityLevel[];
}
