// Liveness: the process answers. Public by design (probes carry no session); reveals nothing.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
