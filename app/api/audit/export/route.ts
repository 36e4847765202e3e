import { auditCsvStream } from '@/lib/audit/export';
import { auditFiltersToQuery, parseAuditFilters } from '@/lib/audit/filters';
import { recordAuditEvent } from '@/lib/audit/trail';
import { authorize } from '@/lib/auth/session';
import { stampedFileName } from '@/lib/format';
import { PRIVATE_HEADERS } from '@/lib/security/headers';
import { AUDIT_LOG_ROLES } from '@/lib/users/roles';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  // The proxy does not guard /api: this handler is its own gate.
  const gate = await authorize(AUDIT_LOG_ROLES);
  if (!gate.ok) {
    return Response.json({ error: gate.message }, { status: gate.user ? 403 : 401, headers: PRIVATE_HEADERS });
  }
  const { filters } = parseAuditFilters(new URL(request.url).searchParams);
  // Taking evidence out of the console is itself worth a record.
  await recordAuditEvent({
    action: 'audit.exported',
    actor: { id: gate.user.id, email: gate.user.email, role: gate.user.role },
    detail: { filters, query: auditFiltersToQuery(filters) },
  });
  return new Response(auditCsvStream(filters), {
    headers: {
      ...PRIVATE_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${stampedFileName('audit-events', 'csv')}"`,
    },
  });
}
