import { z } from 'zod';
import { positiveIdText } from '@/lib/ids';
import { REASON_CODES } from '@/lib/liveness/reason-codes';
import { AUDIT_OUTCOMES, type AuditOutcome } from './actions';

export type AuditFilters = {
  actor?: string;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from?: string;
  to?: string;
  customerId?: number;
  documentId?: number;
  action?: string;
  outcome?: AuditOutcome;
  reasonCode?: string;
};

export type AuditCursor = { before?: number; after?: number };

const day = z.iso.date();

const fields = {
  actor: z.string().trim().toLowerCase().min(1).max(320),
  from: day,
  to: day,
  customer: positiveIdText,
  document: positiveIdText,
  // Any well-formed name, not only the registry's: the trail keeps what older consoles wrote.
  action: z.string().regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/).max(64),
  outcome: z.enum(AUDIT_OUTCOMES),
  reason: z.enum(REASON_CODES),
  before: positiveIdText,
  after: positiveIdText,
} as const;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function get(params: Params, name: string): string | undefined {
  const v = params instanceof URLSearchParams ? params.get(name) : params[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === null || s.trim() === '' ? undefined : s;
}

/**
 * Reads filters from the URL. A malformed value is dropped (and named in `invalid`) rather than
 * failing the page: the URL is user input.
 */
export function parseAuditFilters(params: Params): { filters: AuditFilters; cursor: AuditCursor; invalid: string[] } {
  const invalid: string[] = [];
  const read = <K extends keyof typeof fields>(name: K): z.output<(typeof fields)[K]> | undefined => {
    const raw = get(params, name);
    if (raw === undefined) return undefined;
    const parsed = fields[name].safeParse(raw);
    if (!parsed.success) {
      invalid.push(name);
      return undefined;
    }
    return parsed.data as z.output<(typeof fields)[K]>;
  };
  const filters: AuditFilters = {
    actor: read('actor'),
    from: read('from'),
    to: read('to'),
    customerId: read('customer'),
    documentId: read('document'),
    action: read('action'),
    outcome: read('outcome'),
    reasonCode: read('reason'),
  };
  const cursor: AuditCursor = { before: read('before'), after: read('after') };
  for (const key of Object.keys(filters) as (keyof AuditFilters)[]) if (filters[key] === undefined) delete filters[key];
  return { filters, cursor, invalid };
}

/** The URL query for filters (and a cursor), the inverse of parseAuditFilters. */
export function auditFiltersToQuery(filters: AuditFilters, cursor: AuditCursor = {}): string {
  const q = new URLSearchParams();
  if (filters.actor) q.set('actor', filters.actor);
  if (filters.from) q.set('from', filters.from);
  if (filters.to) q.set('to', filters.to);
  if (filters.customerId) q.set('customer', String(filters.customerId));
  if (filters.documentId) q.set('document', String(filters.documentId));
  if (filters.action) q.set('action', filters.action);
  if (filters.outcome) q.set('outcome', filters.outcome);
  if (filters.reasonCode) q.set('reason', filters.reasonCode);
  if (cursor.before) q.set('before', String(cursor.before));
  if (cursor.after) q.set('after', String(cursor.after));
  return q.toString();
}

/** First instant after the inclusive UTC day `to`. */
export function dayAfter(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
