import { z } from 'zod';

// The kinds of environment variable the configuration is made of, each parsed from its text.

export const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An optional number: `fallback` when unset, otherwise from `min` to `max` (whole when `whole`). */
const numberVariable = (fallback: number, { min, max, whole }: { min: number; max: number; whole: boolean }) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a ${whole ? 'whole number' : 'number'} from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

export const percent = (fallback: number) => numberVariable(fallback, { min: 0, max: 100, whole: false });
export const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) => numberVariable(fallback, { min: 1, max, whole: true });
export const nonNegativeInt = (fallback: number, max: number) => numberVariable(fallback, { min: 0, max, whole: true });

export const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL')
  .transform((v) => v.replace(/\/+$/, ''));

/** A comma-separated list, lower-cased; every entry must match `pattern`, or start-up stops naming it and `example`. */
const commaList = (pattern: RegExp, example: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      const entries = (v ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean);
      const bad = entries.find((entry) => entry === 'null' || !pattern.test(entry));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `has "${bad}", which is not ${example}` });
        return z.NEVER;
      }
      return entries;
    });

/**
 * Hosts (host[:port], `*.` wildcards allowed) besides the request's own that may post server
 * actions: needed only behind a proxy that rewrites Host. Never `null` or a bare wildcard.
 */
export const originList = commaList(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, 'a host name like console.example.com');

/** `host:port` entries (a port is required: the exception is for one receiver, not a host's every service). */
export const hostPortList = commaList(/^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\]):\d{1,5}$/, 'a host and port like hooks.internal:8443');
