// The sandbox's control API under /__sandbox/: the request log, faults, latency, the random
// source, reset, and changes to documents behind the console's back.
import { numericId } from './artemis-api';
import { error, isPlainObject, methodNotAllowed, notFound, parseJson, type JsonParse, type Reply, type Request } from './http';
import { LIVENESS_VENDOR_USER, SEED_CASES } from './seed';
import { seededRandom } from './random';
import { bumpUpdatedAt, clearRequestLog, findDocument, resetState, type Fault, type LatencyRange, type SandboxState } from './state';

export function control(state: SandboxState, request: Request): Reply {
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
  if (headers !== undefined && (!isPlainObject(headers) || !Object.values(headers).every((v) => typeof v === 'string'))) {
    return 'headers must be an object of strings';
  }
  if (applyFirst !== undefined && typeof applyFirst !== 'boolean') return 'applyFirst must be a boolean';
  if (dropWrite !== undefined && typeof dropWrite !== 'boolean') return 'dropWrite must be a boolean';
  if (probability !== undefined && (typeof probability !== 'number' || !Number.isFinite(probability) || probability <= 0 || probability > 1)) {
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
