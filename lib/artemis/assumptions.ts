// EVERY behaviour of Artemis that the console relies on but the vendor's public pages do not
// confirm (`x-assumed: true` in artemis/openapi.yaml, or marked "unconfirmed" there) lives in
// this file, and nowhere else. If a live tenant behaves differently, this is the one file to change.
// The sandbox implements these same assumptions (it may import this module: no `server-only`).
import type { PathFor } from './paths';
import type { ArtemisDocument, ArtemisLiveness } from './schemas';

/* ------------------------------------------------------------------------------------------ */
/* listCustomerDocuments — GET /api/customer/{customerId}/document  (x-assumed: true)          */
/* ------------------------------------------------------------------------------------------ */

/**
 * ASSUMED path of "list documents of a customer" (openapi operation `listCustomerDocuments`):
 * the Spring REST collection path matching the documented POST. Returns an array of
 * CustomerDocument (empty when the customer has none).
 */
export const LIST_DOCUMENTS_PATH = '/api/customer/{customerId}/document' as const satisfies PathFor<'get'>;

/**
 * ASSUMED (openapi `listCustomerDocuments`): 404 or 405 on the list path means the endpoint is
 * not available on this Artemis installation (not "no documents": that is an empty array).
 */
const LIST_DOCUMENTS_UNAVAILABLE_STATUSES: readonly number[] = [404, 405];

export function isListDocumentsUnavailable(status: number | undefined): boolean {
  return status !== undefined && LIST_DOCUMENTS_UNAVAILABLE_STATUSES.includes(status);
}

/* ------------------------------------------------------------------------------------------ */
/* getCustomerDocument — GET /api/customer/{customerId}/document/{documentId}  (x-assumed)     */
/* ------------------------------------------------------------------------------------------ */

/** ASSUMED path of "get one document" (openapi operation `getCustomerDocument`), by REST convention. */
export const GET_DOCUMENT_PATH = '/api/customer/{customerId}/document/{documentId}' as const satisfies PathFor<'get'>;

/**
 * ASSUMED (openapi `getCustomerDocument`): when the single-document GET answers 404 or 405, fall
 * back to the list (`listCustomerDocuments`) and pick the document out of it.
 */
const GET_DOCUMENT_FALLBACK_STATUSES: readonly number[] = [404, 405];

export function shouldFallBackToList(status: number | undefined): boolean {
  return status !== undefined && GET_DOCUMENT_FALLBACK_STATUSES.includes(status);
}

/**
 * 405 says the method/path is not supported at all (unlike 404, which may be about one document):
 * after it, the client goes straight to the list for later reads (saves one request per read).
 */
export function isSingleDocumentGetUnsupported(status: number | undefined): boolean {
  return status === 405;
}

/**
 * ASSUMED (openapi `getCustomerDocument`): a document whose customerId differs from the
 * path's customerId is treated as not found (never shown under another customer).
 */
export function documentBelongsTo(doc: Pick<ArtemisDocument, 'id' | 'customerId'>, customerId: number, documentId?: number): boolean {
  return doc.customerId === customerId && (documentId === undefined || doc.id === documentId);
}

/* ------------------------------------------------------------------------------------------ */
/* CustomerDocument.liveness — shape of the stored result  (x-assumed)                         */
/* ------------------------------------------------------------------------------------------ */

/**
 * ASSUMED (openapi schema `CustomerDocument.liveness`, written by `updateLivenessResult`): the
 * document's `liveness` object holds the last LivenessResultRequestDto with the same field
 * names (incl. `liivenessConfidence`), plus possibly unknown keys that must be preserved;
 * an empty object (or a missing/null one) means no liveness result has been written yet.
 */
export function hasLivenessResult(liveness: ArtemisLiveness | Record<string, unknown> | null | undefined): boolean {
  if (liveness === null || liveness === undefined) return false;
  return Object.values(liveness).some((value) => value !== undefined && value !== null);
}

/* ------------------------------------------------------------------------------------------ */
/* getAllCustomers — paging of GET /api/customer  (unconfirmed in openapi)                     */
/* ------------------------------------------------------------------------------------------ */

/**
 * ASSUMED (openapi `getAllCustomers`: "Spring Data style page/size/sort is likely but NOT
 * confirmed"): 0-based `page` and `size` query parameters; the response is a Spring `Page`
 * whose `content` holds the customers and whose `number`, `size`, `totalElements`,
 * `totalPages`, `last` fields may or may not be present.
 */
export function customerPageQuery(p: { page: number; size: number }): { page: number; size: number } {
  return { page: p.page, size: p.size };
}

/** Largest page size the console asks for (Spring's default max-page-size is 2000). */
export const MAX_CUSTOMER_PAGE_SIZE = 1000;

/**
 * ASSUMED: whether a customer page is the last one. Uses `last` when present, else
 * `totalPages`, else "fewer customers than asked for" (a full page is taken as not last; the
 * next, empty, page then ends the walk).
 */
export function isLastCustomerPage(
  page: { last?: boolean | null; totalPages?: number | null; number?: number | null; contentLength: number },
  requested: { page: number; size: number },
): boolean {
  if (typeof page.last === 'boolean') return page.last;
  if (typeof page.totalPages === 'number') return (page.number ?? requested.page) >= page.totalPages - 1;
  return page.contentLength < requested.size;
}
