import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { integrityProblems } from './catalogue.integrity.js';
import { compareClauseIds } from './catalogue.order.js';
import type {
  CapabilityLevel, Catalogue, CatalogueInfo, Clause, EvidenceRequestCategory, Framework, Kpi, MappingArea, Phase,
  Pitfall, ReadinessItem, Relationship, Requirement, SmsRole,
} from './catalogue.types.js';

const addFormats = addFormatsModule.default;

/** Raised when catalogue/ does not load; `problems` holds one line per fault, each naming the file or id. */
export class CatalogueError extends Error {
  constructor(public readonly problems: string[]) {
    super(`The requirement catalogue is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'CatalogueError';
  }
}

/** The catalogue/ folder of this installation (beside package.json). */
export function defaultCatalogueDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'catalogue');
    if (path.dirname(dir) === dir) throw new Error('package.json not found above the catalogue loader');
  }
}

// The single files and the schema each one follows; clauses/*.yaml all follow clauses.schema.json.
const singleFiles = {
  info: ['catalogue.yaml', 'catalogue'],
  mappings: ['mappings.yaml', 'mappings'],
  readiness: ['readiness.yaml', 'readiness'],
  evidenceRequests: ['evidence-requests.yaml', 'evidence-requests'],
  pitfalls: ['pitfalls.yaml', 'pitfalls'],
  kpis: ['kpis.yaml', 'kpis'],
  roles: ['roles.yaml', 'roles'],
  phases: ['phases.yaml', 'phases'],
  capabilityLevels: ['capability-levels.yaml', 'capability-levels'],
} as const;

// Shapes of the files as the schemas allow them (optional fields still optional).
interface ClausesFile {
  clauses?: { id: string; guideId?: string; number?: string; parent?: string; title: string; purpose: string; process?: string }[];
  requirements?: { id: string; guideId?: string; clause: string; title: string; statement: string; verify: string; evidence: string[]; relatedClauses?: string[] }[];
}
interface MappingsFile {
  frameworks: { id: string; title: string; version: string; publisher?: string; href?: string }[];
  areas: { id: string; title: string; clauses: string[]; links: { framework: string; relationship?: Relationship; targets: { id: string; title: string }[]; remarks?: string }[] }[];
}
interface ReadinessFile { items: { id: string; title: string; requirements?: string[]; clauses?: string[]; phases?: string[] }[] }
interface EvidenceRequestsFile { categories: EvidenceRequestCategory[] }
interface PitfallsFile { pitfalls: { id: string; title: string; description: string; requirements: string[]; clauses?: string[] }[] }
interface KpisFile { kpis: Kpi[] }
interface RolesFile { roles: SmsRole[] }
interface PhasesFile { phases: Phase[] }
interface CapabilityLevelsFile { levels: (Omit<CapabilityLevel, 'alsoKnownAs' | 'clauses'> & { alsoKnownAs?: string; clauses?: string[] })[] }

/**
 * Reads catalogue/ (or the folder given), validates each file against its JSON Schema in
 * `<dir>/schema/` and checks cross-references. Throws a CatalogueError listing every problem, so
 * a broken catalogue stops the server at start rather than producing wrong assessments.
 */
export function loadCatalogue(dir: string = defaultCatalogueDir()): Catalogue {
  const problems: string[] = [];
  const validators = compileSchemas(path.join(dir, 'schema'));

  function read<T>(relative: string, schema: string): T | undefined {
    const file = path.join(dir, relative);
    if (!existsSync(file)) {
      problems.push(`${relative}: file is missing`);
      return undefined;
    }
    let data: unknown;
    try {
      data = parseYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${relative}: not valid YAML: ${(error as Error).message}`);
      return undefined;
    }
    const validate = validators.get(schema);
    if (!validate) throw new Error(`schema ${schema}.schema.json is missing from ${path.join(dir, 'schema')}`);
    if (!validate(data)) {
      for (const error of validate.errors ?? []) problems.push(`${relative}: ${describe(data, error)}`);
      return undefined;
    }
    return data as T;
  }

  const clauseDir = path.join(dir, 'clauses');
  const clauseFiles = existsSync(clauseDir) ? readdirSync(clauseDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  if (clauseFiles.length === 0) problems.push('clauses/: no clause files found');
  const clauses: Clause[] = [];
  const requirements: Requirement[] = [];
  for (const name of clauseFiles) {
    const source = `clauses/${name}`;
    const file = read<ClausesFile>(source, 'clauses');
    for (const c of file?.clauses ?? []) {
      clauses.push({ id: c.id, guideId: c.guideId ?? null, number: c.number ?? c.id, parent: c.parent ?? null, title: c.title, purpose: c.purpose, process: c.process ?? null, source });
    }
    for (const r of file?.requirements ?? []) {
      requirements.push({ id: r.id, guideId: r.guideId ?? null, clause: r.clause, title: r.title, statement: r.statement, verify: r.verify, evidence: r.evidence, relatedClauses: r.relatedClauses ?? [] });
    }
  }

  const info = read<CatalogueInfo>(...singleFiles.info);
  const mappings = read<MappingsFile>(...singleFiles.mappings);
  const readiness = read<ReadinessFile>(...singleFiles.readiness);
  const evidenceRequests = read<EvidenceRequestsFile>(...singleFiles.evidenceRequests);
  const pitfalls = read<PitfallsFile>(...singleFiles.pitfalls);
  const kpis = read<KpisFile>(...singleFiles.kpis);
  const roles = read<RolesFile>(...singleFiles.roles);
  const phases = read<PhasesFile>(...singleFiles.phases);
  const levels = read<CapabilityLevelsFile>(...singleFiles.capabilityLevels);
  if (problems.length > 0 || !info || !mappings || !readiness || !evidenceRequests || !pitfalls || !kpis || !roles || !phases || !levels) {
    throw new CatalogueError(problems);
  }

  clauses.sort((a, b) => compareClauseIds(a.id, b.id));
  const clauseOrder = new Map(clauses.map((c, i) => [c.id, i]));
  requirements.sort((a, b) => (clauseOrder.get(a.clause) ?? 0) - (clauseOrder.get(b.clause) ?? 0) || compareClauseIds(a.id, b.id));

  const catalogue: Catalogue = {
    info,
    clauses,
    requirements,
    frameworks: mappings.frameworks.map((f): Framework => ({ id: f.id, title: f.title, version: f.version, publisher: f.publisher ?? null, href: f.href ?? null })),
    mappingAreas: mappings.areas.map((a): MappingArea => ({
      id: a.id, title: a.title, clauses: a.clauses,
      links: a.links.map((l) => ({ framework: l.framework, relationship: l.relationship ?? 'intersects-with', targets: l.targets, remarks: l.remarks ?? null })),
    })),
    readiness: readiness.items.map((i): ReadinessItem => ({ id: i.id, title: i.title, requirements: i.requirements ?? [], clauses: i.clauses ?? [], phases: i.phases ?? [] })),
    evidenceRequests: evidenceRequests.categories,
    pitfalls: pitfalls.pitfalls.map((p): Pitfall => ({ ...p, clauses: p.clauses ?? [] })),
    kpis: kpis.kpis,
    roles: roles.roles,
    phases: [...phases.phases].sort((a, b) => a.number - b.number),
    capabilityLevels: levels.levels.map((l): CapabilityLevel => ({ ...l, alsoKnownAs: l.alsoKnownAs ?? null, clauses: l.clauses ?? [] })).sort((a, b) => a.level - b.level),
  };
  const faults = integrityProblems(catalogue);
  if (faults.length > 0) throw new CatalogueError(faults);
  return catalogue;
}

function compileSchemas(schemaDir: string): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  const files = readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'));
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as object, file);
  const validators = new Map<string, ValidateFunction>();
  for (const file of files) {
    const validate = ajv.getSchema(file);
    if (validate) validators.set(file.replace(/\.schema\.json$/, ''), validate);
  }
  return validators;
}

/** An Ajv error as a sentence naming the nearest item id above the failing value. */
function describe(data: unknown, error: ErrorObject): string {
  let node: unknown = data;
  let owner: string | undefined;
  for (const segment of error.instancePath.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[segment];
    const id = node !== null && typeof node === 'object' ? (node as Record<string, unknown>).id ?? (node as Record<string, unknown>).level : undefined;
    if (typeof id === 'string' || typeof id === 'number') owner = String(id);
  }
  const where = error.instancePath || '/';
  const detail = error.keyword === 'additionalProperties'
    ? `has unknown property "${String((error.params as { additionalProperty: string }).additionalProperty)}"`
    : error.message ?? 'is invalid';
  return `${owner ? `${owner}: ` : ''}${where} ${detail}`;
}
