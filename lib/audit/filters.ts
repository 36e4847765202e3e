import { z } from 'zod';
import { positiveIdText } from '@/lib/ids';
import { REASON_CODES } from '@/lib/liveness/reason-codes';
import { readUrlFilters, toUrlQuery, type UrlParams } from '@/lib/url-filters';
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
  action: z
    .string()
    .regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/)
    .max(64),
  outcome: z.enum(AUDIT_OUTCOMES),
  reason: z.enum(REASON_CODES),
  before: positiveIdText,
  after: positiveIdText,
} as const;

/**
 * Reads filters and the page cursor from the URL; a malformed value is dropped and named in
 * `invalid`.
 */
export function parseAuditFilters(params: UrlParams): { filters: AuditFilters; cursor: AuditCursor; invalid: string[] } {
  const { values: v, invalid } = readUrlFilters(fields, params);
  const filters: AuditFilters = {
    actor: v.actor,
    from: v.from,
    to: v.to,
    customerId: v.customer,
    documentId: v.document,
    action: v.action,
    outcome: v.outcome,
    reasonCode: v.reason,
  };
  for (const key of Object.keys(filters) as (keyof AuditFilters)[]) if (filters[key] === undefined) delete filters[key];
  return { filters, cursor: { before: v.before, after: v.after }, invalid };
}

/** The URL query for filters (and a cursor), the inverse of parseAuditFilters. */
export function auditFiltersToQuery(filters: AuditFilters, cursor: AuditCursor = {}): string {
  const { customerId, documentId, reasonCode, ...rest } = filters;
  return toUrlQuery({ ...rest, customer: customerId, document: documentId, reason: reasonCode, ...cursor });
}

/** First instant of the UTC day `from`. */
export const dayStart = (isoDay: string) => `${isoDay}T00:00:00.000Z`;

/** First instant after the inclusive UTC day `to`. */
export function dayAfter(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
