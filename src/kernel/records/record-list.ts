import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/app-error.js';
import { recordTables, type RecordRow } from './record-row.js';
import { integerColumnRange } from './record-schemas.js';
import { columnOf, type RecordTypeDefinition } from './record-type.js';

export interface ListQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
  q?: string;
  status?: string;
  /** Every state of a category: open work or finished. */
  category?: 'open' | 'done';
  owner?: string;
  createdFrom?: string;
  createdTo?: string;
  [filter: string]: unknown;
}

interface SortKey {
  name: string;
  column: string;
  descending: boolean;
}

type Cursor = [FieldCursorValue, string];
type FieldCursorValue = string | number | null;

const kernelSortable: Record<string, string> = {
  reference: 'reference', status: 'status', createdAt: 'created_at', updatedAt: 'updated_at',
};

export function sortKeyOf(def: RecordTypeDefinition, sort: string | undefined): SortKey {
  const raw = sort ?? '-createdAt';
  const descending = raw.startsWith('-');
  const name = descending ? raw.slice(1) : raw;
  const field = def.fields[name];
  const column = kernelSortable[name] ?? (field?.sortable ? columnOf(name, field) : undefined);
  if (!column) {
    const allowed = [...Object.keys(kernelSortable), ...Object.entries(def.fields).filter(([, f]) => f.sortable).map(([n]) => n)];
    throw AppError.validation('sort', `cannot sort by "${name}"; use one of ${allowed.join(', ')} (prefix - for descending)`);
  }
  return { name, column, descending };
}

export function encodeCursor(value: FieldCursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string'
      && (parsed[0] === null || ['string', 'number'].includes(typeof parsed[0]))) return parsed as Cursor;
  } catch { /* fall through */ }
  throw AppError.validation('cursor', 'is not a cursor this list handed out');
}

function isoDay(field: string, value: string, endOfDay: boolean): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw AppError.validation(field, 'must be an ISO 8601 date or date-time');
  return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value) ? ms + 86_400_000 - 1 : ms;
}

/** An integer filter as a number the column can hold; NaN or 1e20 would be a database error. */
function integerFilter(field: string, value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < integerColumnRange.minimum || n > integerColumnRange.maximum) {
    throw AppError.validation(field, 'must be a whole number');
  }
  return n;
}

function splitList(value: unknown): string[] {
  return String(value).split(',').map((v) => v.trim()).filter(Boolean);
}

type EB = ExpressionBuilder<Record<string, RecordRow>, string>;

/**
 * The states a list is filtered to; null when unfiltered. `status` names states; `open` and
 * `done` there stand for every state of that category, unless the type has a state of that name
 * (a task's "done" is the state, not also "skipped"). `category` always means the category.
 */
function statesOf(def: RecordTypeDefinition, query: ListQuery): string[] | null {
  const known = def.workflow.states.map((s) => s.id);
  const ofCategory = (category: string) => def.workflow.states.filter((st) => st.category === category).map((st) => st.id);
  const isKeyword = (s: string) => (s === 'open' || s === 'done') && !known.includes(s);
  let states: string[] | null = null;
  if (query.status) {
    const named = splitList(query.status);
    const unknown = named.find((s) => !known.includes(s) && !isKeyword(s));
    if (unknown) throw AppError.validation('status', `"${unknown}" is not a state; use ${known.join(', ')}, open or done`);
    states = [...new Set(named.flatMap((s) => (isKeyword(s) ? ofCategory(s) : [s])))];
  }
  if (query.category) {
    const inCategory = ofCategory(query.category);
    states = states ? states.filter((s) => inCategory.includes(s)) : inCategory;
  }
  return states;
}

function filtersOf(def: RecordTypeDefinition, query: ListQuery, principal: Principal, eb: EB, states = statesOf(def, query)): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  const ref = (column: string) => eb.ref(column);
  // A status and a category with no state in common match nothing (and `in ()` is no SQL).
  if (states) where.push(states.length > 0 ? eb(ref('status'), 'in', states) : sql<SqlBool>`1 = 0`);
  const scope = def.readScope?.(principal);
  if (scope) where.push(eb(ref(scope.column), '=', scope.equals));
  if (query.owner) {
    if (query.owner === 'none') where.push(eb(ref('owner_id'), 'is', null));
    else where.push(eb(ref('owner_id'), '=', query.owner === 'me' ? principal.userId : query.owner));
  }
  if (query.createdFrom) where.push(eb(ref('created_at'), '>=', isoDay('createdFrom', query.createdFrom, false)));
  if (query.createdTo) where.push(eb(ref('created_at'), '<=', isoDay('createdTo', query.createdTo, true)));
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Reference fields are text too: searching SVC-000003 finds the incidents on that service.
    const textColumns = ['reference', ...Object.entries(def.fields).filter(([, f]) => f.kind === 'text' || f.kind === 'longText' || f.kind === 'reference').map(([n, f]) => columnOf(n, f))];
    where.push(eb.or(textColumns.map((c) => sql<SqlBool>`lower(${sql.ref(c)}) like ${pattern} escape '\\'`)));
  }
  for (const [name, field] of Object.entries(def.fields)) {
    if (!field.filterable) continue;
    const column = columnOf(name, field);
    const value = query[name];
    if (typeof value === 'string' && value !== '') {
      if (field.kind === 'enum') where.push(eb(ref(column), 'in', splitList(value)));
      else if (field.kind === 'boolean') where.push(eb(ref(column), '=', value === 'true' ? 1 : 0));
      else where.push(eb(ref(column), '=', field.kind === 'integer' ? integerFilter(name, value) : value));
    }
    const from = query[`${name}From`];
    const to = query[`${name}To`];
    const bound = (v: string, end: boolean) => (field.kind === 'instant' ? isoDay(`${name}${end ? 'To' : 'From'}`, v, end) : v);
    if (typeof from === 'string' && from !== '') where.push(eb(ref(column), '>=', bound(from, false)));
    if (typeof to === 'string' && to !== '') where.push(eb(ref(column), '<=', bound(to, true)));
  }
  return where;
}

/**
 * Keyset pagination over (sort column, id) with NULLs always last, on both databases, so a
 * page costs the same on page 1 and page 1,000 and rows never repeat or vanish between pages.
 */
function afterCursor(eb: EB, key: SortKey, cursor: Cursor): Expression<SqlBool> {
  const [value, id] = cursor;
  const col = eb.ref(key.column);
  const idCol = eb.ref('id');
  const beyond = key.descending ? '<' : '>';
  if (value === null) return eb.and([eb(col, 'is', null), eb(idCol, beyond, id)]);
  if (key.name in kernelSortable) {
    // Kernel columns are NOT NULL. The first, redundant bound is one an index can seek to, so a
    // deep page starts where the last one ended instead of walking every row before it.
    return eb.and([eb(col, key.descending ? '<=' : '>=', value), eb.or([eb(col, beyond, value), eb(idCol, beyond, id)])]);
  }
  return eb.or([
    eb(col, beyond, value),
    eb.and([eb(col, '=', value), eb(idCol, beyond, id)]),
    eb(col, 'is', null),
  ]);
}

export interface ListPage {
  rows: RecordRow[];
  nextCursor: string | null;
  total: number | null;
}

export async function listRecords(db: Executor, def: RecordTypeDefinition, principal: Principal, query: ListQuery, withTotal = false): Promise<ListPage> {
  const limit = query.limit ?? 50;
  const key = sortKeyOf(def, query.sort);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const tables = recordTables(db);
  const direction = key.descending ? 'desc' : 'asc';
  const states = statesOf(def, query);
  const pageOf = (only: string[] | null) => {
    let select = tables.selectFrom(def.table).selectAll()
      .where((eb) => eb.and([...filtersOf(def, query, principal, eb, only), ...(cursor ? [afterCursor(eb, key, cursor)] : [])]));
    // Kernel columns are NOT NULL: ordering them plainly lets the database walk an index.
    if (!(key.name in kernelSortable)) select = select.orderBy(sql`case when ${sql.ref(key.column)} is null then 1 else 0 end`);
    return select.orderBy(key.column, direction).orderBy('id', direction).limit(limit + 1);
  };
  let rows: RecordRow[];
  if (states && states.length > 1 && key.column === 'created_at') {
    // A queue ("open", newest first) names several states. Neither database can walk the
    // (status, created_at) index in order across several states, so it would fetch and sort
    // every open row. One page per state, each read in index order, merged: the same rows.
    const [first, ...rest] = states.map((s) => tables.selectFrom(pageOf([s]).as(`s_${s.replace(/\W/g, '_')}`)).selectAll());
    const merged = rest.reduce((union, branch) => union.unionAll(branch), first!);
    rows = (await tables.selectFrom(merged.as('merged')).selectAll()
      .orderBy(key.column, direction).orderBy('id', direction).limit(limit + 1).execute()) as RecordRow[];
  } else {
    rows = (await pageOf(states).execute()) as RecordRow[];
  }
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  let total: number | null = null;
  if (withTotal) {
    const counted = await tables.selectFrom(def.table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.and(filtersOf(def, query, principal, eb)))
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  return {
    rows: page,
    nextCursor: more && last ? encodeCursor((last[key.column] as FieldCursorValue) ?? null, last.id) : null,
    total,
  };
}
