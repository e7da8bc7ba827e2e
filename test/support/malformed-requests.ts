import { seededRandom } from '../../src/platform/random/seeded-random.js';

/** The part of JSON Schema that the routes' TypeBox schemas use, as OpenAPI prints it. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  description?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  bodyTypes: string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: content['application/json']?.schema,
        // Uploads declare no requestBody (Fastify's multipart has no body schema); their summary says so.
        bodyTypes: [...Object.keys(content), ...(operation.summary?.includes('multipart/form-data') ? ['multipart/form-data'] : [])],
      });
    }
  }
  return operations;
}

export interface FuzzRequest {
  /** The operation's path as the document writes it, such as /api/incidents/{key}. */
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was made wrong, for a readable failure. */
  mutation: string;
}

/** A number JSON.stringify cannot write (1e309, NaN): spliced into the text afterwards. */
class RawJson {
  constructor(readonly text: string) {}
}

function serialise(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) { raws.push(v.text); return `\u0001raw${raws.length - 1}\u0001`; }
    return v;
  });
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const referenceLike = /^[A-Z]{2,6}-\d{6}$/;

/**
 * Ids and references seen in successful answers, so path parameters mostly name real records:
 * each filed under the operation path it came from (`/api/incidents`,
 * `/api/incidents/{key}/attachments`), where the next parameter of that path will look for it.
 */
export class KnownKeys {
  readonly ids = new Set<string>();
  readonly references = new Set<string>();
  private readonly byCollection = new Map<string, Set<string>>();

  /** Files the top-level id and reference of an answer (or of each of its items) under a path. */
  learn(collection: string, answer: unknown): void {
    const body = answer as { id?: unknown; reference?: unknown; items?: unknown };
    const rows = Array.isArray(body?.items) ? (body.items as unknown[]).slice(0, 20) : [body];
    for (const row of rows) {
      if (row === null || typeof row !== 'object') continue;
      const { id, reference } = row as { id?: unknown; reference?: unknown };
      const keys = this.byCollection.get(collection) ?? new Set<string>();
      for (const key of [id, reference]) {
        if (typeof key !== 'string' || keys.size > 200) continue;
        keys.add(key);
        if (uuidLike.test(key)) this.ids.add(key);
        else if (referenceLike.test(key)) this.references.add(key);
      }
      this.byCollection.set(collection, keys);
    }
  }

  of(collection: string): string[] {
    return [...(this.byCollection.get(collection) ?? [])];
  }
}

// Strings to try against a pattern when a valid value is wanted: one of them usually fits.
const patternCandidates = ['01a23be3-ebe4-717e-96f8-c166808c45d4', 'IMP-000001', '8.6.3-02', '2026-01-15', 'me', 'ABC-01', 'fuzz-key', 'fuzzKey', 'a'];

const badStrings = (long: number) => [
  'a\u0000b', '\u0000', 'a\ud800b', '\udfff', '😀文件', ' ', '', 'x'.repeat(long), '../../etc/passwd', "' or 1=1 --", '<script>x</script>', '%00', '\u202e', 'null', '-1',
];
const badNumbers = [new RawJson('1e309'), new RawJson('-1e309'), new RawJson('NaN'), -1, 0, 0.5, 1e300, -1e300, 2 ** 53 + 2, 2_147_483_648, -2_147_483_649];
const badQueryValues = ['1e309', '-1e309', '-1', 'NaN', 'Infinity', '0', '1.5', '99999999999999999999', '', 'true', '%00', 'a%00b', '%ED%A0%80', '%F0%9F%98%80', '%E6%96%87', `${'x'.repeat(3000)}`, '%', '%zz', "'%20or%201=1", '-', 'me,none', ',,,'];
const badQueryNumbers = ['1e309', '-1e309', '-1', 'NaN', 'Infinity', '1.5', '99999999999999999999', '1e300', '0x10', ''];
const badPathValues = ['x', 'IMP-0', 'ZZZ-999999', 'INC-000001', '01a23be3-ebe4-717e-96f8-c166808c45d4', '00000000-0000-0000-0000-000000000000', '%00', 'a%00b', '%ED%A0%80', '%F0%9F%98%80', '%E6%96%87%E4%BB%B6', '..%2F..%2Fetc', '%', '%zz', "'%3B%20drop", '-1', '1e309', 'A'.repeat(101), 'B'.repeat(200), `IMP-${'1'.repeat(5000)}`, '%20'];
const badIfMatch = ['"abc"', 'W/"1"', '*', '"99999999999999999999"', '""', '"-1"', '"1", "2"', 'x'.repeat(5000), '1', '"1e309"', '"NaN"', '"0"'];
const badContentTypes = ['text/plain', 'application/xml', 'application/json; charset=utf-16', 'multipart/form-data', 'multipart/form-data; boundary=fuzz', 'application/x-www-form-urlencoded', 'garbage', 'application/octet-stream', 'application/json; charset=latin1'];
const brokenJson = ['{"a":', '{', '{"a":1,}', '\u0000', '[', 'nul', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '"\\ud800"', '1e309', '{"a":"\\u0000"}', '{}'.padEnd(1_100_000, ' ')];

/**
 * Seeded malformed requests derived from an OpenAPI document: each starts from a plausible
 * request for one operation and breaks one or two things about it.
 */
export class MalformedRequests {
  private readonly random: () => number;

  constructor(seed: number, private readonly operations: Operation[], private readonly known: KnownKeys) {
    this.random = seededRandom(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  /** A value the schema accepts, as far as a sampler can tell. */
  sample(schema: Schema | undefined, depth = 0): unknown {
    if (!schema || depth > 6) return 'fuzz';
    if ('const' in schema) return schema.const;
    if (schema.enum) return this.pick(schema.enum);
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) {
      const concrete = branches.filter((b) => b.type !== 'null');
      return this.sample(this.pick(concrete.length > 0 ? concrete : branches), depth + 1);
    }
    if (schema.allOf) return this.sample(schema.allOf[0], depth + 1);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type) {
      case 'string': return this.sampleString(schema);
      case 'integer': return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 3, 3));
      case 'number': return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 2.5, 2.5));
      case 'boolean': return this.chance(0.5);
      case 'null': return null;
      case 'array': return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => this.sample(schema.items, depth + 1));
      case 'object': {
        const out: Record<string, unknown> = {};
        const required = new Set(schema.required ?? []);
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (required.has(name) || this.chance(0.5)) out[name] = this.sample(property, depth + 1);
        }
        return out;
      }
      default: return 'fuzz';
    }
  }

  private sampleString(schema: Schema): string {
    if (schema.format === 'date-time') return '2026-01-15T09:30:00.000Z';
    if (schema.format === 'date') return '2026-01-15';
    if (schema.format === 'email') return `fuzz${Math.floor(this.random() * 1e6)}@test.example`;
    // A reference field says which type it wants ("… such as SVC-000001"): name one that exists.
    const prefix = /such as ([A-Z]{2,6})-\d+/.exec(schema.description ?? '')?.[1];
    const references = prefix ? [...this.known.references].filter((r) => r.startsWith(`${prefix}-`)) : [];
    if (references.length > 0 && this.chance(0.9)) return this.pick(references);
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      const known = [...this.known.references, ...this.known.ids].filter((k) => pattern.test(k));
      if (known.length > 0 && this.chance(0.7)) return this.pick(known);
      return patternCandidates.find((c) => pattern.test(c)) ?? 'fuzz';
    }
    const text = 'Fuzz value';
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 200;
    return text.padEnd(min, 'x').slice(0, Math.max(max, min));
  }

  /** A value for a path parameter: a key of that collection when one is known. */
  private pathValue(operation: Operation, parameter: Parameter): string {
    const collection = operation.path.slice(0, operation.path.indexOf(`/{${parameter.name}}`));
    const known = this.known.of(collection).filter((k) => !parameter.schema?.pattern || new RegExp(parameter.schema.pattern).test(k));
    if (known.length > 0 && this.chance(0.85)) return encodeURIComponent(this.pick(known));
    return encodeURIComponent(String(this.sample(parameter.schema)));
  }

  private queue: Operation[] = [];

  /** Every operation in turn, in a shuffled order each round, so none goes untried. */
  private nextOperation(): Operation {
    if (this.queue.length === 0) {
      this.queue = [...this.operations];
      for (let i = this.queue.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [this.queue[i], this.queue[j]] = [this.queue[j]!, this.queue[i]!];
      }
    }
    return this.queue.pop()!;
  }

  next(): FuzzRequest {
    const operation = this.nextOperation();
    const pathValues = new Map(operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, this.pathValue(operation, p)]));
    const query = new Map<string, string[]>();
    for (const p of operation.parameters.filter((q) => q.in === 'query')) {
      if (p.required || this.chance(0.2)) query.set(p.name, [encodeURIComponent(String(this.sample(p.schema)))]);
    }
    const headers: Record<string, string> = {};
    if (operation.parameters.some((p) => p.in === 'header' && p.name === 'if-match')) headers['if-match'] = '"1"';
    let body: unknown = operation.body ? this.sample(operation.body) : undefined;
    let payload: string | undefined;
    const mutations: string[] = [];
    const rounds = this.chance(0.1) ? 0 : this.chance(0.8) ? 1 : 2;
    for (let round = 0; round < rounds; round++) {
      const kinds = ['query', 'query-unknown', 'header', 'content-type', 'broken-json', 'accept'];
      if (pathValues.size > 0) kinds.push('path', 'path', 'path');
      if (operation.body) kinds.push('body', 'body', 'body', 'body', 'body-shape');
      if (operation.bodyTypes.includes('multipart/form-data')) kinds.push('multipart', 'multipart', 'multipart', 'multipart');
      const kind = this.pick(kinds);
      if (kind === 'path') {
        const name = this.pick([...pathValues.keys()]);
        const value = this.pick(badPathValues);
        pathValues.set(name, value);
        mutations.push(`path ${name}=${value.slice(0, 40)}`);
      } else if (kind === 'query') {
        const params = operation.parameters.filter((p) => p.in === 'query');
        const parameter = params.length > 0 ? this.pick(params) : undefined;
        const name = parameter?.name ?? 'limit';
        const numeric = parameter?.schema?.type === 'integer' || parameter?.schema?.type === 'number';
        const value = this.pick(numeric && this.chance(0.6) ? badQueryNumbers : badQueryValues);
        query.set(name, this.chance(0.15) ? [value, value] : [value]);
        mutations.push(`query ${name}=${value.slice(0, 40)}`);
      } else if (kind === 'query-unknown') {
        query.set(this.pick(['offset', 'limit', 'fuzz', '__proto__', 'constructor', '%00', 'a%00']), [this.pick(badQueryValues)]);
        mutations.push('unknown query parameter');
      } else if (kind === 'header') {
        headers['if-match'] = this.pick(badIfMatch);
        mutations.push(`if-match ${headers['if-match'].slice(0, 30)}`);
      } else if (kind === 'content-type') {
        headers['content-type'] = this.pick(badContentTypes);
        payload = body === undefined ? 'fuzz' : serialise(body);
        mutations.push(`content-type ${headers['content-type']}`);
      } else if (kind === 'broken-json') {
        headers['content-type'] = 'application/json';
        payload = this.pick(brokenJson);
        mutations.push(`broken JSON ${JSON.stringify(payload.slice(0, 30))}`);
      } else if (kind === 'accept') {
        headers.accept = this.pick(['text/csv', 'application/xml', '*/*', 'text/html']);
        mutations.push(`accept ${headers.accept}`);
      } else if (kind === 'multipart') {
        const upload = this.multipart();
        headers['content-type'] = upload.contentType;
        payload = upload.payload;
        mutations.push(upload.note);
      } else if (kind === 'body-shape') {
        body = this.pick([[], 'text', 42, null, true, new RawJson('1e309'), [{}], { a: { a: { a: { a: { a: {} } } } } }]);
        mutations.push(`body ${serialise(body).slice(0, 30)}`);
      } else {
        const mutation = this.mutateBody(body, operation.body!);
        body = mutation.body;
        mutations.push(mutation.note);
      }
    }
    let path = operation.path;
    for (const [name, value] of pathValues) path = path.replace(`{${name}}`, value);
    const search = [...query].flatMap(([name, values]) => values.map((v) => `${name}=${v}`)).join('&');
    if (payload === undefined && body !== undefined) {
      payload = serialise(body);
      headers['content-type'] ??= 'application/json';
    }
    return { operation: operation.path, method: operation.method, url: search ? `${path}?${search}` : path, headers, payload, mutation: mutations.join('; ') || 'none (plausible request)' };
  }

  /** A file upload with something odd about its name, type, field or framing. */
  private multipart(): { contentType: string; payload: string; note: string } {
    const boundary = 'fuzzboundary';
    const filename = this.pick(['a\u0000b.txt', '文件😀.txt', '', '../../etc/passwd', 'x'.repeat(1000), 'q"uote.txt', 'évidence.pdf', 'plain.txt']);
    const type = this.pick(['text/plain', 'application/x-msdownload', 'text/pl\u0000ain', '', 'image/png', 'text/csv']);
    const field = this.pick(['file', 'file', 'other', '']);
    const content = this.pick(['evidence', '', 'a,b\r\n1,2\r\n', '\u0000\u0001']);
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${content}\r\n`;
    const framing = this.pick(['whole', 'whole', 'two files', 'no end', 'no boundary', 'empty']);
    const payload = framing === 'two files' ? `${part}${part}--${boundary}--\r\n` : framing === 'no end' ? part : framing === 'empty' ? '' : `${part}--${boundary}--\r\n`;
    const contentType = framing === 'no boundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`;
    return { contentType, payload, note: `multipart ${framing}, field ${JSON.stringify(field)}, name ${JSON.stringify(filename.slice(0, 20))}, type ${JSON.stringify(type)}` };
  }

  /** A plausible, unbroken create for an operation, to fill the store before the fuzzing. */
  plausible(operation: Operation): FuzzRequest {
    let path = operation.path;
    for (const p of operation.parameters.filter((q) => q.in === 'path')) path = path.replace(`{${p.name}}`, this.pathValue(operation, p));
    const headers: Record<string, string> = operation.body ? { 'content-type': 'application/json' } : {};
    if (operation.parameters.some((p) => p.in === 'header' && p.name === 'if-match')) headers['if-match'] = '"1"';
    return { operation: operation.path, method: operation.method, url: path, headers, payload: operation.body ? serialise(this.sample(operation.body)) : undefined, mutation: 'none (seeding)' };
  }

  /** Breaks one field of the body, at any depth the sampler reached. */
  private mutateBody(body: unknown, schema: Schema): { body: unknown; note: string } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return { body: {}, note: 'body replaced by {}' };
    const record = body as Record<string, unknown>;
    const fields = Object.keys(schema.properties ?? {});
    const field = fields.length > 0 ? this.pick(fields) : 'fuzz';
    const how = this.pick(['string', 'string', 'string', 'number', 'number', 'type', 'unknown', 'missing', 'enum', 'null', 'nested-string']);
    switch (how) {
      case 'string': {
        const value = this.pick(badStrings(this.pick([201, 2001, 20_001, 200_000])));
        record[field] = value;
        return { body: record, note: `body ${field}=${JSON.stringify(value.slice(0, 20))}${value.length > 20 ? `… (${value.length})` : ''}` };
      }
      case 'number': {
        const value = this.pick(badNumbers);
        record[field] = value;
        return { body: record, note: `body ${field}=${value instanceof RawJson ? value.text : value}` };
      }
      case 'type': {
        const value = this.pick([123, true, [], {}, 'text', [1, 2], { a: 1 }]);
        record[field] = value;
        return { body: record, note: `body ${field} of the wrong type ${JSON.stringify(value)}` };
      }
      case 'unknown':
        record[this.pick(['fuzz', 'id', 'version', 'createdAt', 'reference', 'a\u0000', 'x\ud800'])] = 'fuzz';
        return { body: record, note: 'body with an unknown property' };
      case 'missing': {
        const required = schema.required ?? [];
        const gone = required.length > 0 ? this.pick(required) : field;
        delete record[gone];
        return { body: record, note: `body without ${gone}` };
      }
      case 'enum':
        record[field] = 'not-a-value';
        return { body: record, note: `body ${field}="not-a-value"` };
      case 'null':
        record[field] = null;
        return { body: record, note: `body ${field}=null` };
      default: {
        // A bad string inside an array or object field, where the sampler put one.
        const value = this.pick(['a\u0000b', 'a\ud800b', new RawJson('1e309')]);
        record[field] = this.chance(0.5) ? [value] : { nested: value };
        return { body: record, note: `body ${field} holding ${value instanceof RawJson ? value.text : JSON.stringify(value)} inside` };
      }
    }
  }
}
