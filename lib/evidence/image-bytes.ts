import 'server-only';
import type { EvidenceImage } from './document-evidence';
import { inlineBytes, RASTER_IMAGE_TYPES, sniffImageType, type RasterImageType } from './image-reference';

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The part of the Artemis client this needs (lib/evidence sits beside lib/artemis, not above it). */
type ImageSource = { fetchImage(request: { url: string; maxBytes: number; accept: string }): Promise<{ contentType: string; bytes: Uint8Array }> };

export type ImageBytes = { ok: true; bytes: Uint8Array; type: RasterImageType } | { ok: false; status: 404 | 502; message: string };

/**
 * An evidence image's bytes: decoded when inline, fetched through the Artemis client when a URL
 * (its host checks apply). The bytes decide the type, whatever the source declared: an SVG or
 * HTML body is never passed on. Artemis errors other than a refusal of the image propagate.
 */
export async function evidenceImageBytes(artemis: ImageSource, image: EvidenceImage): Promise<ImageBytes> {
  let bytes: Uint8Array;
  if (image.ref.kind === 'inline') bytes = inlineBytes(image.ref);
  else if (image.ref.kind === 'remote') {
    const result = await artemis.fetchImage({ url: image.ref.url, maxBytes: MAX_IMAGE_BYTES, accept: RASTER_IMAGE_TYPES.join(', ') });
    const declared = result.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(RASTER_IMAGE_TYPES as readonly string[]).includes(declared)) return { ok: false, status: 502, message: 'The image source did not send an image.' };
    bytes = result.bytes;
  } else return { ok: false, status: 404, message: 'This image reference cannot be shown.' };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, status: 502, message: 'The image source did not send a PNG, JPEG, GIF or WebP image.' };
  return { ok: true, bytes, type };
}
