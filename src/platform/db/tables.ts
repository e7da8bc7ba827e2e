/**
 * The typed shape of the whole database. Each module adds its own tables by declaration
 * merging in its `.tables.ts`, so the platform never imports a module:
 *
 *   declare module '../../platform/db/tables.js' { interface CertusTables { improvements: ImprovementTable } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CertusTables {}
