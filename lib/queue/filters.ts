// The queue's filters, sort and page as URL parameters (kept in the URL so a view can be shared,
// reloaded, and carried to the review screen for "next"). Pure: used by pages, routes and tests.
import { isFlagKind, type FlagKind } from './flags';

export const QUEUE_SORTS = [
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

/** `proposals`: overrides waiting for a second reviewer (FOUR_EYES). */
export type QueueTab = 'queue' | 'decided' | 'proposals';

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
  sort: 'oldest',
  page: 1,
};

/** The parameters that select documents (not the tab or the page): what "next" must keep. */
export const SELECTION_PARAMS = ['flag', 'cmin', 'cmax', 'status', 'risk', 'reviewed', 'sort'] as const;

type Source = URLSearchParams | Record<string, string | string[] | undefined>;

function get(source: Source, name: string): string | undefined {
  const v = source instanceof URLSearchParams ? (source.get(name) ?? undefined) : source[name];
  const s: unknown = Array.isArray(v) ? v[0] : v;
  return typeof s !== 'string' || s.trim() === '' ? undefined : s.trim();
}

const percent = (v: string | undefined) => (v !== undefined && /^\d{1,3}(\.\d+)?$/.test(v) && Number(v) <= 100 ? Number(v) : undefined);
// Artemis enum values (tolerating ones not yet listed): upper-case words.
const enumValue = (v: string | undefined) => (v !== undefined && /^[A-Z][A-Z0-9_]{0,39}$/.test(v) ? v : undefined);

/** Reads filters from URL parameters; anything unreadable falls back to its default, never an error. */
export function parseQueueFilters(source: Source): QueueFilters {
  const flag = get(source, 'flag');
  const reviewed = get(source, 'reviewed');
  const sort = get(source, 'sort');
  const page = get(source, 'page');
  return {
    tab: get(source, 'tab') === 'decided' ? 'decided' : get(source, 'tab') === 'proposals' ? 'proposals' : 'queue',
    flag: isFlagKind(flag) ? flag : undefined,
    cmin: percent(get(source, 'cmin')),
    cmax: percent(get(source, 'cmax')),
    status: enumValue(get(source, 'status')),
    risk: enumValue(get(source, 'risk')),
    reviewed: REVIEWED_OPTIONS.some((o) => o.value === reviewed) ? (reviewed as Reviewed) : 'no',
    sort: QUEUE_SORTS.some((o) => o.value === sort) ? (sort as QueueSort) : 'oldest',
    page: page !== undefined && /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

/** URL parameters for `filters` (defaults omitted, so the plain `/` stays plain). */
export function queueSearchParams(filters: Partial<QueueFilters>, only?: readonly (keyof QueueFilters)[]): URLSearchParams {
  const out = new URLSearchParams();
  const keys = only ?? (['tab', ...SELECTION_PARAMS, 'page'] as const);
  for (const key of keys) {
    const value = filters[key];
    if (value === undefined || value === DEFAULT_FILTERS[key]) continue;
    out.set(key, String(value));
  }
  return out;
}

export function queueHref(filters: Partial<QueueFilters>): string {
  const qs = queueSearchParams(filters).toString();
  return qs ? `/?${qs}` : '/';
}

/** The selection part of the filters as a query string ('' when none), for links that must keep them. */
export function selectionQuery(filters: Partial<QueueFilters>): string {
  return queueSearchParams(filters, SELECTION_PARAMS).toString();
}
