import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get } from '../shared/api';
import type { LinkTypeMeta, PageMeta, Person, RecordType, RecordTypesResponse, Role, UserSummary } from '../shared/types';
import { useSignedIn } from './session';
import { shortId } from '../shared/format';

interface MetadataValue {
  types: RecordType[];
  linkTypes: LinkTypeMeta[];
  /** The modules' own pages this person may open (queue, KPIs, calendars …). */
  pages: PageMeta[];
  byPlural(plural: string): RecordType | undefined;
  byType(type: string): RecordType | undefined;
  /** Active people, for owner pickers and for showing names instead of ids. */
  people: Person[];
  personName(id: string | null | undefined): string;
  roleLabel(id: string): string;
}

const MetadataContext = createContext<MetadataValue | null>(null);

/** Loads record-type metadata and the people directory once per session. */
export function MetadataProvider({ children, fallback, errorView }: { children: ReactNode; fallback: ReactNode; errorView: (error: unknown, retry: () => void) => ReactNode }) {
  const session = useSignedIn();
  const [meta, setMeta] = useState<RecordTypesResponse | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const canReadUsers = session.permissions.includes('users:read');

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    get<RecordTypesResponse>('/api/record-types', controller.signal).then(setMeta, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    get<{ items: Role[] }>('/api/roles', controller.signal).then(
      (r) => setRoles(r.items),
      () => setRoles([]),
    );
    // GET /api/people lists active people to everyone signed in; the full user list (users:read)
    // is the fallback for servers without it. Without either, names fall back to short ids.
    get<{ items: Person[] }>('/api/people', controller.signal)
      .catch(() => (canReadUsers ? get<{ items: UserSummary[] }>('/api/users', controller.signal) : { items: [] }))
      .then(
        (r) => setPeople(r.items.filter((p) => !('active' in p) || p.active)),
        () => setPeople([]),
      );
    return () => controller.abort();
  }, [session.user.id, canReadUsers, attempt]);

  const value = useMemo<MetadataValue | null>(() => {
    if (!meta) return null;
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    return {
      types: meta.items,
      linkTypes: meta.linkTypes,
      pages: meta.pages ?? [],
      byPlural: (plural) => meta.items.find((t) => t.plural === plural),
      byType: (type) => meta.items.find((t) => t.type === type),
      people,
      personName(id) {
        if (!id) return 'Nobody';
        if (id === session.user.id) return `${session.user.displayName} (you)`;
        return names.get(id) ?? `User …${shortId(id)}`;
      },
      roleLabel: (id) => roles.find((r) => r.id === id)?.label ?? id,
    };
  }, [meta, people, roles, session.user.id, session.user.displayName]);

  if (error) return <>{errorView(error, () => setAttempt((n) => n + 1))}</>;
  if (!value) return <>{fallback}</>;
  return <MetadataContext.Provider value={value}>{children}</MetadataContext.Provider>;
}

export function useMetadata(): MetadataValue {
  const value = useContext(MetadataContext);
  if (!value) throw new Error('useMetadata outside MetadataProvider');
  return value;
}
