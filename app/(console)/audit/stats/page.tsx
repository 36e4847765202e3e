import type { Metadata } from 'next';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { CalibrationEstimates } from '@/components/audit/calibration-estimates';
import { DueTimes } from '@/components/audit/due-times';
import { dueFigures } from '@/lib/case-work/due';
import { getEnv } from '@/lib/env';
import { RateChart, rateText } from '@/components/audit/rate-chart';
import { FigureTile } from '@/components/ui/facts';
import { IgnoredFilters } from '@/components/ui/ignored-filters';
import { Table, TableHead, Td } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { auditFiltersToQuery, parseAuditFilters } from '@/lib/audit/filters';
import { computeOverrideStats, type Tally } from '@/lib/audit/stats';
import { computeCalibrationEstimates } from '@/lib/calibration/estimates';
import { requireRole } from '@/lib/auth/session';
import { AUDIT_LOG_ROLES } from '@/lib/users/roles';
import { withQuery } from '@/lib/url-filters';

export const metadata: Metadata = { title: 'Human vs machine' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function TallyTable({ label, rows }: { label: string; rows: { key: string; tally: Tally }[] }) {
  return (
    <Table aria-label={label}>
      <TableHead
        columns={[label.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase()), 'Decisions applied', 'Override rate', 'Fail → Pass', 'Pass → Fail']}
      />
      <tbody>
        {rows.map(({ key, tally }) => (
          <tr key={key}>
            <Td className="break-all">{key}</Td>
            <Td>{tally.decisions}</Td>
            <Td>{rateText(tally)}</Td>
            <Td>{tally.failToPass}</Td>
            <Td>{tally.passToFail}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export default async function AuditStatsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole(AUDIT_LOG_ROLES);
  const { filters, invalid } = parseAuditFilters(await searchParams);
  const scope = { from: filters.from, to: filters.to, actor: filters.actor, reasonCode: filters.reasonCode };
  const stats = await computeOverrideStats(scope);
  const calibration = await computeCalibrationEstimates(scope, stats);
  const { reviewSlaHours } = getEnv();
  const dueMonths = await dueFigures(reviewSlaHours, scope);
  const period = filters.from || filters.to ? `${filters.from ?? 'the start'} to ${filters.to ?? 'today'} (UTC)` : 'all time';
  const { overall } = stats;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">Human vs machine</h1>
        <TextLink href={withQuery('/audit', auditFiltersToQuery(scope))} className="text-sm">
          Back to the audit log
        </TextLink>
      </div>
      <AuditFilterForm filters={scope} action="/audit/stats" withEventFilters={false} />
      <IgnoredFilters invalid={invalid} />
      <p className="text-sm">
        Period: {period}. A decision counts when Artemis confirmed it (applied); the override rate is the share of those in which the reviewer’s conclusion
        differs from the machine’s liveness result.
      </p>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" aria-label="Overall">
        {(
          [
            ['Decisions applied', String(overall.decisions)],
            ['Override rate', rateText(overall)],
            ['Fail → Pass', String(overall.failToPass)],
            ['Pass → Fail', String(overall.passToFail)],
            ['Four eyes: proposed', String(stats.fourEyes.proposed)],
            ['Four eyes: approved', String(stats.fourEyes.approved)],
            ['Four eyes: rejected', String(stats.fourEyes.rejected)],
            ['Four eyes: gone stale', String(stats.fourEyes.stale)],
          ] as const
        ).map(([term, value]) => (
          <FigureTile key={term} term={term} value={value} />
        ))}
      </dl>
      <DueTimes months={dueMonths} slaHours={reviewSlaHours} />
      <CalibrationEstimates overall={calibration.overall} byMonth={calibration.byMonth} />
      <section className="space-y-3" aria-label="Per reviewer">
        <RateChart title="Override rate per reviewer" rows={stats.byReviewer} />
        <TallyTable label="By reviewer" rows={stats.byReviewer} />
      </section>
      <section className="space-y-3" aria-label="Per reason code">
        <RateChart title="Override rate per reason code" rows={stats.byReasonCode} />
        <TallyTable label="By reason code" rows={stats.byReasonCode} />
      </section>
    </div>
  );
}
