/** A thin fetch wrapper for the Certus JSON API: CSRF header, ETags and RFC 9457 problems. */

export interface FieldError {
  field: string;
  reason: string;
}

/**
 * An RFC 9457 problem. Written by hand, not taken from the generated types: the app also makes
 * problems itself (the server unreachable, an answer that is not JSON), with fewer fields.
 */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  mustChangePassword?: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors keyed by field name, for showing each message at its input. */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const name = e.field.replace(/^\/?(body\/)?/, '').replace(/^fields[./]/, '');
      result[name] = result[name] ? `${result[name]}; ${e.reason}` : e.reason;
    }
    return result;
  }
}

export interface ApiResult<T> {
  data: T;
  etag: string | null;
}

type Listener = (error: ApiError, path: string) => void;

let csrfToken: string | null = null;
const listeners = new Set<Listener>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Subscribes to 401 / must-change-password answers so the app can redirect. */
export function onAuthProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  ifMatch?: string | null;
  signal?: AbortSignal;
  /** Do not broadcast a 401 (used by the sign-in and session probes). */
  quietAuth?: boolean;
}

async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    return { ...parsed, title: parsed.title ?? response.statusText, status: parsed.status ?? response.status };
  } catch {
    return { title: response.statusText || 'Request failed', status: response.status, detail: text.slice(0, 300) || undefined };
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ title: 'The server could not be reached', status: 0, detail: 'Check your network connection and try again.' });
  }

  if (!response.ok) {
    const error = new ApiError(await readProblem(response));
    if (!options.quietAuth && (error.status === 401 || (error.status === 403 && error.problem.mustChangePassword))) {
      for (const listener of listeners) listener(error, path);
    }
    throw error;
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204) return { data: undefined as T, etag };
  const type = response.headers.get('Content-Type') ?? '';
  const data = (type.includes('json') ? await response.json() : await response.text()) as T;
  return { data, etag };
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, { signal })).data;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** Server reasons read as predicates ("is required"); give them their subject for display. */
export function withSubject(label: string, reason: string | undefined): string | undefined {
  return reason && /^[a-z]/.test(reason) ? `${label} ${reason}` : reason;
}
