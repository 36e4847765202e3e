import { metricsResponse } from '@/lib/monitoring/exposition';

// Prometheus scrape target, guarded by METRICS_TOKEN (off when unset) rather than a session.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return metricsResponse(request);
}
