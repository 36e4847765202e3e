import { describe, expect, it } from 'vitest';
import { caught, clientWithFakeArtemis as setup, json, routes, sampleDocument, status } from '@/testing/artemis';

describe('putLiveness', () => {
  it('sends the body unchanged and returns the updated document, status and request id', async () => {
    const updated = sampleDocument({ updatedAt: '2025-01-01T00:00:00Z' });
    const t = setup(routes({ 'PUT /api/customer/12/document/77/liveness': () => json(updated) }));
    const body = { ...(sampleDocument().liveness as Record<string, unknown>), conclusion: true, facialCheck: true };
    const result = await t.client.putLiveness(12, 77, body);
    const call = t.apiCalls[0]!;
    expect(call.method).toBe('PUT');
    expect(JSON.parse(call.body!)).toStrictEqual(body);
    expect(call.body).toContain('"liivenessConfidence":42');
    expect(result.status).toBe(200);
    expect(result.requestId).toBe(call.headers.get('x-request-id'));
    expect(result.document).toStrictEqual(updated);
  });

  it('rejects invalid ids or a malformed body before any request', async () => {
    const t = setup(() => json(sampleDocument()));
    await expect(t.client.putLiveness(0, 77, {})).rejects.toBeInstanceOf(RangeError);
    await expect(t.client.putLiveness(12, 2 ** 53, {})).rejects.toBeInstanceOf(RangeError);
    await expect(t.client.putLiveness(12, 77, { conclusion: 'true' })).rejects.toBeInstanceOf(TypeError);
    expect(t.fetch.calls).toHaveLength(0);
  });

  it('reports an unreadable 2xx answer as invalid-response with the status', async () => {
    const t = setup(routes({ 'PUT /api/customer/12/document/77/liveness': () => json({ ok: true }) }));
    const err = await caught(t.client.putLiveness(12, 77, { conclusion: true }));
    expect(err).toMatchObject({ kind: 'invalid-response', status: 200, method: 'PUT', operation: 'updateLivenessResult' });
  });

  it('does not repeat a PUT answered 503: it may have been applied', async () => {
    let n = 0;
    const t = setup(() => (++n === 1 ? status(503) : json(sampleDocument())));
    await expect(t.client.putLiveness(12, 77, { conclusion: true })).rejects.toMatchObject({ kind: 'http', status: 503 });
    expect(t.apiCalls).toHaveLength(1);
  });
});

describe('ids and tokens', () => {
  it('shares one token between concurrent client calls', async () => {
    const t = setup(routes({ 'GET /api/customer/12': () => json({ id: 12 }) }));
    await Promise.all(Array.from({ length: 20 }, () => t.client.getCustomer(12)));
    expect(t.tokenCalls).toHaveLength(1);
    expect(t.apiCalls).toHaveLength(20);
  });
});
