import 'server-only';
import type { z } from 'zod';
import { isId } from '@/lib/ids';
import type { Env } from '@/lib/env';
import {
  customerPageQuery,
  documentBelongsTo,
  GET_DOCUMENT_PATH,
  isLastCustomerPage,
  isListDocumentsUnavailable,
  isSingleDocumentGetUnsupported,
  LIST_DOCUMENTS_PATH,
  MAX_CUSTOMER_PAGE_SIZE,
  shouldFallBackToList,
} from './assumptions';
import { createBinaryFetcher } from './binary';
import type { ArtemisClient, ArtemisClientDeps, CustomerPageResult, DocumentListResult, PutLivenessResult } from './client-types';
import { ArtemisError } from './errors';
import { createArtemisTransport, type ArtemisRequest, type ArtemisResponse, type ArtemisTransport } from './http';
import { fillPath } from './paths';
import {
  customerDocumentListSchema,
  customerDocumentSchema,
  customerPageSchema,
  customerSchema,
  livenessSchema,
  type ArtemisCustomer,
  type ArtemisDocument,
} from './schemas';
import { describeIssues, parseEach, type UnreadableRecord } from './records';
import { createTokenProvider, noopLogger } from './token-provider';

export type { ArtemisClient, ArtemisClientDeps, CustomerPageResult, DocumentListResult, PutLivenessResult } from './client-types';

function requireId(name: string, value: unknown): number {
  if (!isId(value)) throw new RangeError(`${name} must be a positive safe integer`);
  return value;
}

export function createArtemisClient(config: Env['artemis'], deps: ArtemisClientDeps = {}): ArtemisClient {
  const logger = deps.logger ?? noopLogger;
  const tokenProvider =
    deps.tokenProvider ??
    createTokenProvider({
      tokenUrl: config.tokenUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      timeoutMs: config.timeoutMs,
      fetch: deps.fetch,
      now: deps.now,
      logger,
      observe: deps.observe,
    });
  const transport: ArtemisTransport = createArtemisTransport({
    config,
    tokenProvider,
    fetch: deps.fetch,
    sleep: deps.sleep,
    logger,
    observe: deps.observe,
    random: deps.random,
    now: deps.now,
  });

  /** Set after a 405 from the single-document GET: later reads go straight to the list. */
  let singleDocumentGetUnsupported = false;

  function validate<S extends z.ZodType>(schema: S, res: ArtemisResponse, req: Pick<ArtemisRequest, 'operation' | 'method'>): z.output<S> {
    const parsed = schema.safeParse(res.body);
    if (parsed.success) return parsed.data;
    throw invalidResponse(req, res, describeIssues(parsed.error.issues));
  }

  function invalidResponse(req: Pick<ArtemisRequest, 'operation' | 'method'>, res: ArtemisResponse, issues: string[]): ArtemisError {
    logger.warn(
      { requestId: res.requestId, operation: req.operation, status: res.status, issues: issues.slice(0, 10) },
      'artemis response did not match the expected shape',
    );
    return new ArtemisError({
      kind: 'invalid-response',
      operation: req.operation,
      method: req.method,
      requestId: res.requestId,
      status: res.status,
      issues,
      message: `Artemis ${req.operation}: response did not match the expected shape (request ${res.requestId})`,
    });
  }

  /** One warning per record, with where it was and what was wrong with it, never its values. */
  function reportUnreadable(req: Pick<ArtemisRequest, 'operation'>, res: ArtemisResponse, unreadable: readonly UnreadableRecord[]): void {
    for (const record of unreadable) {
      logger.warn(
        {
          requestId: res.requestId,
          operation: req.operation,
          index: record.index,
          id: record.id,
          idProblem: record.idProblem,
          issues: record.issues,
        },
        'artemis sent a record the console cannot read; the rest of the list is kept',
      );
    }
  }

  async function listCustomers(p: { page: number; size: number }): Promise<CustomerPageResult> {
    if (!Number.isSafeInteger(p.page) || p.page < 0) throw new RangeError('page must be a non-negative integer');
    if (!Number.isSafeInteger(p.size) || p.size < 1 || p.size > MAX_CUSTOMER_PAGE_SIZE) {
      throw new RangeError(`size must be an integer from 1 to ${MAX_CUSTOMER_PAGE_SIZE}`);
    }
    const req = {
      operation: 'getAllCustomers',
      method: 'GET',
      path: fillPath('get', '/api/customer', {}),
      query: customerPageQuery(p),
      retry: 'read',
    } as const satisfies ArtemisRequest;
    const res = await transport.request(req);
    const page = validate(customerPageSchema, res, req);
    const { records: customers, unreadable } = parseEach(customerSchema, page.content);
    reportUnreadable(req, res, unreadable);
    const result: CustomerPageResult = {
      customers,
      unreadable,
      page: page.number ?? p.page,
      size: page.size ?? p.size,
      last: isLastCustomerPage({ ...page, contentLength: page.content.length }, p),
    };
    if (typeof page.totalElements === 'number') result.totalElements = page.totalElements;
    if (typeof page.totalPages === 'number') result.totalPages = page.totalPages;
    return result;
  }

  async function getCustomer(customerId: number): Promise<ArtemisCustomer | null> {
    if (!isId(customerId)) return null;
    const req = {
      operation: 'getCustomerDetails',
      method: 'GET',
      path: fillPath('get', '/api/customer/{customerId}', { customerId }),
      retry: 'read',
    } as const satisfies ArtemisRequest;
    const res = await transport.request(req).catch((err: unknown) => {
      if (err instanceof ArtemisError && err.kind === 'not-found') return null;
      throw err;
    });
    if (res === null) return null;
    const customer = validate(customerSchema, res, req);
    if (customer.id !== customerId) throw invalidResponse(req, res, ['id: does not match the requested customer']);
    return customer;
  }

  async function listDocuments(customerIdInput: number): Promise<DocumentListResult> {
    const { documents, unreadable } = await readDocumentList(requireId('customerId', customerIdInput));
    return { documents, unreadable };
  }

  async function readDocumentList(customerId: number): Promise<DocumentListResult & { req: ArtemisRequest; res: ArtemisResponse }> {
    const req = {
      operation: 'listCustomerDocuments',
      method: 'GET',
      path: fillPath('get', LIST_DOCUMENTS_PATH, { customerId }),
      retry: 'read',
    } as const satisfies ArtemisRequest;
    let res: ArtemisResponse;
    try {
      res = await transport.request(req);
    } catch (err) {
      if (err instanceof ArtemisError && isListDocumentsUnavailable(err.status)) {
        throw new ArtemisError({
          kind: 'http',
          reason: 'endpoint-unavailable',
          operation: req.operation,
          method: req.method,
          requestId: err.requestId,
          status: err.status,
          message: `Artemis ${req.operation}: endpoint not available (HTTP ${err.status}, request ${err.requestId})`,
          cause: err,
        });
      }
      throw err;
    }
    const items = validate(customerDocumentListSchema, res, req);
    const { records, unreadable } = parseEach(customerDocumentSchema, items);
    const own = records.filter((doc) => documentBelongsTo(doc, customerId));
    // An unreadable record that still names another customer is that customer's, not ours.
    const ownUnreadable = unreadable.filter((u) => {
      const raw = (items[u.index] ?? {}) as { customerId?: unknown };
      return !isId(raw.customerId) || raw.customerId === customerId;
    });
    const dropped = records.length - own.length + unreadable.length - ownUnreadable.length;
    if (dropped > 0) {
      logger.warn({ requestId: res.requestId, operation: req.operation, dropped }, 'artemis listed documents of another customer; ignored');
    }
    reportUnreadable(req, res, ownUnreadable);
    return { documents: own, unreadable: ownUnreadable, req, res };
  }

  async function getDocument(customerId: number, documentId: number): Promise<ArtemisDocument | null> {
    if (!isId(customerId) || !isId(documentId)) return null;
    let singleStatus: number | undefined;
    if (!singleDocumentGetUnsupported) {
      const req = {
        operation: 'getCustomerDocument',
        method: 'GET',
        path: fillPath('get', GET_DOCUMENT_PATH, { customerId, documentId }),
        retry: 'read',
      } as const satisfies ArtemisRequest;
      try {
        const res = await transport.request(req);
        const doc = validate(customerDocumentSchema, res, req);
        return documentBelongsTo(doc, customerId, documentId) ? doc : null;
      } catch (err) {
        if (!(err instanceof ArtemisError) || !shouldFallBackToList(err.status)) throw err;
        singleStatus = err.status;
        if (isSingleDocumentGetUnsupported(err.status)) singleDocumentGetUnsupported = true;
      }
    }
    let list: Awaited<ReturnType<typeof readDocumentList>>;
    try {
      list = await readDocumentList(customerId);
    } catch (err) {
      // Both endpoints say 404: nothing there to show (no customer, or no such document).
      if (err instanceof ArtemisError && err.reason === 'endpoint-unavailable' && singleStatus === 404 && err.status === 404) {
        return null;
      }
      throw err;
    }
    const found = list.documents.find((doc) => documentBelongsTo(doc, customerId, documentId));
    if (found) return found;
    // The wanted document is there but unreadable: that is not "not found".
    const unreadable = list.unreadable.find((u) => u.id === documentId);
    if (unreadable) throw invalidResponse(list.req, list.res, unreadable.issues);
    return null;
  }

  async function putLiveness(customerIdInput: number, documentIdInput: number, body: Record<string, unknown>): Promise<PutLivenessResult> {
    const customerId = requireId('customerId', customerIdInput);
    const documentId = requireId('documentId', documentIdInput);
    if (body === null || typeof body !== 'object' || Array.isArray(body) || !livenessSchema.safeParse(body).success) {
      throw new TypeError('liveness body must be an object whose known fields have their documented types');
    }
    const req = {
      operation: 'updateLivenessResult',
      method: 'PUT',
      path: fillPath('put', '/api/customer/{customerId}/document/{documentId}/liveness', { customerId, documentId }),
      body,
      retry: 'write',
    } as const satisfies ArtemisRequest;
    const res = await transport.request(req);
    const document = validate(customerDocumentSchema, res, req);
    if (!documentBelongsTo(document, customerId, documentId)) {
      throw invalidResponse(req, res, ['id/customerId: does not match the updated document']);
    }
    return { document, status: res.status, requestId: res.requestId };
  }

  const fetchImage = createBinaryFetcher({
    config,
    tokenProvider,
    fetch: deps.fetch,
    logger,
    observe: deps.observe,
    isPublicHost: deps.isPublicHost,
    imageHostFetch: deps.imageHostFetch,
  });

  const obtainToken = async () => {
    await tokenProvider.getToken();
  };

  return { listCustomers, getCustomer, listDocuments, getDocument, putLiveness, fetchImage, obtainToken };
}
