import { describe, expect, it } from 'vitest';
import { classifyImageList, classifyImageReference, inlineBytes, inlineSrc, sniffImageType, type ImagePolicy } from './image-reference';

const policy: ImagePolicy = { httpOrigins: ['http://127.0.0.1:4010'] };
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');
const PNG = b64([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = b64([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const GIF = b64([...Buffer.from('GIF89a'), 1, 0, 1, 0]);
const WEBP = b64([...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
const classify = (raw: unknown) => classifyImageReference(raw, policy);
const reasonOf = (raw: unknown) => {
  const ref = classify(raw);
  if (ref.kind !== 'unusable') throw new Error(`expected unusable, got ${ref.kind}`);
  return ref.reason;
};

describe('sniffImageType', () => {
  it('recognises PNG, JPEG, GIF and WebP by their magic bytes, and nothing else', () => {
    expect(sniffImageType(Buffer.from(PNG, 'base64'))).toBe('image/png');
    expect(sniffImageType(Buffer.from(JPEG, 'base64'))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from(GIF, 'base64'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from(WEBP, 'base64'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});

describe('classifyImageReference', () => {
  it('accepts data URLs of raster images and rebuilds the src from the sniffed type', () => {
    for (const [type, data] of [
      ['image/png', PNG],
      ['image/jpeg', JPEG],
      ['image/gif', GIF],
      ['image/webp', WEBP],
    ] as const) {
      const ref = classify(`data:${type};base64,${data}`);
      expect(ref).toEqual({ kind: 'inline', type, base64: data });
      if (ref.kind === 'inline') expect(inlineSrc(ref)).toBe(`data:${type};base64,${data}`);
    }
  });

  it('uses the bytes, not the declared type, and tolerates image/jpg and upper case', () => {
    expect(classify(`data:image/jpeg;base64,${PNG}`)).toMatchObject({ kind: 'inline', type: 'image/png' });
    expect(classify(`DATA:IMAGE/JPG;BASE64,${JPEG}`)).toMatchObject({ kind: 'inline', type: 'image/jpeg' });
  });

  it('sniffs bare base64 (standard or URL-safe, with line breaks)', () => {
    expect(classify(PNG)).toMatchObject({ kind: 'inline', type: 'image/png' });
    expect(classify(`${JPEG.slice(0, 8)}\n${JPEG.slice(8)}`)).toMatchObject({ kind: 'inline', type: 'image/jpeg' });
    const urlSafe = Buffer.from([0xff, 0xd8, 0xff, 0xfb, 0xff, 0xfe]).toString('base64url');
    expect(classify(urlSafe)).toMatchObject({ kind: 'inline', type: 'image/jpeg' });
    if (classify(urlSafe).kind === 'inline') expect(inlineBytes(classify(urlSafe) as never)[3]).toBe(0xfb);
  });

  it('refuses bare base64 that is not an image', () => {
    expect(reasonOf(Buffer.from('<html><script>alert(1)</script></html>').toString('base64'))).toMatch(/not a PNG, JPEG, GIF or WebP/);
    expect(reasonOf('aGVsbG8=')).toMatch(/not a PNG/);
  });

  it('never accepts SVG, HTML or other non-raster data URLs', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(4)</script></svg>').toString('base64');
    expect(reasonOf(`data:image/svg+xml;base64,${svg}`)).toMatch(/SVG/);
    expect(reasonOf(`data:image/svg+xml,<svg onload=alert(1)>`)).toMatch(/SVG/);
    expect(reasonOf('data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==')).toMatch(/text\/html is not an image/);
    expect(reasonOf('data:,hello')).toMatch(/text\/plain is not an image/);
    expect(reasonOf(`data:image/bmp;base64,${PNG}`)).toMatch(/image\/bmp/);
    expect(reasonOf(`data:image/png,${PNG}`)).toMatch(/not base64/);
    expect(reasonOf(`data:image/png;base64,${svg}`)).toMatch(/says it is image\/png/);
    expect(reasonOf('data:image/png;base64')).toMatch(/no data/);
  });

  it('never accepts script or other non-http(s) URLs', () => {
    expect(reasonOf('javascript:alert(1)')).toBe('javascript: URLs are never shown.');
    expect(reasonOf(' JaVaScRiPt:alert(1)')).toMatch(/javascript: URLs/i);
    expect(reasonOf('vbscript:msgbox(1)')).toMatch(/vbscript:/);
    expect(reasonOf('file:///etc/passwd')).toMatch(/file:/);
    expect(reasonOf('blob:https://x.test/abc')).toMatch(/blob:/);
  });

  it('accepts https URLs and http only for the configured Artemis origin', () => {
    expect(classify('https://cdn.example.com/a.png')).toEqual({ kind: 'remote', url: 'https://cdn.example.com/a.png' });
    expect(classify('http://127.0.0.1:4010/__sandbox/images/x.png')).toEqual({
      kind: 'remote',
      url: 'http://127.0.0.1:4010/__sandbox/images/x.png',
    });
    expect(reasonOf('http://cdn.example.com/a.png')).toMatch(/only https/);
    expect(reasonOf('http://127.0.0.1:4011/__sandbox/images/x.png')).toMatch(/only https/);
    expect(classifyImageReference('http://127.0.0.1:4010/x.png', { httpOrigins: [] }).kind).toBe('unusable');
  });

  it('refuses URLs with credentials or pointing at the private network', () => {
    expect(reasonOf('https://user:pw@cdn.example.com/a.png')).toMatch(/credentials/);
    for (const host of ['localhost', '127.0.0.1', '10.1.2.3', '192.168.0.4', '172.20.1.1', '169.254.169.254', '[::1]', 'metadata.internal']) {
      expect(reasonOf(`https://${host}/a.png`)).toMatch(/private network/);
    }
  });

  it('treats empty as missing and garbage as unusable', () => {
    expect(classify(undefined)).toEqual({ kind: 'missing' });
    expect(classify(null)).toEqual({ kind: 'missing' });
    expect(classify('   ')).toEqual({ kind: 'missing' });
    expect(reasonOf('not an image at all!')).toMatch(/neither/);
    expect(reasonOf(42)).toMatch(/not text/);
    expect(reasonOf('https://')).toMatch(/neither/);
  });
});

describe('classifyImageList', () => {
  it('reads a JSON array of any encodings, a single reference, or nothing', () => {
    const list = classifyImageList(JSON.stringify([`data:image/png;base64,${PNG}`, JPEG, 'https://cdn.example.com/b.png', 'javascript:alert(2)', 7]), policy);
    expect(list.map((r) => r.kind)).toEqual(['inline', 'inline', 'remote', 'unusable', 'unusable']);
    expect(classifyImageList(`data:image/png;base64,${PNG}`, policy)).toHaveLength(1);
    expect(classifyImageList('', policy)).toEqual([]);
    expect(classifyImageList(null, policy)).toEqual([]);
    expect(classifyImageList('[]', policy)).toEqual([]);
  });

  it('reports a broken or non-array JSON value as one unusable entry', () => {
    expect(classifyImageList('["data:image/png', policy)).toEqual([{ kind: 'unusable', reason: expect.stringMatching(/cannot be read/) }]);
    expect(classifyImageList(`["${PNG}"`, policy)[0]).toMatchObject({ kind: 'unusable' });
    expect(classifyImageList(17, policy)[0]).toMatchObject({ kind: 'unusable' });
  });

  it('caps a very long list', () => {
    const list = classifyImageList(JSON.stringify(Array.from({ length: 30 }, () => PNG)), policy);
    expect(list).toHaveLength(25);
    expect(list.at(-1)).toMatchObject({ kind: 'unusable', reason: '6 more audit images are not shown.' });
  });
});
