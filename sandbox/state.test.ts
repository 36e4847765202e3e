import { describe, expect, it } from 'vitest';
import { API_USER, bumpUpdatedAt, createState, findDocument, requestLatency, resetState, takeFault } from './state';
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

  it('draws only for faults with a chance, and only hits use up remaining', () => {
    const state = createState('none');
    const draws = [0.9, 0.2, 0.7, 0.1];
    state.random = () => draws.shift() ?? 0;
    state.faults.push({ id: 1, remaining: 2, status: 500, probability: 0.5 });
    const hits = [1, 2, 3, 4].map(() => takeFault(state, 'GET', '/api/customer')?.status);
    expect(hits).toEqual([undefined, 500, undefined, 500]);
    expect(state.faults).toEqual([]);
    state.faults.push({ id: 2, remaining: 1, status: 503, probability: 1 });
    state.random = () => {
      throw new Error('no draw for a certain fault');
    };
    expect(takeFault(state, 'GET', '/api/customer')?.status).toBe(503);
  });

  it('falls through to the next matching fault when one misses its chance', () => {
    const state = createState('none');
    state.random = () => 0.9;
    state.faults.push({ id: 1, remaining: 1, status: 500, probability: 0.5 }, { id: 2, remaining: 1, status: 502 });
    expect(takeFault(state, 'GET', '/x')?.id).toBe(2);
    expect(state.faults.map((f) => f.id)).toEqual([1]);
  });

  it('draws latency from the range, else uses the fixed wait', () => {
    const state = createState('none');
    state.latencyMs = 30;
    expect(requestLatency(state)).toBe(30);
    state.latencyRange = { minMs: 100, maxMs: 200 };
    state.random = () => 0.25;
    expect(requestLatency(state)).toBe(125);
  });
});
