import { describe, expect, it } from 'vitest';
import { customerDocumentSchema, customerPageSchema, customerSchema, livenessSchema, timestampSchema, toIsoTimestamp } from './schemas';
import { parseEach } from './records';
import { sampleDocument } from '@/testing/artemis';

describe('document schema', () => {
  it('keeps unknown fields at the top level, in liveness, in faceDetails and in face attributes', () => {
    const input = sampleDocument();
    const parsed = customerDocumentSchema.parse(input);
    // Nothing added, nothing removed, nothing changed — at any depth.
    expect(parsed).toStrictEqual(input);
    expect(parsed.vendorExtra).toEqual({ nested: [1, 2, { deep: true }] });
    expect(parsed.liveness?.sessionId).toBe('abc-123');
    expect(parsed.liveness?.faceDetails?.mouthOpen).toEqual({ value: false, confidence: 99 });
    expect(parsed.liveness?.faceDetails?.eyesClosed?.extraScore).toBe(0.5);
    expect(parsed.liveness?.liivenessConfidence).toBe(42);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(input);
  });

  it('keeps the raw timestamps (a Java Date object stays an object)', () => {
    const input = sampleDocument();
    const parsed = customerDocumentSchema.parse(input);
    expect(parsed.updatedAt).toEqual(input.updatedAt);
    expect(parsed.createdAt).toBe('2024-05-01T08:00:00Z');
  });

  it('accepts liveness as {}, null or missing', () => {
    expect(customerDocumentSchema.parse(sampleDocument({ liveness: {} })).liveness).toEqual({});
    expect(customerDocumentSchema.parse(sampleDocument({ liveness: null })).liveness).toBeNull();
    const rest = sampleDocument();
    delete rest.liveness;
    expect(customerDocumentSchema.parse(rest).liveness).toBeUndefined();
  });

  it('accepts Jackson nulls in optional fields', () => {
    const doc = sampleDocument({ back: null, number: null, updatedAt: null });
    expect(customerDocumentSchema.safeParse(doc).success).toBe(true);
    expect(livenessSchema.safeParse({ conclusion: null, faceDetails: { sunglasses: null } }).success).toBe(true);
  });

  it('rejects wrong types in known fields', () => {
    expect(customerDocumentSchema.safeParse(sampleDocument({ id: '77' })).success).toBe(false);
    expect(customerDocumentSchema.safeParse(sampleDocument({ customerId: undefined })).success).toBe(false);
    expect(livenessSchema.safeParse({ conclusion: 'yes' }).success).toBe(false);
    expect(livenessSchema.safeParse({ liivenessConfidence: '90' }).success).toBe(false);
    expect(livenessSchema.safeParse({ faceDetails: { eyesClosed: { value: 'no' } } }).success).toBe(false);
    expect(customerDocumentSchema.safeParse(sampleDocument({ updatedAt: { date: 1 } })).success).toBe(false);
    expect(customerDocumentSchema.safeParse(sampleDocument({ updatedAt: 'yesterday-ish' })).success).toBe(false);
  });
});

describe('timestamps', () => {
  it('accepts ISO strings, Java Date objects and epoch milliseconds', () => {
    expect(timestampSchema.safeParse('2024-05-01T08:00:00Z').success).toBe(true);
    expect(timestampSchema.safeParse({ time: 1714550400000, year: 124 }).success).toBe(true);
    expect(timestampSchema.safeParse(1714550400000).success).toBe(true);
    expect(timestampSchema.safeParse(true).success).toBe(false);
  });

  it('normalises every form to ISO UTC', () => {
    expect(toIsoTimestamp({ time: 1714550400000, date: 1 })).toBe('2024-05-01T08:00:00.000Z');
    expect(toIsoTimestamp('2024-05-01T08:00:00Z')).toBe('2024-05-01T08:00:00.000Z');
    expect(toIsoTimestamp('2024-05-01T16:00:00+08:00')).toBe('2024-05-01T08:00:00.000Z');
    expect(toIsoTimestamp(1714550400000)).toBe('2024-05-01T08:00:00.000Z');
    // A zone-less Java LocalDateTime is read as UTC, whatever the server's zone.
    expect(toIsoTimestamp('2024-05-01T08:00:00')).toBe('2024-05-01T08:00:00.000Z');
    expect(toIsoTimestamp('2024-05-01T08:00:00.123456')).toBe('2024-05-01T08:00:00.123Z');
  });

  it('gives null for absent or unreadable values', () => {
    expect(toIsoTimestamp(undefined)).toBeNull();
    expect(toIsoTimestamp(null)).toBeNull();
    expect(toIsoTimestamp('')).toBeNull();
    expect(toIsoTimestamp('not a date')).toBeNull();
    expect(toIsoTimestamp({ date: 3 })).toBeNull();
    expect(toIsoTimestamp(Number.NaN)).toBeNull();
  });
});

describe('customer schemas', () => {
  it('keeps unknown customer fields and open-ended enum values', () => {
    const input = {
      id: 12,
      referenceId: 'REF-12',
      status: 'SOME_FUTURE_STATUS',
      particular: { name: 'Ada Lovelace', nationality: 'GB', extra: { a: 1 } },
      forms: { q1: 'yes' },
      createdAt: { time: 1714550400000 },
    };
    expect(customerSchema.parse(input)).toStrictEqual(input);
  });

  it('accepts a page with only content, and keeps extra Spring fields', () => {
    expect(customerPageSchema.parse({ content: [] })).toEqual({ content: [] });
    const page = { content: [{ id: 1 }], pageable: { sort: { sorted: false } }, totalElements: 1, last: true };
    expect(customerPageSchema.parse(page)).toStrictEqual(page);
  });

  it('rejects a page whose content is not an array', () => {
    expect(customerPageSchema.safeParse({ content: { id: 1 } }).success).toBe(false);
    expect(customerPageSchema.safeParse([{ id: 1 }]).success).toBe(false);
  });
});

describe('parseEach', () => {
  it('keeps the readable records and describes each unreadable one by position, id and field, never by value', () => {
    const items = [
      { id: 1 },
      { id: 2, updatedAt: 'not a date', particular: { name: 7 } },
      JSON.parse('{"id": 9007199254740993}'),
      { id: '0042-secret-looking-id-that-goes-on-and-on' },
      { referenceId: 'R' },
      'not an object',
      { id: 3 },
    ];
    const { records, unreadable } = parseEach(customerSchema, items);
    expect(records).toEqual([{ id: 1 }, { id: 3 }]);
    expect(unreadable).toEqual([
      { readable: false, index: 1, id: 2, fields: ['particular', 'updatedAt'], issues: ['particular.name: invalid_type', 'updatedAt: custom'] },
      { readable: false, index: 2, idProblem: 'beyond-range', fields: ['id'], issues: ['id: too_big'] },
      { readable: false, index: 3, idProblem: 'invalid', idText: '0042-secret-looking-id-that-goes', fields: ['id'], issues: ['id: invalid_type'] },
      { readable: false, index: 4, idProblem: 'missing', fields: ['id'], issues: ['id: invalid_type'] },
      { readable: false, index: 5, idProblem: 'missing', fields: [], issues: ['(root): invalid_type'] },
    ]);
    expect(JSON.stringify(unreadable)).not.toMatch(/not a date|"R"/);
  });

  it('does not take 0, negative or fractional ids for usable ones', () => {
    const { unreadable } = parseEach(customerSchema, [{ id: 0 }, { id: -4 }, { id: 1.5 }]);
    expect(unreadable.map((u) => [u.id, u.idProblem, u.idText])).toEqual([
      [undefined, 'invalid', '0'],
      [undefined, 'invalid', '-4'],
      [undefined, 'invalid', '1.5'],
    ]);
  });
});
