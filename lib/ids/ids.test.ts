import { describe, expect, it } from 'vitest';
import { isId, parseIdText, positiveId } from './index';

describe('ids', () => {
  it('reads a positive whole number written plainly, up to the largest exact one', () => {
    expect(parseIdText('1')).toBe(1);
    expect(parseIdText('5015')).toBe(5015);
    expect(parseIdText(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses every other way of writing a number', () => {
    for (const text of ['', '0', '01', '-1', '+1', '1e3', '0x10', ' 12', '12 ', '12.0', '1_000', '9007199254740992', '99999999999999999']) {
      expect(parseIdText(text), text).toBeUndefined();
    }
  });

  it('takes numbers in JSON only when they are positive safe integers', () => {
    expect(positiveId.safeParse(42).success).toBe(true);
    for (const value of [0, -3, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, '42']) expect(positiveId.safeParse(value).success, String(value)).toBe(false);
    expect([1, 42, Number.MAX_SAFE_INTEGER].every(isId)).toBe(true);
    expect([0, -3, 1.2, Number.NaN, Infinity, '5', 2 ** 53].some(isId)).toBe(false);
  });
});
