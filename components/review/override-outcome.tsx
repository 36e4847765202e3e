import Link from 'next/link';
import { RefreshCw } from '@/components/ui/icons';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { passFailText } from '@/lib/format';
import type { DecisionSnapshot, OverrideResult } from '@/lib/overrides/results';

/** What became of the last override: each outcome in its own words, with what to do next. */
export function OverrideOutcome({
  result,
  seen,
  nextHref,
  onReload,
}: {
  result: OverrideResult | null;
  seen: DecisionSnapshot;
  nextHref: string;
  onReload: () => void;
}) {
  return (
    <>
      <div aria-live="polite">
        {result?.ok && result.outcome === 'applied' ? (
          <Alert tone="success" role="status" title="Override saved" testId="override-saved">
            <p>
              Next:{' '}
              <Link href={nextHref} prefetch={false} className="font-medium underline">
                Save and next: next document in queue
              </Link>
            </p>
          </Alert>
        ) : null}
        {result?.ok && result.outcome === 'proposed' ? (
          <Alert tone="info" role="status" title="Awaiting approval" testId="override-proposed">
            <p>Under the four-eyes policy a second reviewer must approve this override. Nothing was sent to Artemis yet.</p>
          </Alert>
        ) : null}
      </div>
      {result && !result.ok && result.kind === 'conflict' ? (
        <Alert tone="warning" title={result.message} testId="override-conflict">
          {result.busy ? (
            <p>
              Nothing was sent to Artemis. Another decision on this document is being sent to Artemis right now, or waits to be confirmed. Reload in a moment to
              see its outcome; your reason stays in the form.
            </p>
          ) : (
            <>
              <p>Nothing was sent to Artemis. Someone or something changed this document after you opened it:</p>
              <ul className="list-disc pl-5">
                <li>
                  Conclusion: {passFailText(seen.conclusion)} → {passFailText(result.current.conclusion)}
                </li>
                <li>
                  Facial check: {passFailText(seen.facialCheck)} → {passFailText(result.current.facialCheck)}
                </li>
                <li>
                  Liveness result: {passFailText(seen.livenessResult)} → {passFailText(result.current.livenessResult)}
                </li>
                <li>
                  Liveness confidence: {seen.confidence ?? '—'} → {result.current.confidence ?? '—'}
                </li>
              </ul>
              <p>Reload to see the document as it is now; your reason stays in the form.</p>
            </>
          )}
          <Button type="button" variant="secondary" className="mt-2" onClick={onReload}>
            <RefreshCw aria-hidden className="size-4" />
            Reload document
          </Button>
        </Alert>
      ) : null}
      {result && !result.ok && result.kind === 'unknown' ? (
        <Alert tone="warning" title="Outcome unknown: Artemis did not confirm the override" testId="override-unknown">
          <p>{result.message}</p>
          {result.requestId ? <p className="text-xs">Request id: {result.requestId}</p> : null}
        </Alert>
      ) : null}
      {result && !result.ok && result.kind === 'not-applied' ? (
        <Alert tone="error" title="Artemis did not apply the override" testId="override-not-applied">
          <p>{result.message}</p>
          <p>Your input is kept in the form. Reload the document before you try again.</p>
          {result.requestId ? <p className="text-xs">Request id: {result.requestId}</p> : null}
        </Alert>
      ) : null}
      {result && !result.ok && !['conflict', 'unknown', 'not-applied'].includes(result.kind) ? (
        <Alert tone="error" title="The override was not saved" testId="override-failed">
          <p>{result.message}</p>
          {result.kind !== 'invalid' ? <p>Your input is kept in the form.</p> : null}
          {'requestId' in result && result.requestId ? <p className="text-xs">Request id: {result.requestId}</p> : null}
        </Alert>
      ) : null}
    </>
  );
}
