import type { ColumnDataType } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Logical column types for migrations, mapped per dialect so that one migration runs on both.
 * Instants and money are integers (epoch milliseconds, minor units); booleans are 0/1 on both
 * databases so that values read and bound the same way everywhere.
 */
export interface ColumnTypes {
  dialect: Dialect;
  id: ColumnDataType;
  text: ColumnDataType;
  instant: ColumnDataType;
  integer: ColumnDataType;
  bigint: ColumnDataType;
  money: ColumnDataType;
  bool: ColumnDataType;
  json: ColumnDataType;
  blob: ColumnDataType;
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  const pg = dialect === 'postgres';
  return {
    dialect,
    id: 'text',
    text: 'text',
    instant: 'bigint',
    integer: 'integer',
    bigint: 'bigint',
    money: 'bigint',
    bool: pg ? 'smallint' : 'integer',
    json: pg ? 'jsonb' : 'text',
    blob: pg ? 'bytea' : 'blob',
  };
}

/** JSON comes back parsed from PostgreSQL and as text from SQLite. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}
