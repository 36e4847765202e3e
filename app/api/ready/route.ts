import { readiness } from '@/lib/monitoring/readiness';

// Readiness: database, migrations, an Artemis token. Public by design; says which check fails, never why.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { ready, status, checks } = await readiness();
  return Response.json({ status, checks }, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
