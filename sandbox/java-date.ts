import type { JavaDateObject } from './types';

/** Artemis runs in Singapore; a serialized java.util.Date carries local fields, so clients must prefer `time`. */
const SINGAPORE_OFFSET_MINUTES = -480;

/** Serializes like a java.util.Date bean: month 0-based, year minus 1900, timezoneOffset = UTC minus local, in minutes. */
export function toJavaDate(epochMs: number, timezoneOffset = SINGAPORE_OFFSET_MINUTES): JavaDateObject {
  const local = new Date(epochMs - timezoneOffset * 60_000);
  return {
    date: local.getUTCDate(),
    day: local.getUTCDay(),
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
    month: local.getUTCMonth(),
    nanos: (epochMs % 1000) * 1_000_000,
    seconds: local.getUTCSeconds(),
    time: epochMs,
    timezoneOffset,
    year: local.getUTCFullYear() - 1900,
  };
}

export function epochMsOf(value: string | JavaDateObject | undefined): number {
  if (value === undefined) return Number.NaN;
  if (typeof value === 'string') return Date.parse(value);
  return typeof value.time === 'number' ? value.time : Number.NaN;
}
