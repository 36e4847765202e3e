// Filters, sorts and pages live in the URL so that a view can be shared and reloaded. One reader
// and one writer for every page that keeps them there (queue, audit log, statistics, customers).
import type { z } from 'zod';

export type UrlParams = URLSearchParams | Record<string, string | string[] | undefined>;

type Fields = Record<string, z.ZodType<unknown, string>>;

export type UrlValues<F extends Fields> = { [K in keyof F]?: z.output<F[K]> };

function param(params: UrlParams, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first !== 'string' || first.trim() === '' ? undefined : first.trim();
}

/**
 * Reads each of `fields` from the URL. A malformed value is dropped and named in `invalid`
 * rather than failing the page: the URL is user input.
 */
export function readUrlFilters<F extends Fields>(fields: F, params: UrlParams): { values: UrlValues<F>; invalid: (keyof F & string)[] } {
  const values: UrlValues<F> = {};
  const invalid: (keyof F & string)[] = [];
  for (const [name, schema] of Object.entries(fields) as [keyof F & string, F[keyof F]][]) {
    const raw = param(params, name);
    if (raw === undefined) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data as z.output<F[typeof name]>;
    else invalid.push(name);
  }
  return { values, invalid };
}

/** The inverse of readUrlFilters: empty values and those equal to their default are left out. */
export function toUrlQuery(values: Record<string, string | number | null | undefined>, defaults: Record<string, unknown> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === defaults[name]) continue;
    query.set(name, String(value));
  }
  return query.toString();
}

/** `path` with `query` appended, or `path` alone when the query is empty. */
export const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);
