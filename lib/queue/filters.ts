// The queue's filters, sort and page as URL parameters (kept in the URL so a view can be shared,
// reloaded, and carried to the review screen for "next"). Pure: used by pages, routes and tests.
import { z } from 'zod';
import { readUrlFilters, toUrlQuery, withQuery, type UrlParams } from '@/lib/url-filters';
import { FLAG_KINDS, type FlagKind } from '@/lib/liveness/flags';

export const QUEUE_SORTS = [
  { value: 'due', label: 'Due soonest' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'newest', label: 'Newest first' },
  { value: 'confidence', label: 'Lowest confidence first' },
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number]['value'];

export const REVIEWED_OPTIONS = [
  { value: 'no', label: 'Not reviewed' },
  { value: 'yes', label: 'Reviewed' },
  { value: 'all', label: 'Either' },
] as const;
export type Reviewed = (typeof REVIEWED_OPTIONS)[number]['value'];

/**
 * `proposals`: overrides waiting for a second reviewer (FOUR_EYES); `qa`: the QA sample (SPEC §11);
 * `escalated`: documents only admins decide; `assigned`: the viewer's own (SPEC §14).
 */
const QUEUE_TABS = ['queue', 'assigned', 'escalated', 'decided', 'proposals', 'qa'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export type QueueFilters = {
  tab: QueueTab;
  flag: FlagKind | undefined;
  /** Confidence range, inclusive, 0–100. */
  cmin: number | undefined;
  cmax: number | undefined;
  status: string | undefined;
  risk: string | undefined;
  reviewed: Reviewed;
  sort: QueueSort;
  /** 1-based. */
  page: number;
};

export const DEFAULT_FILTERS: QueueFilters = {
  tab: 'queue',
  flag: undefined,
  cmin: undefined,
  cmax: undefined,
  status: undefined,
  risk: undefined,
  reviewed: 'no',
  sort: 'due',
  page: 1,
};

/** The parameters that select documents (not the tab or the page): what "next" must keep. */
export const SELECTION_PARAMS = ['flag', 'cmin', 'cmax', 'status', 'risk', 'reviewed', 'sort'] as const;

const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d+)?$/)
  .transform(Number)
  .pipe(z.number().max(100));
// Artemis enum values (tolerating ones not yet listed): upper-case words.
const enumValue = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/);
const values = <T extends readonly { value: string }[]>(options: T) => options.map((o) => o.value) as [T[number]['value'], ...T[number]['value'][]];

const fields = {
  tab: z.enum(QUEUE_TABS),
  flag: z.enum(FLAG_KINDS.map((f) => f.kind) as [FlagKind, ...FlagKind[]]),
  cmin: percent,
  cmax: percent,
  status: enumValue,
  risk: enumValue,
  reviewed: z.enum(values(REVIEWED_OPTIONS)),
  sort: z.enum(values(QUEUE_SORTS)),
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1)),
} satisfies Record<keyof QueueFilters, z.ZodType<unknown, string>>;

/** Reads filters from URL parameters; what cannot be read takes its default and is named in `invalid`. */
export function readQueueFilters(params: UrlParams): { filters: QueueFilters; invalid: string[] } {
  const { values: read, invalid } = readUrlFilters(fields, params);
  return { filters: { ...DEFAULT_FILTERS, ...read }, invalid };
}

export const parseQueueFilters = (params: UrlParams): QueueFilters => readQueueFilters(params).filters;

/** URL parameters for `filters` (defaults omitted, so the plain `/` stays plain). */
export function queueSearchParams(filters: Partial<QueueFilters>, only?: readonly (keyof QueueFilters)[]): URLSearchParams {
  const keys = only ?? (['tab', ...SELECTION_PARAMS, 'page'] as const);
  return new URLSearchParams(toUrlQuery(Object.fromEntries(keys.map((key) => [key, filters[key]])), DEFAULT_FILTERS));
}

export function queueHref(filters: Partial<QueueFilters>): string {
  return withQuery('/', queueSearchParams(filters).toString());
}

/** The selection part of the filters as a query string ('' when none), for links that must keep them. */
export function selectionQuery(filters: Partial<QueueFilters>): string {
  return queueSearchParams(filters, SELECTION_PARAMS).toString();
}
