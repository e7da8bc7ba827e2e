import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../../platform/http/app-error.js';
import { fileProblem } from './servicenow-export.js';
import type { ReadPosition } from './servicenow-export.js';

/**
 * Reading an XES event log (IEEE 1849) as a stream, a trace at a time: a SAX parser (saxes)
 * sees each element once, and only the trace being read is held, never the whole log as a DOM.
 * Only the attributes directly under a trace or an event are kept; nested ones (XES lists and
 * containers, meta attributes) are skipped.
 */

export interface XesEvent {
  line: number;
  attributes: Record<string, string>;
}

export interface XesTrace {
  line: number;
  attributes: Record<string, string>;
  events: XesEvent[];
}

/** What the log says before its first trace: its own attributes and the keys it declares global. */
export interface XesLogHead {
  attributes: Record<string, string>;
  eventGlobals: string[];
  traceGlobals: string[];
}

export type XesItem = { head: XesLogHead } | { trace: XesTrace };

/** A log's bytes, as stored or as uploaded (plain XML or gzip), and their size. */
export interface XesStream {
  stream: Readable;
  bytes: number | null;
}

export type XesSource = () => Promise<XesStream>;

const attributeTags = new Set(['string', 'date', 'int', 'float', 'boolean', 'id', 'list', 'container']);
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export const isGzip = (head: Buffer) => head[0] === 0x1f && head[1] === 0x8b;

const signatures: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]], ['a JPEG image', [0xff, 0xd8, 0xff]], ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
];

/** Why these first (decompressed) bytes cannot begin an XES log, or null when they may. */
export function notXmlReason(head: Buffer): string | null {
  const kind = signatures.find(([, bytes]) => bytes.every((b, i) => head[i] === b))?.[0];
  if (kind) return `is not an XES event log: it is ${kind}`;
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.length > 0 && !text.startsWith('<')) return 'is not an XES event log: it is not XML';
  return null;
}

/** An XML name the parser read, safe to quote back: never more than 40 characters of it. */
const quotedName = (name: string) => `<${name.replace(/[^\w:.-]/g, '?').slice(0, 40)}>`;

/** The parser's complaint without the file's bytes in it: saxes prefixes "line:column: ". */
const xmlReason = (error: Error, line: number) => `is not well-formed XML near line ${line}: ${error.message.replace(/^[^:]*:\d+:\d+: /, '').replace(/[^\w ,.:<>/-]/g, '').slice(0, 80)}`;

/**
 * Streams the traces of a log. Yields the log's head once (before the first trace, or at the end
 * of a log without traces), then every trace when its closing tag is read. A file that is not an
 * XES log (another root element, broken XML, not gzip or XML at all) throws a file problem.
 */
export async function* readXes(source: XesSource, onEvent?: (position: ReadPosition) => void): AsyncGenerator<XesItem> {
  const { stream: raw, bytes: totalBytes } = await source();
  let compressedRead = 0;
  const stream = await gunzipIfNeeded(raw, (n) => { compressedRead += n; });
  const parser = new SaxesParser({ position: true, xmlns: false });
  const decoder = new StringDecoder('utf8');
  const ready: XesItem[] = [];
  const head: XesLogHead = { attributes: {}, eventGlobals: [], traceGlobals: [] };
  let headSent = false;
  let rootSeen = false;
  // The open elements: what each is, so an attribute knows whether it belongs to a trace or an event.
  const stack: string[] = [];
  let globalScope: 'trace' | 'event' | null = null;
  let trace: XesTrace | null = null;
  let event: XesEvent | null = null;
  let events = 0;
  const sendHead = () => {
    if (headSent) return;
    headSent = true;
    ready.push({ head });
  };
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const parent = stack[stack.length - 1];
    const line = parser.line;
    if (!rootSeen) {
      rootSeen = true;
      if (name !== 'log') throw fileProblem(line, `is not an XES event log: its root element is ${quotedName(tag.name)}, not <log>`);
    }
    stack.push(name);
    const key = typeof tag.attributes.key === 'string' ? tag.attributes.key : null;
    const value = typeof tag.attributes.value === 'string' ? tag.attributes.value : '';
    if (name === 'trace' && parent === 'log') {
      sendHead();
      trace = { line, attributes: {}, events: [] };
    } else if (name === 'event' && parent === 'trace' && trace) {
      event = { line, attributes: {} };
    } else if (name === 'global' && parent === 'log') {
      globalScope = tag.attributes.scope === 'trace' ? 'trace' : 'event';
    } else if (attributeTags.has(name) && key !== null) {
      if (parent === 'event' && event) event.attributes[key] = value;
      else if (parent === 'trace' && trace) trace.attributes[key] = value;
      else if (parent === 'global' && globalScope) (globalScope === 'trace' ? head.traceGlobals : head.eventGlobals).push(key);
      else if (parent === 'log' && !headSent) head.attributes[key] = value;
    }
  });
  parser.on('closetag', () => {
    const name = stack.pop();
    if (name === 'event' && event && trace && stack[stack.length - 1] === 'trace') {
      trace.events.push(event);
      event = null;
      events += 1;
    } else if (name === 'trace' && trace && stack[stack.length - 1] === 'log') {
      ready.push({ trace });
      trace = null;
    } else if (name === 'global') {
      globalScope = null;
    }
  });
  const feed = (text: string | null) => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw fileProblem(parser.line, xmlReason(error instanceof Error ? error : new Error(String(error)), parser.line));
    }
  };
  let sniffed = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!sniffed) {
      sniffed = true;
      const reason = notXmlReason(chunk.subarray(0, 512));
      if (reason) throw fileProblem(0, reason);
    }
    feed(decoder.write(chunk));
    onEvent?.({ rows: events, bytes: compressedRead, totalBytes });
    yield* ready.splice(0);
  }
  const rest = decoder.end();
  if (rest) feed(rest);
  feed(null);
  if (!rootSeen) throw fileProblem(0, 'is not an XES event log: it is empty');
  sendHead();
  onEvent?.({ rows: events, bytes: compressedRead, totalBytes });
  yield* ready.splice(0);
}

/** The stream itself, or its gunzipped bytes when it starts with gzip's magic bytes; counts the raw bytes read. */
async function gunzipIfNeeded(raw: Readable, counted: (bytes: number) => void): Promise<AsyncIterable<Buffer>> {
  const iterator = (raw as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return Readable.from([]);
  const firstChunk = Buffer.from(first.value);
  async function* rawChunks(): AsyncGenerator<Buffer> {
    counted(firstChunk.length);
    yield firstChunk;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const chunk = Buffer.from(next.value);
      counted(chunk.length);
      yield chunk;
    }
  }
  if (!isGzip(firstChunk)) return rawChunks();
  // Async iteration pulls the inflated bytes as the parser takes them, so neither side runs ahead.
  const compressed = Readable.from(rawChunks());
  const gunzip = compressed.pipe(createGunzip());
  compressed.on('error', (error) => gunzip.destroy(error));
  return (async function* () {
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw fileProblem(0, `is not a readable gzip file (${(error instanceof Error ? error.message : String(error)).slice(0, 60)})`);
    }
  })();
}
