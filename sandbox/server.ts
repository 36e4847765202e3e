import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIVENESS_VENDOR_USER, SEED_CASES } from './seed';
import {
  API_USER,
  bumpUpdatedAt,
  clearRequestLog,
  createState,
  documentsOf,
  findDocument,
  recordRequest,
  requestLatency,
  resetState,
  seededRandom,
  takeFault,
  type Fault,
  type LatencyRange,
  type RequestLogEntry,
  type SandboxState,
  type SeedName,
} from './state';

export type { Fault, LatencyRange, RequestLogEntry, SandboxCounters, SandboxState } from './state';
export { SEED_CASES } from './seed';

export type SandboxOptions = {
  /** 0 = random free port. */
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  domainId?: string;
  tokenTtlSeconds?: number;
  /** `scale`: 10,000 customers and 20,000 documents for benchmarks (see scale-seed.ts). */
  seed?: SeedName;
  log?: (line: string) => void;
  /** Other handlers served on the same port under a path prefix (tests mount an OpenID provider). */
  mounts?: Record<string, (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => void>;
};

export type Sandbox = {
  url: string;
  port: number;
  close(): Promise<void>;
  state: SandboxState;
};

type Config = {
  clientId: string;
  clientSecret: string;
  domainId: string;
  tokenTtlSeconds: number;
  log: (line: string) => void;
};

type Reply = {
  status: number;
  /** Buffers and strings are sent as-is (strings let faults imitate proxies' HTML pages); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
};

type Request = {
  method: string;
  /** Path with query. */
  target: string;
  url: URL;
  headers: IncomingMessage['headers'];
  raw: Buffer;
};

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

class BodyTooLargeError extends Error {}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config: Config = {
    clientId: options.clientId ?? 'sandbox-client',
    clientSecret: options.clientSecret ?? 'sandbox-secret',
    domainId: options.domainId ?? '4242',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    log: options.log ?? (() => {}),
  };
  const host = options.host ?? '127.0.0.1';
  const state = createState(options.seed ?? 'demo');

  const mounts = Object.entries(options.mounts ?? {});
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    const mount = mounts.find(([prefix]) => target === prefix || target.startsWith(`${prefix}/`) || target.startsWith(`${prefix}?`));
    if (mount) {
      // As Express mounts do: the handler sees the path below the prefix, and the full one.
      Object.assign(req, { originalUrl: target, url: target.slice(mount[0].length) || '/' });
      mount[1](req, res);
      return;
    }
    handle(state, config, req, res).catch((error: unknown) => {
      config.log(`sandbox error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        send(res, { status: 500, body: springError(500, 'Internal Server Error', 'Sandbox failure', req.url ?? '/') });
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;

  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;
  // Seeded only once the port is known: some seed images are http URLs pointing back at the sandbox.
  state.baseUrl = url;
  resetState(state);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    state,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function handle(state: SandboxState, config: Config, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '/';
  const url = new URL(target, 'http://sandbox.invalid');
  res.once('finish', () => config.log(`${method} ${target} ${res.statusCode} ${Date.now() - started}ms`));

  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      send(res, { status: 413, body: springError(413, 'Payload Too Large', 'Request body too large', url.pathname) });
      return;
    }
    res.destroy();
    return;
  }
  const request: Request = { method, target, url, headers: req.headers, raw };

  if (url.pathname.startsWith('/__sandbox/')) {
    send(res, control(state, request));
    return;
  }

  const isToken = url.pathname === '/oauth/token';
  const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
  if (!isToken && !isApi) {
    send(res, notFound(url.pathname));
    return;
  }

  const entry: RequestLogEntry = {
    at: new Date(started).toISOString(),
    method,
    path: target,
    headers: flattenHeaders(req.headers),
    body: bodyForLog(raw, req.headers['content-type']),
    status: null,
  };
  recordRequest(state, entry);
  if (isToken) state.counters.tokenRequests += 1;
  else state.counters.apiRequests += 1;

  const fault = takeFault(state, method, target);
  const act = () => (isToken ? tokenEndpoint(state, config, request) : apiEndpoint(state, config, request, fault?.dropWrite));
  // Before the wait, so a client that gives up during it still finds the change made.
  if (fault?.applyFirst) entry.appliedStatus = act().status;
  const delay = requestLatency(state) + (fault?.latencyMs ?? 0);
  if (delay > 0 && !(await waitUnlessClosed(delay, res))) return;

  if (fault?.networkError) {
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  if (fault?.status !== undefined) {
    reply = {
      status: fault.status,
      body: 'body' in fault ? fault.body : springError(fault.status, reasonPhrase(fault.status), 'Injected fault', url.pathname),
      headers: fault.headers,
    };
  } else {
    reply = act();
  }
  entry.status = reply.status;
  send(res, reply);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Resolves false when the client goes away during the wait, so a dropped request is never acted on. */
function waitUnlessClosed(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve(false);
      return;
    }
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  let payload: string | Buffer = '';
  if (reply.body !== undefined && reply.status !== 204) {
    if (Buffer.isBuffer(reply.body)) {
      payload = reply.body;
      headers['content-type'] ??= 'application/octet-stream';
    } else if (typeof reply.body === 'string') {
      payload = reply.body;
      headers['content-type'] ??= reply.body.trimStart().startsWith('<')
        ? 'text/html; charset=utf-8'
        : 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(reply.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === 'application/json' || type.endsWith('+json');
}

function bodyForLog(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return null;
  const text = raw.toString('utf8');
  if (isJsonType(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (mediaType(contentType) === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return text;
}

type JsonParse = { ok: true; value: unknown } | { ok: false };

function parseJson(raw: Buffer): JsonParse {
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function springError(status: number, error: string, message: string, path: string) {
  return { timestamp: new Date().toISOString(), status, error, message, path };
}

function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return phrases[status] ?? 'Error';
}

function error(status: number, message: string, path: string, headers?: Record<string, string>): Reply {
  return { status, body: springError(status, reasonPhrase(status), message, path), headers };
}

function notFound(path: string, message = 'No handler found'): Reply {
  return error(404, message, path);
}

function methodNotAllowed(path: string, allow: string): Reply {
  return error(405, 'Request method not supported', path, { allow });
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

function tokenEndpoint(state: SandboxState, config: Config, request: Request): Reply {
  if (request.method !== 'POST') return methodNotAllowed(request.url.pathname, 'POST');
  const form = isJsonType(request.headers['content-type'])
    ? new URLSearchParams()
    : new URLSearchParams(request.raw.toString('utf8'));
  const basic = basicCredentials(request.headers.authorization);
  const clientId = basic?.id ?? form.get('client_id') ?? '';
  const clientSecret = basic?.secret ?? form.get('client_secret') ?? '';
  if (!sameSecret(clientId, config.clientId) || !sameSecret(clientSecret, config.clientSecret)) {
    return { status: 401, body: { error: 'invalid_client' }, headers: { 'www-authenticate': 'Basic realm="oauth2/client"' } };
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }
  const now = Date.now();
  for (const [token, expiresAt] of state.tokens) if (expiresAt <= now) state.tokens.delete(token);
  const accessToken = randomBytes(24).toString('base64url');
  state.tokens.set(accessToken, now + config.tokenTtlSeconds * 1000);
  return {
    status: 200,
    body: { access_token: accessToken, token_type: 'Bearer', expires_in: config.tokenTtlSeconds, scope: 'read write' },
    headers: { pragma: 'no-cache' },
  };
}

function bearerIsValid(state: SandboxState, header: string | undefined): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const expiresAt = state.tokens.get(match[1]);
  return expiresAt !== undefined && expiresAt > Date.now();
}

const UNSORTED = { empty: true, sorted: false, unsorted: true };

function intParam(value: string | null, fallback: number): number {
  if (value === null || !/^-?\d+$/.test(value.trim())) return fallback;
  return Number.parseInt(value, 10);
}

function numericId(segment: string): number | undefined {
  return /^\d{1,15}$/.test(segment) ? Number(segment) : undefined;
}

function apiEndpoint(state: SandboxState, config: Config, request: Request, dropWrite = false): Reply {
  const { method, url } = request;
  const path = url.pathname;
  if (!bearerIsValid(state, request.headers.authorization)) {
    return {
      status: 401,
      body: { error: 'invalid_token' },
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    };
  }
  if (request.headers['x-domain-id'] !== config.domainId) return error(403, 'Invalid domain', path);

  const segments = path.replace(/\/+$/, '').split('/').slice(1);
  if (segments[0] !== 'api' || segments[1] !== 'customer') return notFound(path);
  const rest = segments.slice(2);

  if (rest.length === 0) {
    if (method !== 'GET') return methodNotAllowed(path, 'GET');
    return customerPage(state, url);
  }

  const customerId = numericId(rest[0] ?? '');
  if (customerId === undefined) {
    return error(400, `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'`, path);
  }

  if (rest.length === 1) {
    if (method !== 'GET') return methodNotAllowed(path, 'GET');
    const customer = state.customers.get(customerId);
    return customer ? { status: 200, body: customer } : notFound(path, `Customer ${customerId} not found`);
  }

  if (rest[1] !== 'document') return notFound(path);

  if (rest.length === 2) {
    if (method !== 'GET') return methodNotAllowed(path, 'GET');
    if (!state.customers.has(customerId)) return notFound(path, `Customer ${customerId} not found`);
    return { status: 200, body: documentsOf(state, customerId) };
  }

  const documentId = numericId(rest[2] ?? '');
  if (documentId === undefined) {
    return error(400, `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'`, path);
  }

  if (rest.length === 3) {
    if (method !== 'GET') return methodNotAllowed(path, 'GET');
    const doc = state.customers.has(customerId) ? findDocument(state, customerId, documentId) : undefined;
    return doc ? { status: 200, body: doc } : notFound(path, `Document ${documentId} not found`);
  }

  if (rest.length === 4 && rest[3] === 'liveness') {
    if (method !== 'PUT') return methodNotAllowed(path, 'PUT');
    return putLiveness(state, request, customerId, documentId, dropWrite);
  }

  return notFound(path);
}

function customerPage(state: SandboxState, url: URL): Reply {
  const page = Math.max(0, intParam(url.searchParams.get('page'), 0));
  let size = intParam(url.searchParams.get('size'), DEFAULT_PAGE_SIZE);
  if (size < 1) size = DEFAULT_PAGE_SIZE;
  size = Math.min(size, MAX_PAGE_SIZE);

  const all = [...state.customers.values()].sort((a, b) => a.id - b.id);
  const offset = page * size;
  const content = all.slice(offset, offset + size);
  const totalPages = Math.ceil(all.length / size);
  return {
    status: 200,
    body: {
      content,
      pageable: { pageNumber: page, pageSize: size, offset, paged: true, unpaged: false, sort: UNSORTED },
      last: page + 1 >= totalPages,
      totalElements: all.length,
      totalPages,
      first: page === 0,
      size,
      number: page,
      sort: UNSORTED,
      numberOfElements: content.length,
      empty: content.length === 0,
    },
  };
}

const LIVENESS_FIELD_TYPES: Record<string, 'boolean' | 'integer' | 'string' | 'object'> = {
  conclusion: 'boolean',
  facialCheck: 'boolean',
  livenessResult: 'boolean',
  liivenessConfidence: 'integer',
  referenceImage: 'string',
  auditImages: 'string',
  faceDetails: 'object',
};

/** Mirrors Jackson refusing a body whose known fields have the wrong JSON type. */
function livenessTypeError(body: Record<string, unknown>): string | undefined {
  for (const [field, type] of Object.entries(LIVENESS_FIELD_TYPES)) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    const ok =
      type === 'integer'
        ? Number.isInteger(value)
        : type === 'object'
          ? isPlainObject(value)
          : typeof value === type;
    if (!ok) return `JSON parse error: field '${field}' must be ${type === 'integer' ? 'an integer' : `a ${type}`}`;
  }
  return undefined;
}

function putLiveness(state: SandboxState, request: Request, customerId: number, documentId: number, dropWrite: boolean): Reply {
  const path = request.url.pathname;
  if (!isJsonType(request.headers['content-type'])) {
    return error(415, `Content-Type '${mediaType(request.headers['content-type']) || 'none'}' is not supported`, path);
  }
  const parsed = parseJson(request.raw);
  if (!parsed.ok) return error(400, 'JSON parse error: malformed request body', path);
  if (!isPlainObject(parsed.value)) return error(400, 'JSON parse error: request body must be a JSON object', path);
  const typeError = livenessTypeError(parsed.value);
  if (typeError) return error(400, typeError, path);

  const doc = state.customers.has(customerId) ? findDocument(state, customerId, documentId) : undefined;
  if (!doc) return notFound(path, `Document ${documentId} not found`);
  // Claims success with the old document: only a client that checks what was stored notices.
  if (dropWrite) return { status: 200, body: doc };

  // Replace, never merge: this is the behaviour the console must guard against.
  doc.liveness = parsed.value;
  bumpUpdatedAt(doc, API_USER);
  return { status: 200, body: doc };
}

function control(state: SandboxState, request: Request): Reply {
  const { method, url } = request;
  const path = url.pathname;
  const segments = path.split('/').filter(Boolean).slice(1);
  const route = segments.join('/');

  const readJson = (): JsonParse => (request.raw.length === 0 ? { ok: true, value: {} } : parseJson(request.raw));

  switch (route) {
    case 'requests':
      if (method === 'GET') return { status: 200, body: state.requests };
      if (method === 'DELETE') {
        clearRequestLog(state);
        return { status: 204 };
      }
      return methodNotAllowed(path, 'GET, DELETE');
    case 'stats':
      if (method !== 'GET') return methodNotAllowed(path, 'GET');
      return { status: 200, body: state.counters };
    case 'cases':
      if (method !== 'GET') return methodNotAllowed(path, 'GET');
      return { status: 200, body: SEED_CASES };
    case 'faults': {
      if (method === 'GET') return { status: 200, body: state.faults };
      if (method === 'DELETE') {
        state.faults = [];
        return { status: 204 };
      }
      if (method !== 'POST') return methodNotAllowed(path, 'GET, POST, DELETE');
      const parsed = readJson();
      if (!parsed.ok || !isPlainObject(parsed.value)) return error(400, 'Body must be a JSON object', path);
      const fault = parseFault(parsed.value, state.nextFaultId);
      if (typeof fault === 'string') return error(400, fault, path);
      state.nextFaultId += 1;
      state.faults.push(fault);
      return { status: 201, body: fault };
    }
    case 'latency': {
      if (method === 'GET') return { status: 200, body: state.latencyRange ?? { ms: state.latencyMs } };
      if (method !== 'POST') return methodNotAllowed(path, 'GET, POST');
      const parsed = readJson();
      if (!parsed.ok || !isPlainObject(parsed.value)) return error(400, 'Body must be a JSON object', path);
      const setting = parseLatency(parsed.value);
      if (typeof setting === 'string') return error(400, setting, path);
      state.latencyMs = 'ms' in setting ? setting.ms : 0;
      state.latencyRange = 'ms' in setting ? null : setting;
      return { status: 200, body: setting };
    }
    case 'random': {
      if (method !== 'POST') return methodNotAllowed(path, 'POST');
      const parsed = readJson();
      const seed = parsed.ok && isPlainObject(parsed.value) ? parsed.value.seed : undefined;
      if (!Number.isSafeInteger(seed)) return error(400, 'seed must be an integer', path);
      state.random = seededRandom(seed as number);
      return { status: 200, body: { seed } };
    }
    case 'reset':
      if (method !== 'POST') return methodNotAllowed(path, 'POST');
      resetState(state);
      return { status: 204 };
    case 'tokens/expire':
      if (method !== 'POST') return methodNotAllowed(path, 'POST');
      for (const token of state.tokens.keys()) state.tokens.set(token, 0);
      return { status: 204 };
  }

  if (segments[0] === 'images' && segments.length === 2) {
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(path, 'GET');
    const png = state.images.get(decodeURIComponent(segments[1] ?? ''));
    if (!png) return notFound(path, 'Unknown image');
    return { status: 200, body: png, headers: { 'content-type': 'image/png' } };
  }

  // Test data: merges fields into a stored customer (ids cannot change), e.g. hostile strings.
  if (segments[0] === 'customers' && segments.length === 3 && segments[2] === 'patch') {
    if (method !== 'POST') return methodNotAllowed(path, 'POST');
    const customer = state.customers.get(numericId(segments[1] ?? '') ?? -1);
    if (!customer) return notFound(path, 'Unknown customer');
    const parsed = readJson();
    if (!parsed.ok || !isPlainObject(parsed.value)) return error(400, 'Body must be a JSON object', path);
    Object.assign(customer, parsed.value, { id: customer.id });
    return { status: 200, body: customer };
  }

  if (segments[0] === 'customers' && segments[2] === 'documents' && segments.length === 5 && segments[4] === 'patch') {
    if (method !== 'POST') return methodNotAllowed(path, 'POST');
    const customerId = numericId(segments[1] ?? '');
    const documentId = numericId(segments[3] ?? '');
    const doc = customerId !== undefined && documentId !== undefined ? findDocument(state, customerId, documentId) : undefined;
    if (!doc) return notFound(path, 'Unknown document');
    const parsed = readJson();
    if (!parsed.ok || !isPlainObject(parsed.value)) return error(400, 'Body must be a JSON object', path);
    Object.assign(doc, parsed.value, { id: doc.id, customerId: doc.customerId });
    return { status: 200, body: doc };
  }

  if (segments[0] === 'customers' && segments[2] === 'documents' && (segments.length === 4 || segments.length === 5)) {
    const customerId = numericId(segments[1] ?? '');
    const documentId = numericId(segments[3] ?? '');
    const doc = customerId !== undefined && documentId !== undefined ? findDocument(state, customerId, documentId) : undefined;
    if (segments.length === 4) {
      if (method !== 'GET') return methodNotAllowed(path, 'GET');
      return doc ? { status: 200, body: doc } : notFound(path, 'Unknown document');
    }
    if (segments[4] === 'touch') {
      if (method !== 'POST') return methodNotAllowed(path, 'POST');
      if (!doc) return notFound(path, 'Unknown document');
      const parsed = readJson();
      if (!parsed.ok || !isPlainObject(parsed.value)) return error(400, 'Body must be a JSON object', path);
      const { liveness, mergeLiveness } = parsed.value;
      if (liveness !== undefined && !isPlainObject(liveness)) return error(400, 'liveness must be an object', path);
      if (mergeLiveness !== undefined && !isPlainObject(mergeLiveness)) {
        return error(400, 'mergeLiveness must be an object', path);
      }
      if (liveness) doc.liveness = liveness;
      if (mergeLiveness) doc.liveness = { ...doc.liveness, ...mergeLiveness };
      bumpUpdatedAt(doc, LIVENESS_VENDOR_USER);
      return { status: 200, body: doc };
    }
  }

  return notFound(path);
}

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function parseLatency(body: Record<string, unknown>): { ms: number } | LatencyRange | string {
  const { ms, minMs, maxMs } = body;
  if (minMs === undefined && maxMs === undefined) return isMs(ms) ? { ms } : 'ms must be a number >= 0';
  if (ms !== undefined) return 'give either ms or minMs and maxMs';
  if (!isMs(minMs) || !isMs(maxMs) || minMs > maxMs) return 'minMs and maxMs must be numbers with 0 <= minMs <= maxMs';
  return { minMs, maxMs };
}

function parseFault(body: Record<string, unknown>, id: number): Fault | string {
  const { status, count = 1, latencyMs, method, pathContains, networkError, headers, applyFirst, dropWrite, probability } = body;
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)) {
    return 'status must be an HTTP status code';
  }
  if (!Number.isInteger(count) || (count as number) < 1) return 'count must be a positive integer';
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0)) {
    return 'latencyMs must be a number >= 0';
  }
  if (method !== undefined && typeof method !== 'string') return 'method must be a string';
  if (pathContains !== undefined && typeof pathContains !== 'string') return 'pathContains must be a string';
  if (networkError !== undefined && typeof networkError !== 'boolean') return 'networkError must be a boolean';
  if (
    headers !== undefined &&
    (!isPlainObject(headers) || !Object.values(headers).every((v) => typeof v === 'string'))
  ) {
    return 'headers must be an object of strings';
  }
  if (applyFirst !== undefined && typeof applyFirst !== 'boolean') return 'applyFirst must be a boolean';
  if (dropWrite !== undefined && typeof dropWrite !== 'boolean') return 'dropWrite must be a boolean';
  if (
    probability !== undefined &&
    (typeof probability !== 'number' || !Number.isFinite(probability) || probability <= 0 || probability > 1)
  ) {
    return 'probability must be a number in (0, 1]';
  }
  if (applyFirst && status === undefined) return 'applyFirst needs a status to answer with';
  if (applyFirst && networkError) return 'applyFirst cannot be combined with networkError';
  if (dropWrite && (status !== undefined || networkError || applyFirst)) {
    return 'dropWrite answers 200 itself: it cannot be combined with status, networkError or applyFirst';
  }
  if (status === undefined && !networkError && latencyMs === undefined && !dropWrite) {
    return 'a fault needs status, networkError, latencyMs or dropWrite';
  }
  return {
    id,
    remaining: count as number,
    ...(status !== undefined ? { status: status as number } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(method !== undefined ? { method } : {}),
    ...(pathContains !== undefined ? { pathContains } : {}),
    ...('body' in body ? { body: body.body } : {}),
    ...(headers !== undefined ? { headers: headers as Record<string, string> } : {}),
    ...(networkError ? { networkError } : {}),
    ...(applyFirst ? { applyFirst } : {}),
    ...(dropWrite ? { dropWrite } : {}),
    ...(probability !== undefined ? { probability } : {}),
  };
}
