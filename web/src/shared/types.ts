/** Shapes of the Certus API as the web app uses them (see GET /api/openapi.json). */

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  timeZone: string;
  mustChangePassword: boolean;
}

export interface Session {
  user: SessionUser;
  permissions: string[];
  csrfToken: string | null;
  via: string;
}

export type FieldKind = 'text' | 'longText' | 'enum' | 'date' | 'instant' | 'integer' | 'boolean' | 'user' | 'reference' | 'json';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldMeta {
  name: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  help: string | null;
  maxLength: number | null;
  options: FieldOption[];
  filterable: boolean;
  sortable: boolean;
  transitionOnly: boolean;
  /** Set by the server (derived or system-maintained); never in forms. */
  readOnly?: boolean;
  /** Given once the record exists: not in the create form. */
  notOnCreate?: boolean;
  /** What an empty value stands for, shown in an empty field; null for nobody. */
  emptyLabel?: string | null;
  /** For a reference field: the record type it names. */
  target?: ReferenceTarget | null;
  /** For a reference field: the states a newly chosen record must be in; null for any. */
  targetStates?: string[] | null;
}

export interface ReferenceTarget {
  type: string;
  plural: string;
  prefix: string;
  label: string;
  titleField: string;
}

export interface StateMeta {
  id: string;
  label: string;
  category: 'open' | 'done';
}

export interface TransitionMeta {
  from: string[];
  to: string;
  label: string;
  roles: string[];
  requires: string[];
}

export interface RecordType {
  type: string;
  plural: string;
  prefix: string;
  label: string;
  labelPlural: string;
  clause: string;
  titleField: string;
  listFields: string[];
  initialState: string;
  fields: FieldMeta[];
  states: StateMeta[];
  transitions: TransitionMeta[];
  permissions: { read: boolean; create: boolean; update: boolean; comment?: boolean; transition?: boolean };
}

export interface LinkTypeMeta {
  id: string;
  label: string;
  inverse: string;
}

export interface RecordTypesResponse {
  items: RecordType[];
  linkTypes: LinkTypeMeta[];
  /** The modules' pages this person may open, by navigation section. */
  pages: PageMeta[];
}

export interface PageMeta {
  label: string;
  path: string;
  /** `work` (beside My work), a navigation group id (`resolution` …) or `compliance`. */
  group: string;
  description: string | null;
}

export type FieldValue = string | number | boolean | null;

export interface AllowedTransition {
  to: string;
  label: string;
  requires: string[];
  permitted: boolean;
}

export interface RecordData {
  id: string;
  reference: string;
  type: string;
  status: string;
  statusLabel: string;
  ownerId: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  version: number;
  allowedTransitions?: AllowedTransition[];
  [field: string]: unknown;
}

export interface RecordPage {
  items: RecordData[];
  nextCursor: string | null;
  total: number | null;
}

export interface HistoryEvent {
  seq: number;
  kind: 'created' | 'updated' | 'transitioned' | 'commented' | 'linked' | 'unlinked' | 'attached' | 'detached';
  actorId: string;
  actorName: string;
  at: string;
  data: Record<string, unknown>;
  hash: string;
}

export interface Comment {
  id: string;
  visibility: 'internal' | 'public';
  body: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}

export interface RecordLink {
  id: string;
  linkType: string;
  label: string;
  direction: 'outgoing' | 'incoming';
  other: { type: string; id: string; reference: string; title: string; status: string };
  createdAt: string;
  createdBy: string;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  token?: string;
}

export interface Role {
  id: string;
  label: string;
  summary: string;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  active: boolean;
  mustChangePassword: boolean;
  timeZone: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** An active person, from GET /api/people (readable by everyone signed in; roles only for staff). */
export interface Person {
  id: string;
  displayName: string;
  roles?: string[];
}

export interface ResolvedReference {
  type: string;
  plural: string;
  id: string;
  reference: string;
  title: string;
  status: string;
}
