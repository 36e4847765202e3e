import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { ArtemisError } from './errors';
import { caught, clientWithFakeArtemis as setup, json, rawJson, routes, sampleDocument, status, unreadableWarnings } from '@/testing/artemis';

describe('listCustomers', () => {
  it('asks for Spring page/size and maps the page', async () => {
    const t = setup(
      routes({
        'GET /api/customer': () =>
          json({ content: [{ id: 1, referenceId: 'A' }, { id: 2 }], number: 3, size: 2, totalElements: 9, totalPages: 5, last: false }),
      }),
    );
    const page = await t.client.listCustomers({ page: 3, size: 2 });
    expect(t.apiCalls[0]!.url.searchParams.get('page')).toBe('3');
    expect(t.apiCalls[0]!.url.searchParams.get('size')).toBe('2');
    expect(page).toEqual({
      customers: [{ id: 1, referenceId: 'A' }, { id: 2 }],
      unreadable: [],
      page: 3,
      size: 2,
      totalElements: 9,
      totalPages: 5,
      last: false,
    });
  });

  it('derives `last` when the page has only `content`', async () => {
    const t = setup(routes({ 'GET /api/customer': () => json({ content: [{ id: 1 }] }) }));
    await expect(t.client.listCustomers({ page: 0, size: 20 })).resolves.toMatchObject({ page: 0, size: 20, last: true });
    const full = setup(routes({ 'GET /api/customer': () => json({ content: [{ id: 1 }, { id: 2 }] }) }));
    await expect(full.client.listCustomers({ page: 0, size: 2 })).resolves.toMatchObject({ last: false });
  });

  it('turns an invalid response into ArtemisError invalid-response, never a raw zod error', async () => {
    const t = setup(routes({ 'GET /api/customer': () => json({ content: { id: 1 } }) }));
    const err = await caught(t.client.listCustomers({ page: 0, size: 20 }));
    expect(err).toBeInstanceOf(ArtemisError);
    expect(err).not.toBeInstanceOf(ZodError);
    expect(err).toMatchObject({ kind: 'invalid-response', operation: 'getAllCustomers', status: 200 });
    expect((err as ArtemisError).issues?.[0]).toMatch(/^content/);
  });

  it('keeps the page when one customer has an id past 2^53, and reports that one as unreadable', async () => {
    const t = setup(
      routes({
        'GET /api/customer': () =>
          rawJson('{"content":[{"id":1001,"referenceId":"A"},{"id":9007199254740993,"referenceId":"B"},{"id":1003}],"number":0,"size":3,"last":true}'),
      }),
    );
    const page = await t.client.listCustomers({ page: 0, size: 3 });
    expect(page.customers.map((c) => c.id)).toEqual([1001, 1003]);
    expect(page.unreadable).toEqual([{ readable: false, index: 1, idProblem: 'beyond-range', fields: ['id'], issues: ['id: too_big'] }]);
    expect(page.last).toBe(true);

    const warnings = unreadableWarnings(t);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.obj).toMatchObject({
      operation: 'getAllCustomers',
      index: 1,
      idProblem: 'beyond-range',
      requestId: t.apiCalls[0]!.headers.get('x-request-id'),
    });
    expect(JSON.stringify(warnings)).not.toMatch(/900719925474099|"B"/);
  });

  it('counts unreadable customers when deriving `last` from a page with only `content`', async () => {
    const t = setup(routes({ 'GET /api/customer': () => json({ content: [{ id: 1 }, { id: 'x' }] }) }));
    const page = await t.client.listCustomers({ page: 0, size: 2 });
    expect(page).toMatchObject({ customers: [{ id: 1 }], last: false });
    expect(page.unreadable).toEqual([{ readable: false, index: 1, idProblem: 'invalid', idText: 'x', fields: ['id'], issues: ['id: invalid_type'] }]);
  });

  it('rejects bad paging before any request', async () => {
    const t = setup(() => json({ content: [] }));
    await expect(t.client.listCustomers({ page: -1, size: 20 })).rejects.toBeInstanceOf(RangeError);
    await expect(t.client.listCustomers({ page: 0, size: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(t.client.listCustomers({ page: 0.5, size: 10 })).rejects.toBeInstanceOf(RangeError);
    expect(t.fetch.calls).toHaveLength(0);
  });
});

describe('getCustomer', () => {
  it('returns the customer, or null on 404', async () => {
    const t = setup(routes({ 'GET /api/customer/12': () => json({ id: 12, particular: { name: 'Ada' } }) }));
    await expect(t.client.getCustomer(12)).resolves.toMatchObject({ id: 12, particular: { name: 'Ada' } });
    await expect(t.client.getCustomer(13)).resolves.toBeNull();
  });

  it('returns null for ids that cannot exist, without a request', async () => {
    const t = setup(() => json({ id: 1 }));
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 53]) await expect(t.client.getCustomer(id)).resolves.toBeNull();
    expect(t.fetch.calls).toHaveLength(0);
  });

  it('treats a customer with another id as an invalid response', async () => {
    const t = setup(routes({ 'GET /api/customer/12': () => json({ id: 99 }) }));
    await expect(t.client.getCustomer(12)).rejects.toMatchObject({ kind: 'invalid-response' });
  });

  it('propagates upstream failures as ArtemisError', async () => {
    const t = setup(() => status(503));
    await expect(t.client.getCustomer(12)).rejects.toMatchObject({ kind: 'http', status: 503 });
  });
});

describe('listDocuments', () => {
  it('returns the customer documents and drops documents of other customers', async () => {
    const t = setup(
      routes({
        'GET /api/customer/12/document': () => json([sampleDocument(), sampleDocument({ id: 78, customerId: 13 })]),
      }),
    );
    const { documents, unreadable } = await t.client.listDocuments(12);
    expect(documents.map((d) => d.id)).toEqual([77]);
    expect(unreadable).toEqual([]);
  });

  it('keeps the list when one document has a malformed date, and reports that one as unreadable', async () => {
    const t = setup(
      routes({
        'GET /api/customer/12/document': () =>
          json([sampleDocument({ id: 76 }), sampleDocument({ id: 77, updatedAt: 'not a date' }), sampleDocument({ id: 78 })]),
      }),
    );
    const { documents, unreadable } = await t.client.listDocuments(12);
    expect(documents.map((d) => d.id)).toEqual([76, 78]);
    expect(unreadable).toEqual([{ readable: false, index: 1, id: 77, fields: ['updatedAt'], issues: [expect.stringMatching(/^updatedAt: /)] }]);
    const warnings = unreadableWarnings(t);
    expect(warnings.map((w) => w.obj)).toEqual([expect.objectContaining({ operation: 'listCustomerDocuments', index: 1, id: 77 })]);
    expect(JSON.stringify(t.log.entries)).not.toContain('not a date');
  });

  it('ignores an unreadable document that names another customer', async () => {
    const t = setup(
      routes({
        'GET /api/customer/12/document': () =>
          json([sampleDocument(), sampleDocument({ id: 78, customerId: 13, updatedAt: 'not a date' }), { customerId: 'twelve' }]),
      }),
    );
    const { documents, unreadable } = await t.client.listDocuments(12);
    expect(documents.map((d) => d.id)).toEqual([77]);
    expect(unreadable).toEqual([expect.objectContaining({ index: 2, idProblem: 'missing', fields: ['id', 'customerId'] })]);
  });

  it('still refuses a list that is not a list', async () => {
    const t = setup(routes({ 'GET /api/customer/12/document': () => json({ content: [] }) }));
    await expect(t.client.listDocuments(12)).rejects.toMatchObject({ kind: 'invalid-response', operation: 'listCustomerDocuments' });
  });

  it('reports 404/405 as "endpoint not available"', async () => {
    for (const code of [404, 405]) {
      const t = setup(() => status(code));
      const err = await caught(t.client.listDocuments(12));
      expect(err).toMatchObject({ kind: 'http', reason: 'endpoint-unavailable', status: code, operation: 'listCustomerDocuments' });
    }
  });

  it('rejects an invalid customer id before any request', async () => {
    const t = setup(() => json([]));
    await expect(t.client.listDocuments(0)).rejects.toBeInstanceOf(RangeError);
    expect(t.fetch.calls).toHaveLength(0);
  });
});

describe('getDocument', () => {
  it('reads the single-document endpoint', async () => {
    const t = setup(routes({ 'GET /api/customer/12/document/77': () => json(sampleDocument()) }));
    const doc = await t.client.getDocument(12, 77);
    expect(doc).toStrictEqual(sampleDocument());
    expect(t.apiCalls).toHaveLength(1);
  });

  it('falls back to the list on 405, and goes straight to the list afterwards', async () => {
    const t = setup(
      routes({
        'GET /api/customer/12/document/77': () => status(405),
        'GET /api/customer/12/document': () => json([sampleDocument({ id: 76 }), sampleDocument()]),
      }),
    );
    await expect(t.client.getDocument(12, 77)).resolves.toMatchObject({ id: 77, customerId: 12 });
    expect(t.apiCalls.map((c) => c.url.pathname)).toEqual(['/base/api/customer/12/document/77', '/base/api/customer/12/document']);
    await expect(t.client.getDocument(12, 76)).resolves.toMatchObject({ id: 76 });
    expect(t.apiCalls).toHaveLength(3);
    await expect(t.client.getDocument(12, 999)).resolves.toBeNull();
  });

  it('finds the document in the list past an unreadable one; the document itself unreadable is invalid-response, not null', async () => {
    const t = setup(
      routes({
        'GET /api/customer/12/document/77': () => status(405),
        'GET /api/customer/12/document': () => json([sampleDocument({ id: 76, liveness: { conclusion: 'maybe' } }), sampleDocument()]),
      }),
    );
    await expect(t.client.getDocument(12, 77)).resolves.toMatchObject({ id: 77 });
    await expect(t.client.getDocument(12, 76)).rejects.toMatchObject({
      kind: 'invalid-response',
      operation: 'listCustomerDocuments',
      issues: ['liveness.conclusion: invalid_type'],
    });
  });

  it('falls back to the list on 404', async () => {
    const t = setup(
      routes({
        'GET /api/customer/12/document/77': () => status(404),
        'GET /api/customer/12/document': () => json([sampleDocument()]),
      }),
    );
    await expect(t.client.getDocument(12, 77)).resolves.toMatchObject({ id: 77 });
  });

  it('returns null when the document belongs to another customer', async () => {
    const direct = setup(routes({ 'GET /api/customer/12/document/77': () => json(sampleDocument({ customerId: 13 })) }));
    await expect(direct.client.getDocument(12, 77)).resolves.toBeNull();

    const viaList = setup(
      routes({
        'GET /api/customer/12/document/77': () => status(405),
        'GET /api/customer/12/document': () => json([sampleDocument({ customerId: 13 })]),
      }),
    );
    await expect(viaList.client.getDocument(12, 77)).resolves.toBeNull();
  });

  it('returns null when both endpoints answer 404', async () => {
    const t = setup(() => status(404));
    await expect(t.client.getDocument(12, 77)).resolves.toBeNull();
  });

  it('does not fall back on other failures', async () => {
    const t = setup(routes({ 'GET /api/customer/12/document/77': () => status(500) }));
    await expect(t.client.getDocument(12, 77)).rejects.toMatchObject({ kind: 'http', status: 500 });
    expect(t.apiCalls.every((c) => c.url.pathname.endsWith('/77'))).toBe(true);
  });

  it('reports an unreadable document as invalid-response', async () => {
    const t = setup(routes({ 'GET /api/customer/12/document/77': () => json(sampleDocument({ liveness: { conclusion: 'maybe' } })) }));
    await expect(t.client.getDocument(12, 77)).rejects.toMatchObject({ kind: 'invalid-response' });
  });
});
