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
};

export const sandbox = {
  reset: () => call<void>('POST', '/reset'),
  requests: () => call<RecordedRequest[]>('GET', '/requests'),
  clearRequests: () => call<void>('DELETE', '/requests'),
  stats: () => call<{ tokenRequests: number; apiRequests: number }>('GET', '/stats'),
  fault: (fault: { status?: number; count?: number; method?: string; pathContains?: string; networkError?: boolean; latencyMs?: number }) =>
    call<void>('POST', '/faults', fault),
  clearFaults: () => call<void>('DELETE', '/faults'),
  document: (customerId: number, documentId: number) =>
    call<Record<string, unknown> & { liveness: Record<string, unknown> }>('GET', `/customers/${customerId}/documents/${documentId}`),
  touch: (customerId: number, documentId: number, change: { liveness?: object; mergeLiveness?: object }) =>
    call<Record<string, unknown>>('POST', `/customers/${customerId}/documents/${documentId}/touch`, change),
  patchCustomer: (customerId: number, fields: Record<string, unknown>) =>
    call<Record<string, unknown>>('POST', `/customers/${customerId}/patch`, fields),
  patchDocument: (customerId: number, documentId: number, fields: Record<string, unknown>) =>
    call<Record<string, unknown>>('POST', `/customers/${customerId}/documents/${documentId}/patch`, fields),
  livenessPuts: async () => (await call<RecordedRequest[]>('GET', '/requests')).filter((r) => r.method === 'PUT' && r.path.endsWith('/liveness')),
};
