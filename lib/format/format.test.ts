import { describe, expect, it } from 'vitest';
import { formatUtc, humanize, passFailText, textOrDash } from './index';

describe('shared formatting', () => {
  it('formats times in UTC to the minute, a dash for none or nonsense', () => {
    expect(formatUtc('2026-11-30T23:59:59.999+01:00')).toBe('2026-11-30 22:59 UTC');
    expect(formatUtc(null)).toBe('—');
    expect(formatUtc('not a date')).toBe('—');
  });

  it('turns enum values into words and absent text into a dash', () => {
    expect(humanize('PENDING_REVIEW')).toBe('Pending review');
    expect(humanize(undefined)).toBe('—');
    expect(textOrDash('E1234567')).toBe('E1234567');
    expect(textOrDash('')).toBe('—');
  });

  it('writes Pass, Fail or not set', () => {
    expect([true, false, null, undefined].map(passFailText)).toEqual(['Pass', 'Fail', 'not set', 'not set']);
  });
});
