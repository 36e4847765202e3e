import { E2E } from './config';

/** Talks to the sandbox's control API (loopback only) to inspect and steer it. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${E2E.sandboxUrl}/__sandbox${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type RecordedRequest = {
  at: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  /** Set when an applyFirst fault let the request act before its answer was replaced. */
  appliedStatus?: number;
};

/** See parseFault in sandbox/server.ts: applyFirst needs status; dropWrite stands alone (latencyMs aside). */
export type SandboxFault = {
  status?: number;
  count?: number;
  method?: string;
  pathContains?: string;
  networkError?: boolean;
  latencyMs?: number;
  body?: unknown;
  headers?: Record<string, string>;
  applyFirst?: boolean;
  dropWrite?: boolean;
  probability?: number;
};

export type LatencySetting = { ms: number } | { minMs: number; maxMs: number };

export const sandbox = {
  reset: () => call<void>('POST', '/reset'),
  requests: () => call<RecordedRequest[]>('GET', '/requests'),
  clearRequests: () => call<void>('DELETE', '/requests'),
  stats: () => call<{ tokenRequests: number; apiRequests: number }>('GET', '/stats'),
  fault: (fault: SandboxFault) => call<SandboxFault & { id: number; remaining: number }>('POST', '/faults', fault),
  latency: (setting: LatencySetting) => call<LatencySetting>('POST', '/latency', setting),
  random: (seed: number) => call<{ seed: number }>('POST', '/random', { seed }),
  clearFaults: () => call<void>('DELETE', '/faults'),
  document: (customerId: number, documentId: number) =>
    call<Record<string, unknown> & { liveness: Record<string, unknown> }>('GET', `/customers/${customerId}/documents/${documentId}`),
  touch: (customerId: number, documentId: number, change: { liveness?: object; mergeLiveness?: object }) =>
    call<Record<string, unknown>>('POST', `/customers/${customerId}/documents/${documentId}/touch`, change),
  patchCustomer: (customerId: number, fields: Record<string, unknown>) => call<Record<string, unknown>>('POST', `/customers/${customerId}/patch`, fields),
  patchDocument: (customerId: number, documentId: number, fields: Record<string, unknown>) =>
    call<Record<string, unknown>>('POST', `/customers/${customerId}/documents/${documentId}/patch`, fields),
  livenessPuts: async () => (await call<RecordedRequest[]>('GET', '/requests')).filter((r) => r.method === 'PUT' && r.path.endsWith('/liveness')),
};
