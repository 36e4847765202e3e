import { evidenceSigner } from '@/lib/evidence-pack/signer';

export const dynamic = 'force-dynamic';

/** The public half of the evidence key (SPEC §16): an examiner compares a pack's key with it. */
export function GET(): Response {
  return new Response(evidenceSigner().publicKeyPem, {
    headers: { 'Content-Type': 'application/x-pem-file', 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' },
  });
}
