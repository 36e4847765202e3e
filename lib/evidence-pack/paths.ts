/** The route that serves one document's evidence pack (app/api/evidence-pack). */
export function evidencePackPath(customerId: number, documentId: number): string {
  return `/api/evidence-pack?${new URLSearchParams({ customerId: String(customerId), documentId: String(documentId) }).toString()}`;
}
