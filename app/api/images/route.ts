import { z } from 'zod';
import { positiveIdText } from '@/lib/ids';
import { getArtemis, isArtemisError } from '@/lib/artemis';
import { requestSource } from '@/lib/auth/request-source';
import { getCurrentUser } from '@/lib/auth/session';
import { imagesAllowed } from '@/lib/evidence-access/access';
import { EVIDENCE_SLOT, documentEvidence, findEvidenceImage } from '@/lib/evidence/document-evidence';
import { evidenceImageBytes } from '@/lib/evidence/image-bytes';
import { imagePolicy } from '@/lib/evidence/policy';

export const dynamic = 'force-dynamic';

const query = z.object({ customerId: positiveIdText, documentId: positiveIdText, slot: z.string().regex(EVIDENCE_SLOT) });

const HEADERS = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' } as const;

function fail(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Evidence images that are URLs, fetched for a signed-in user who viewed the document within
 * the last 30 minutes (lib/evidence-access). The browser names an image by
 * document and slot only; the URL is read from the live document here, so this route cannot
 * be pointed at an arbitrary address.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return fail(401, 'Sign in to see evidence images.');

  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return fail(400, 'Unknown image.');
  const { customerId, documentId, slot } = parsed.data;
  // No face leaves the console without a view of its document on the record (SPEC §13).
  if (!(await imagesAllowed(user, { customerId, documentId }, await requestSource()))) {
    return fail(403, 'Open the document in the console to see its images.');
  }

  const artemis = await getArtemis();
  try {
    const document = await artemis.getDocument(customerId, documentId);
    if (!document) return fail(404, 'No such document.');
    const image = findEvidenceImage(documentEvidence(document, imagePolicy()), slot);
    if (!image) return fail(404, 'No such image.');
    const result = await evidenceImageBytes(artemis, image);
    if (!result.ok) return fail(result.status, result.message);
    return new Response(result.bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { ...HEADERS, 'Content-Type': result.type, 'Content-Length': String(result.bytes.byteLength), 'Content-Disposition': 'inline' },
    });
  } catch (error) {
    if (isArtemisError(error)) return fail(error.kind === 'not-found' ? 404 : 502, 'The image could not be fetched.');
    throw error;
  }
}
