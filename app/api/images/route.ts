import { z } from 'zod';
import { positiveIdText } from '@/lib/ids';
import { getArtemis, isArtemisError } from '@/lib/artemis';
import { requestSource } from '@/lib/auth/request-source';
import { getCurrentUser } from '@/lib/auth/session';
import { imagesAllowed } from '@/lib/evidence-access/access';
import { EVIDENCE_SLOT, documentEvidence, findEvidenceImage } from '@/lib/evidence/document-evidence';
import { inlineBytes, RASTER_IMAGE_TYPES, sniffImageType } from '@/lib/evidence/image-reference';
import { imagePolicy } from '@/lib/evidence/policy';

export const dynamic = 'force-dynamic';

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

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

    let bytes: Uint8Array;
    if (image.ref.kind === 'inline') bytes = inlineBytes(image.ref);
    else if (image.ref.kind === 'remote') {
      const result = await artemis.fetchImage({ url: image.ref.url, maxBytes: MAX_IMAGE_BYTES, accept: RASTER_IMAGE_TYPES.join(', ') });
      const declared = result.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!(RASTER_IMAGE_TYPES as readonly string[]).includes(declared)) return fail(502, 'The image source did not send an image.');
      bytes = result.bytes;
    } else return fail(404, 'This image reference cannot be shown.');

    // The bytes decide, whatever the source declared: an SVG or HTML body is never served.
    const type = sniffImageType(bytes);
    if (!type) return fail(502, 'The image source did not send a PNG, JPEG, GIF or WebP image.');
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { ...HEADERS, 'Content-Type': type, 'Content-Length': String(bytes.byteLength), 'Content-Disposition': 'inline' },
    });
  } catch (error) {
    if (isArtemisError(error)) return fail(error.kind === 'not-found' ? 404 : 502, 'The image could not be fetched.');
    throw error;
  }
}
