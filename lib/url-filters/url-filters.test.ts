import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readUrlFilters, toUrlQuery, withQuery } from './index';

const fields = { day: z.iso.date(), count: z.string().regex(/^\d+$/).transform(Number) };

describe('URL filters', () => {
  it('reads what parses, names what does not, and ignores blanks and repeats after the first', () => {
    const params = new URLSearchParams('day=2026-02-30&count=7&count=8&other=1');
    expect(readUrlFilters(fields, params)).toEqual({ values: { count: 7 }, invalid: ['day'] });
    expect(readUrlFilters(fields, { day: ' 2026-02-03 ', count: ['  '] })).toEqual({ values: { day: '2026-02-03' }, invalid: [] });
  });

  it('writes back only values that differ from their defaults', () => {
    expect(toUrlQuery({ day: '2026-02-03', count: 1, empty: '', none: undefined }, { count: 1 })).toBe('day=2026-02-03');
    expect(withQuery('/audit', '')).toBe('/audit');
    expect(withQuery('/audit', 'a=1')).toBe('/audit?a=1');
  });
});
