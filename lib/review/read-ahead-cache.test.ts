import { beforeEach, describe, expect, it } from 'vitest';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { dropReadAheadsOf, holdReadAhead, holdsReadAhead, READ_AHEAD_HOLD_MS, takeReadAhead } from './read-ahead-cache';

const ahead = (customerId: number, documentId: number) => ({
  customerId,
  documentId,
  customer: { id: customerId } as ArtemisCustomer,
  document: { id: documentId } as ArtemisDocument,
  startedAt: '2026-01-01T00:00:00.000Z',
});

describe('read-ahead cache', () => {
  beforeEach(() => {
    globalThis.__readAheads = undefined;
  });

  it('gives the reader back their document once, and nobody else', () => {
    holdReadAhead('rita', ahead(1, 10), 0);
    expect(takeReadAhead('sam', 1, 10, 1)).toBeUndefined();
    expect(takeReadAhead('rita', 1, 11, 1)).toBeUndefined();
    expect(takeReadAhead('rita', 1, 10, 1)?.document).toEqual({ id: 10 });
    expect(takeReadAhead('rita', 1, 10, 2)).toBeUndefined();
  });

  it('holds for at most a minute', () => {
    holdReadAhead('rita', ahead(1, 10), 0);
    expect(holdsReadAhead('rita', 1, 10, READ_AHEAD_HOLD_MS - 1)).toBe(true);
    expect(takeReadAhead('rita', 1, 10, READ_AHEAD_HOLD_MS)).toBeUndefined();
  });

  it('a decision on the document drops every read-ahead of it, and only those', () => {
    holdReadAhead('rita', ahead(1, 10), 0);
    holdReadAhead('sam', ahead(1, 10), 0);
    holdReadAhead('ada', ahead(2, 20), 0);
    dropReadAheadsOf(1, 10);
    expect(holdsReadAhead('rita', 1, 10, 1)).toBe(false);
    expect(holdsReadAhead('sam', 1, 10, 1)).toBe(false);
    expect(holdsReadAhead('ada', 2, 20, 1)).toBe(true);
  });

  it('keeps one entry per user and a bounded number of users', () => {
    holdReadAhead('rita', ahead(1, 10), 0);
    holdReadAhead('rita', ahead(2, 20), 0);
    expect(holdsReadAhead('rita', 1, 10, 1)).toBe(false);
    for (let i = 0; i < 1_500; i++) holdReadAhead(`user-${i}`, ahead(3, i), 0);
    expect(globalThis.__readAheads!.size).toBeLessThanOrEqual(1_000);
    expect(holdsReadAhead('user-1499', 3, 1499, 1)).toBe(true);
  });
});
