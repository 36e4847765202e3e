import { describe, expect, it } from 'vitest';
import { API_USER, bumpUpdatedAt, createState, findDocument, resetState, takeFault } from './state';
import type { StoredDocument } from './types';

function doc(updatedAt: StoredDocument['updatedAt']): StoredDocument {
  return { id: 1, customerId: 2, updatedAt, liveness: {} };
}

describe('bumpUpdatedAt', () => {
  it('moves forward by 1 ms when the clock has not moved', () => {
    const d = doc('2025-01-01T00:00:00.000Z');
    const now = Date.parse('2025-01-01T00:00:00.000Z');
    bumpUpdatedAt(d, API_USER, now);
    expect(d.updatedAt).toBe('2025-01-01T00:00:00.001Z');
    bumpUpdatedAt(d, API_USER, now);
    expect(d.updatedAt).toBe('2025-01-01T00:00:00.002Z');
    expect(d.updatedBy).toEqual(API_USER);
  });

  it('never goes backwards when the stored time is in the future', () => {
    const d = doc('2030-01-01T00:00:00.000Z');
    bumpUpdatedAt(d, API_USER, Date.parse('2025-01-01T00:00:00.000Z'));
    expect(d.updatedAt).toBe('2030-01-01T00:00:00.001Z');
  });

  it('keeps a Java Date encoding', () => {
    const d = doc({ time: 1_000, timezoneOffset: -480 });
    bumpUpdatedAt(d, API_USER, 1_000);
    expect(d.updatedAt).toMatchObject({ time: 1_001, timezoneOffset: -480 });
  });
});

describe('state helpers', () => {
  it('finds a document only under its own customer', () => {
    const state = createState('demo', 'http://127.0.0.1:1');
    resetState(state);
    expect(findDocument(state, 1001, 5001)?.id).toBe(5001);
    expect(findDocument(state, 1002, 5001)).toBeUndefined();
  });

  it('consumes faults in order and only when they match', () => {
    const state = createState('none');
    state.faults.push({ id: 1, remaining: 2, status: 500, method: 'put', pathContains: '/liveness' });
    expect(takeFault(state, 'GET', '/api/customer/1/document/2/liveness')).toBeUndefined();
    expect(takeFault(state, 'PUT', '/api/customer/1/document/2/liveness')?.status).toBe(500);
    expect(takeFault(state, 'PUT', '/api/customer/1/document/2/liveness')?.status).toBe(500);
    expect(takeFault(state, 'PUT', '/api/customer/1/document/2/liveness')).toBeUndefined();
    expect(state.faults).toEqual([]);
  });
});
