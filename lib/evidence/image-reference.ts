// Classifies the image strings Artemis stores (SPEC §6) into something safe to render or a
// reason why not. Pure: no `server-only`, no I/O; the route handler and the page share it.
// The rule that keeps hostile references out of the DOM: only an `inline` image's rebuilt
// data URL or our own proxy path ever becomes a `src`; the original string never does.

export const RASTER_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type RasterImageType = (typeof RASTER_IMAGE_TYPES)[number];

/** Largest inline image accepted, in base64 characters (about 10 MB of image). */
const MAX_INLINE_BASE64_LENGTH = 14_000_000;

export type ImageReference =
  /** Base64 bytes whose magic bytes say they are a raster image. */
  | { kind: 'inline'; type: RasterImageType; base64: string }
  /** An absolute URL our route handler may fetch on the reviewer's behalf. */
  | { kind: 'remote'; url: string }
  | { kind: 'unusable'; reason: string }
  | { kind: 'missing' };

export type ImagePolicy = {
  /** Origins allowed over plain http: only the configured Artemis API's own origin. */
  httpOrigins: readonly string[];
};

const isRasterType = (value: string): value is RasterImageType => (RASTER_IMAGE_TYPES as readonly string[]).includes(value);

/** The type a file's first bytes announce, if it is one of the raster types we show. */
export function sniffImageType(bytes: Uint8Array): RasterImageType | undefined {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Decodes just enough base64 to sniff the type (the first 16 bytes). */
function leadingBytes(base64: string): Uint8Array {
  const head = base64.slice(0, 24);
  const binary = atob(head.length % 4 === 0 ? head : head.slice(0, head.length - (head.length % 4)));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function normaliseBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 === 1) return undefined;
  if (BASE64.test(compact)) return compact;
  // Some producers use the URL-safe alphabet; the browser's data: decoder does not.
  if (BASE64URL.test(compact)) return compact.replaceAll('-', '+').replaceAll('_', '/');
  return undefined;
}

function fromBase64(payload: string, declared: string | undefined): ImageReference {
  const base64 = normaliseBase64(payload);
  if (!base64) return { kind: 'unusable', reason: 'The image data is not valid base64.' };
  if (base64.length > MAX_INLINE_BASE64_LENGTH) return { kind: 'unusable', reason: 'The image is larger than 10 MB.' };
  const padded = base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=');
  const sniffed = sniffImageType(leadingBytes(padded));
  if (!sniffed) {
    return {
      kind: 'unusable',
      reason: declared
        ? `The data says it is ${declared} but its content is not a PNG, JPEG, GIF or WebP image.`
        : 'The base64 data is not a PNG, JPEG, GIF or WebP image.',
    };
  }
  return { kind: 'inline', type: sniffed, base64: padded };
}

function fromDataUrl(text: string): ImageReference {
  const comma = text.indexOf(',');
  if (comma < 0) return { kind: 'unusable', reason: 'The data: URL has no data.' };
  const header = text.slice(5, comma).trim().toLowerCase();
  const [fullType = '', ...params] = header.split(';').map((p) => p.trim());
  // Shown to the reviewer as text; keep an absurd header from flooding the page.
  const mediaType = fullType.length > 60 ? `${fullType.slice(0, 60)}…` : fullType;
  if (mediaType === 'image/svg+xml') return { kind: 'unusable', reason: 'SVG images can carry scripts and are not shown.' };
  if (!mediaType.startsWith('image/')) {
    return { kind: 'unusable', reason: `A data: URL of type ${mediaType || 'text/plain'} is not an image.` };
  }
  if (!isRasterType(mediaType) && mediaType !== 'image/jpg') {
    return { kind: 'unusable', reason: `Images of type ${mediaType} are not shown (only PNG, JPEG, GIF and WebP).` };
  }
  if (!params.includes('base64')) return { kind: 'unusable', reason: 'The data: URL is not base64-encoded.' };
  return fromBase64(text.slice(comma + 1), mediaType);
}

const PRIVATE_HOST =
  /^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|0\.\d+\.\d+\.\d+|169\.254\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|\[.*\])$/i;

function fromUrl(text: string, policy: ImagePolicy): ImageReference {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'unusable', reason: 'The reference is neither an image, base64 data nor a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { kind: 'unusable', reason: `${url.protocol} URLs are never shown.` };
  }
  const allowedHttp = policy.httpOrigins.includes(url.origin);
  if (url.protocol === 'http:' && !allowedHttp) {
    return { kind: 'unusable', reason: 'Plain http: image URLs are not fetched (only https:).' };
  }
  if (url.username || url.password) return { kind: 'unusable', reason: 'The image URL carries credentials.' };
  // Our server fetches these: keep it from being pointed at the private network.
  if (!allowedHttp && PRIVATE_HOST.test(url.hostname)) {
    return { kind: 'unusable', reason: 'The image URL points at a private network address.' };
  }
  return { kind: 'remote', url: url.href };
}

/** One image reference (referenceImage, front, back, or one audit image). */
export function classifyImageReference(raw: unknown, policy: ImagePolicy): ImageReference {
  if (raw === null || raw === undefined) return { kind: 'missing' };
  if (typeof raw !== 'string') return { kind: 'unusable', reason: 'The reference is not text.' };
  const text = raw.trim();
  if (text === '') return { kind: 'missing' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'data') return fromDataUrl(text);
  if (scheme !== undefined) return fromUrl(text, policy);
  if (normaliseBase64(text)) return fromBase64(text, undefined);
  return { kind: 'unusable', reason: 'The reference is neither an image, base64 data nor a valid URL.' };
}

/** Most audit images a document may show; a longer list is cut with a note. */
const MAX_AUDIT_IMAGES = 24;

/** `auditImages`: a JSON-encoded array of references, or one reference, or nothing. */
export function classifyImageList(raw: unknown, policy: ImagePolicy): ImageReference[] {
  if (raw === null || raw === undefined) return [];
  if (typeof raw !== 'string') return [{ kind: 'unusable', reason: 'The audit images are not text.' }];
  const text = raw.trim();
  if (text === '') return [];
  if (!text.startsWith('[')) return [classifyImageReference(text, policy)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [{ kind: 'unusable', reason: 'The audit images look like a JSON list but cannot be read.' }];
  }
  if (!Array.isArray(parsed)) return [{ kind: 'unusable', reason: 'The audit images are not a list.' }];
  const refs = parsed.slice(0, MAX_AUDIT_IMAGES).map((item) => classifyImageReference(item, policy));
  if (parsed.length > MAX_AUDIT_IMAGES) {
    refs.push({ kind: 'unusable', reason: `${parsed.length - MAX_AUDIT_IMAGES} more audit images are not shown.` });
  }
  return refs;
}

/** The data URL we build ourselves from sniffed bytes; never the string Artemis sent. */
export function inlineSrc(ref: Extract<ImageReference, { kind: 'inline' }>): string {
  return `data:${ref.type};base64,${ref.base64}`;
}

/** Decodes an inline image's bytes (for the route handler). */
export function inlineBytes(ref: Extract<ImageReference, { kind: 'inline' }>): Uint8Array {
  const binary = atob(ref.base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
