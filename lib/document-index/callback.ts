import 'server-only';
import { z } from 'zod';
import { positiveId, positiveIdText } from '@/lib/ids';
import { secretMatches } from '@/lib/security/secret-match';

/**
 * Artemis's customer-status callback (openapi.yaml `webhooks`). Only the customer id matters to
 * the console; the rest is accepted as any string, since Artemis may add enum values.
 */
const customerStatusCallbackSchema = z.looseObject({
  customerId: z.union([positiveId, positiveIdText]),
  customerReferenceId: z.string().nullish(),
  profileReferenceId: z.string().nullish(),
  status: z.string().nullish(),
  riskRating: z.string().nullish(),
  action: z.string().nullish(),
  message: z.string().nullish(),
  customerType: z.string().nullish(),
});

const MAX_BODY_BYTES = 64 * 1024;

export type CallbackDeps = {
  /** ARTEMIS_CALLBACK_SECRET; undefined turns the receiver off. */
  configuredSecret: string | undefined;
  /** Runs work after the response is sent (`after()` in the route). */
  schedule: (task: () => Promise<void>) => void;
  resync: (customerId: number) => Promise<void>;
};

const notFound = () => new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
const problem = (status: number, message: string) => Response.json({ error: message }, { status });

/**
 * The body as text, read no further than `limit` bytes: a chunked body declares no length, and
 * one that runs past the limit is dropped (null) without being held whole.
 */
async function readAtMost(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

/**
 * The receiver. Artemis signs nothing, so the secret path segment is the only credential: a
 * wrong one looks exactly like a missing route. A valid call is answered at once (202) and the
 * customer is re-read afterwards; repeating a call only repeats an idempotent re-read.
 */
export async function receiveCustomerStatusCallback(request: Request, secret: string, deps: CallbackDeps): Promise<Response> {
  if (!deps.configuredSecret || !secretMatches(secret, deps.configuredSecret)) return notFound();

  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return problem(413, 'Body too large');
  const text = await readAtMost(request, MAX_BODY_BYTES);
  if (text === null) return problem(413, 'Body too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return problem(400, 'Body must be JSON');
  }
  const parsed = customerStatusCallbackSchema.safeParse(json);
  if (!parsed.success) return problem(400, 'customerId is required and must be a positive integer');

  const { customerId } = parsed.data;
  deps.schedule(() => deps.resync(customerId));
  return Response.json({ accepted: true, customerId }, { status: 202 });
}
