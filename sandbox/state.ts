import { epochMsOf, toJavaDate } from './java-date';
import { createScaleSeed } from './scale-seed';
import { createDemoSeed, createEmptySeed } from './seed';
import type { StoredCustomer, StoredDocument, UserInfo } from './types';

export type RequestLogEntry = {
  /** ISO time the request was received. */
  at: string;
  method: string;
  /** Path with query string. */
  path: string;
  /** Lower-cased names; authorization is kept on purpose so tests can assert on it. */
  headers: Record<string, string>;
  /** Parsed JSON, form object, raw text, or null when there was no body. */
  body: unknown;
  /** null while in flight, or when the socket was destroyed / the client went away. */
  status: number | null;
  /** Set when an applyFirst fault let the request act: what the handling answered before the fault replaced it. */
  appliedStatus?: number;
};

export type Fault = {
  id: number;
  remaining: number;
  status?: number;
  latencyMs?: number;
  method?: string;
  pathContains?: string;
  body?: unknown;
  headers?: Record<string, string>;
  networkError?: boolean;
  /** Act on the request first, then answer with `status`: "Artemis wrote, then the answer was lost". */
  applyFirst?: boolean;
  /** A liveness PUT is validated and answered 200 with the stored document, but nothing is written. */
  dropWrite?: boolean;
  /** Chance that a matching request is hit (default 1); only hits use up `remaining`. */
  probability?: number;
};

/** A wait drawn uniformly from [minMs, maxMs] for each request. */
export type LatencyRange = { minMs: number; maxMs: number };

export type SandboxCounters = { tokenRequests: number; apiRequests: number };

export type SandboxState = {
  readonly seed: SeedName;
  /** The demo seed's past caseload ends on this day (none when null): see past-caseload.ts. */
  readonly pastCaseloadUntil: Date | null;
  /** Origin the sandbox is reachable at; embedded in the http-image seed cases. */
  baseUrl: string;
  customers: Map<number, StoredCustomer>;
  documents: Map<number, StoredDocument>;
  /** customer id → their document ids, ascending (the scale seed makes a full scan per call too slow). */
  documentsByCustomer: Map<number, number[]>;
  /** PNGs served at `/__sandbox/images/<name>`. */
  images: Map<string, Buffer>;
  /** access token → expiry (epoch ms). */
  tokens: Map<string, number>;
  requests: RequestLogEntry[];
  counters: SandboxCounters;
  faults: Fault[];
  /** Fixed wait before each request; unused while `latencyRange` is set. */
  latencyMs: number;
  latencyRange: LatencyRange | null;
  /** Uniform in [0, 1) for fault probabilities and latency ranges; replaceable so runs can be repeated. */
  random: () => number;
  nextFaultId: number;
};

/** The identity the liveness PUT is attributed to, as Artemis records the API client. */
export const API_USER: UserInfo = {
  id: 900,
  email: 'api.client@sandbox.example',
  firstName: 'API',
  lastName: 'Client',
  fullName: 'API Client',
};

/** Keeps an embedded sandbox in a long-running demo from growing without bound. */
const REQUEST_LOG_LIMIT = 5000;

/** An empty state; `resetState` loads the seed once `baseUrl` is known. */
export type SeedName = 'demo' | 'none' | 'scale';

export function createState(seed: SeedName, baseUrl = '', pastCaseloadUntil: Date | null = null): SandboxState {
  return {
    seed,
    pastCaseloadUntil,
    baseUrl,
    customers: new Map(),
    documents: new Map(),
    documentsByCustomer: new Map(),
    images: new Map(),
    tokens: new Map(),
    requests: [],
    counters: { tokenRequests: 0, apiRequests: 0 },
    faults: [],
    latencyMs: 0,
    latencyRange: null,
    random: Math.random,
    nextFaultId: 1,
  };
}

export function resetState(state: SandboxState): void {
  const data = state.seed === 'demo' ? createDemoSeed(state.baseUrl, state.pastCaseloadUntil) : state.seed === 'scale' ? createScaleSeed() : createEmptySeed();
  state.customers = new Map(data.customers.map((c) => [c.id, c]));
  state.documents = new Map(data.documents.map((d) => [d.id, d]));
  state.documentsByCustomer = new Map();
  for (const d of [...data.documents].sort((a, b) => a.id - b.id)) {
    const ids = state.documentsByCustomer.get(d.customerId);
    if (ids) ids.push(d.id);
    else state.documentsByCustomer.set(d.customerId, [d.id]);
  }
  state.images = data.images;
  state.tokens.clear();
  state.faults = [];
  state.latencyMs = 0;
  state.latencyRange = null;
  state.random = Math.random;
  clearRequestLog(state);
}

export function clearRequestLog(state: SandboxState): void {
  state.requests = [];
  state.counters = { tokenRequests: 0, apiRequests: 0 };
}

export function recordRequest(state: SandboxState, entry: RequestLogEntry): void {
  state.requests.push(entry);
  if (state.requests.length > REQUEST_LOG_LIMIT) state.requests.splice(0, state.requests.length - REQUEST_LOG_LIMIT);
}

/** A document only counts as found under the customer it belongs to. */
export function findDocument(state: SandboxState, customerId: number, documentId: number): StoredDocument | undefined {
  const doc = state.documents.get(documentId);
  return doc && doc.customerId === customerId ? doc : undefined;
}

export function documentsOf(state: SandboxState, customerId: number): StoredDocument[] {
  return (state.documentsByCustomer.get(customerId) ?? []).flatMap((id) => {
    const doc = state.documents.get(id);
    return doc && doc.customerId === customerId ? [doc] : [];
  });
}

/**
 * Moves updatedAt strictly forward, even for two writes in the same millisecond, so clients can rely
 * on it for optimistic concurrency. Keeps the document's timestamp encoding (ISO string or Java Date).
 */
export function bumpUpdatedAt(doc: StoredDocument, by: UserInfo, now = Date.now()): void {
  const previous = epochMsOf(doc.updatedAt);
  const next = Number.isFinite(previous) ? Math.max(now, previous + 1) : now;
  doc.updatedAt = typeof doc.updatedAt === 'string' ? new Date(next).toISOString() : toJavaDate(next, doc.updatedAt.timezoneOffset ?? undefined);
  doc.updatedBy = by;
}

/** The wait before a request: the fixed one, or a draw from the range. */
export function requestLatency(state: SandboxState): number {
  const range = state.latencyRange;
  return range ? range.minMs + state.random() * (range.maxMs - range.minMs) : state.latencyMs;
}

/** The first matching fault that hits; a fault that misses its probability lets the next one try. */
export function takeFault(state: SandboxState, method: string, path: string): Fault | undefined {
  const index = state.faults.findIndex(
    (f) =>
      (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
      (f.pathContains === undefined || path.includes(f.pathContains)) &&
      // Drawn only for a real chance, so faults without one leave a seeded sequence untouched.
      (f.probability === undefined || f.probability >= 1 || state.random() < f.probability),
  );
  if (index === -1) return undefined;
  const fault = state.faults[index] as Fault;
  fault.remaining -= 1;
  if (fault.remaining <= 0) state.faults.splice(index, 1);
  return fault;
}
