// The Artemis endpoints the sandbox serves: the token endpoint, customers, documents and the
// liveness PUT, with the bearer-token and X-Domain-ID checks.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { error, isJsonType, isPlainObject, mediaType, methodNotAllowed, notFound, parseJson, type Reply, type Request } from './http';
import { API_USER, bumpUpdatedAt, documentsOf, findDocument, type SandboxState } from './state';

export type SandboxConfig = {
  clientId: string;
  clientSecret: string;
  domainId: string;
  tokenTtlSeconds: number;
  log: (line: string) => void;
};

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

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

export function tokenEndpoint(state: SandboxState, config: SandboxConfig, request: Request): Reply {
  if (request.method !== 'POST') return methodNotAllowed(request.url.pathname, 'POST');
  const form = isJsonType(request.headers['content-type']) ? new URLSearchParams() : new URLSearchParams(request.raw.toString('utf8'));
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

export function numericId(segment: string): number | undefined {
  return /^\d{1,15}$/.test(segment) ? Number(segment) : undefined;
}

export function apiEndpoint(state: SandboxState, config: SandboxConfig, request: Request, dropWrite = false): Reply {
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
    const ok = type === 'integer' ? Number.isInteger(value) : type === 'object' ? isPlainObject(value) : typeof value === type;
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
