import { CircleAlert } from '@/components/ui/icons';
import { ActionLabel } from '@/components/audit/action-label';
import { Section } from '@/components/ui/card';
import type { AuditEvent } from '@/lib/audit/trail';
import { formatUtc } from '@/lib/customers/display';
import { REASON_CODE_LABELS, type ReasonCode } from '@/lib/liveness/reason-codes';
import { passFailText } from '@/components/ui/pass-fail';

// What a document's history shows: decisions and their outcomes, not sign-ins or exports.
const SHOWN = new Set([
  'override.applied',
  'override.failed',
  'override.not_applied',
  'override.conflict',
  'override.denied',
  'override.attempted',
  'override.proposed',
  'override.approved',
  'override.rejected',
  'override.proposal_stale',
  'override.approval_denied',
]);

type FourEyesDetail = { proposerEmail?: unknown; approverEmail?: unknown; checkerReason?: unknown } | null;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

type Pair = { conclusion?: boolean | null; facialCheck?: boolean | null } | null | undefined;

/** An attempt is shown on its own only while no outcome names it. */
export function visibleHistory(events: AuditEvent[]): AuditEvent[] {
  const resolved = new Set(events.filter((e) => e.correlationId).map((e) => e.correlationId));
  return events.filter((e) => SHOWN.has(e.action) && !(e.action === 'override.attempted' && resolved.has(e.id)));
}

export function ReviewHistory({ events }: { events: AuditEvent[] }) {
  const shown = visibleHistory(events);
  return (
    <Section title="History" id="history-heading">
      {shown.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No human decision has been recorded for this document.</p>
      ) : (
        <ol className="space-y-3" aria-labelledby="history-heading">
          {shown.map((event) => {
            const before = event.before as Pair;
            const after = event.after as Pair;
            const code = event.reasonCode as ReasonCode | null;
            const fourEyes = event.detail as FourEyesDetail;
            return (
              <li key={event.id} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="history-event">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  {/* An attempt still shown here has no recorded outcome. */}
                  <ActionLabel action={event.action} outcomeAction={event.action === 'override.attempted' ? null : undefined} />
                  <span>
                    by {event.actorEmail}
                    {event.actorRole ? ` (${event.actorRole})` : ''}
                  </span>
                  <time dateTime={event.occurredAt} className="text-slate-600 dark:text-slate-300">
                    {formatUtc(event.occurredAt)}
                  </time>
                  {event.upstreamStatus ? <span className="text-slate-600 dark:text-slate-300">HTTP {event.upstreamStatus}</span> : null}
                  {(event.detail as { reconciled?: unknown } | null)?.reconciled === true ? (
                    <span className="text-slate-600 dark:text-slate-300">Confirmed by reading Artemis back</span>
                  ) : null}
                </div>
                <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
                  {before || after ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Conclusion</dt>
                      <dd data-testid="history-conclusion">
                        {passFailText(before?.conclusion)} → {passFailText(after?.conclusion)}
                      </dd>
                      <dt className="text-slate-600 dark:text-slate-300">Facial check</dt>
                      <dd data-testid="history-facial-check">
                        {passFailText(before?.facialCheck)} → {passFailText(after?.facialCheck)}
                      </dd>
                    </>
                  ) : null}
                  {code ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Reason code</dt>
                      <dd>{REASON_CODE_LABELS[code] ?? code}</dd>
                    </>
                  ) : null}
                  {event.reasonText ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Reason</dt>
                      <dd className="whitespace-pre-wrap break-words">{event.reasonText}</dd>
                    </>
                  ) : null}
                  {text(fourEyes?.proposerEmail) && text(fourEyes?.approverEmail) ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Four eyes</dt>
                      <dd>
                        proposed by {text(fourEyes?.proposerEmail)}, decided by {text(fourEyes?.approverEmail)}
                      </dd>
                    </>
                  ) : null}
                  {text(fourEyes?.checkerReason) ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Second reviewer’s reason</dt>
                      <dd className="whitespace-pre-wrap break-words">{text(fourEyes?.checkerReason)}</dd>
                    </>
                  ) : null}
                  {event.requestId ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Artemis request</dt>
                      <dd className="break-all font-mono text-xs">{event.requestId}</dd>
                    </>
                  ) : null}
                </dl>
                {event.action === 'override.attempted' ? (
                  <p className="mt-1 inline-flex items-center gap-1 text-amber-800 dark:text-amber-300">
                    <CircleAlert aria-hidden className="size-4" />
                    Sent to Artemis but no answer was recorded yet; it is checked against Artemis when the document is next opened.
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
