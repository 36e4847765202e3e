'use client';

import { CircleAlert } from '@/components/ui/icons';
import { ActionLabel } from '@/components/audit/action-label';
import { ATTEMPTED } from '@/lib/audit/outcomes';
import { Section } from '@/components/ui/card';
import { formatUtc, passFailText } from '@/lib/format';
import type { HistoryEntry } from '@/lib/review/history-entries';

/** The document's decisions, then whatever the page adds below them (who viewed it). */
export function ReviewHistory({ entries, children }: { entries: HistoryEntry[]; children?: React.ReactNode }) {
  return (
    <Section title="History" id="history-heading">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No human decision has been recorded for this document.</p>
      ) : (
        <ol className="space-y-3" aria-labelledby="history-heading">
          {entries.map((event) => {
            const { change, fourEyes } = event;
            return (
              <li key={event.key} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="history-event">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  {/* An attempt still shown here has no recorded outcome. */}
                  <ActionLabel action={event.action} outcomeAction={event.action === ATTEMPTED ? null : undefined} />
                  <span>{`by ${event.actorEmail}${event.actorRole ? ` (${event.actorRole})` : ''}`}</span>
                  <time dateTime={event.occurredAt} className="text-slate-600 dark:text-slate-300">
                    {formatUtc(event.occurredAt)}
                  </time>
                  {event.upstreamStatus ? <span className="text-slate-600 dark:text-slate-300">{`HTTP ${event.upstreamStatus}`}</span> : null}
                  {event.reconciled ? <span className="text-slate-600 dark:text-slate-300">Confirmed by reading Artemis back</span> : null}
                </div>
                <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
                  {change ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Conclusion</dt>
                      <dd data-testid="history-conclusion">{`${passFailText(change.before.conclusion)} → ${passFailText(change.after.conclusion)}`}</dd>
                      <dt className="text-slate-600 dark:text-slate-300">Facial check</dt>
                      <dd data-testid="history-facial-check">{`${passFailText(change.before.facialCheck)} → ${passFailText(change.after.facialCheck)}`}</dd>
                    </>
                  ) : null}
                  {event.reasonLabel ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Reason code</dt>
                      <dd>{event.reasonLabel}</dd>
                    </>
                  ) : null}
                  {event.reasonText ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Reason</dt>
                      <dd className="whitespace-pre-wrap break-words">{event.reasonText}</dd>
                    </>
                  ) : null}
                  {event.note ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Note</dt>
                      <dd className="whitespace-pre-wrap break-words">{event.note}</dd>
                    </>
                  ) : null}
                  {fourEyes ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Four eyes</dt>
                      <dd>{`proposed by ${fourEyes.proposerEmail}, decided by ${fourEyes.approverEmail}`}</dd>
                    </>
                  ) : null}
                  {event.checkerReason ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Second reviewer’s reason</dt>
                      <dd className="whitespace-pre-wrap break-words">{event.checkerReason}</dd>
                    </>
                  ) : null}
                  {event.requestId ? (
                    <>
                      <dt className="text-slate-600 dark:text-slate-300">Artemis request</dt>
                      <dd className="break-all font-mono text-xs">{event.requestId}</dd>
                    </>
                  ) : null}
                </dl>
                {event.awaitingOutcome ? (
                  <p className="mt-1 inline-flex items-center gap-1 text-amber-800 dark:text-amber-300">
                    <CircleAlert aria-hidden className="size-4" />
                    Sent to Artemis, but whether Artemis applied it is not known yet; it is checked by reading Artemis back when the document is next opened and
                    with every background sync.
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {children}
    </Section>
  );
}
