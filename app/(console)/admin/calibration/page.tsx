import type { Metadata } from 'next';
import { ConfidenceHistogram } from '@/components/calibration/confidence-histogram';
import { Button } from '@/components/ui/button';
import { FigureTile } from '@/components/ui/facts';
import { Field, Input } from '@/components/ui/field';
import { IgnoredFilters } from '@/components/ui/ignored-filters';
import { loadWhatIf } from '@/lib/calibration/load-what-if';

export const metadata: Metadata = { title: 'Threshold what-if' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CalibrationPage({ searchParams }: { searchParams: SearchParams }) {
  const { candidate, inForce, judged, histogram, invalid } = await loadWhatIf(await searchParams);
  const t = candidate.thresholds;
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Threshold what-if</h1>
      <p className="text-sm">
        Try other pass and fail thresholds against the document index and the verdicts of this console’s reviewers. Nothing changes here: the thresholds in
        force ({inForce.thresholds.pass} and {inForce.thresholds.fail}) are configuration.
      </p>
      <form method="get" action="/admin/calibration" aria-label="Candidate thresholds" className="flex flex-wrap items-end gap-3">
        <Field id="w-pass" label="Pass threshold">
          <Input id="w-pass" name="pass" type="number" min={0} max={100} step="0.01" defaultValue={t.pass} required />
        </Field>
        <Field id="w-fail" label="Fail threshold">
          <Input id="w-fail" name="fail" type="number" min={0} max={100} step="0.01" defaultValue={t.fail} required />
        </Field>
        <Button type="submit">Show what-if</Button>
      </form>
      <IgnoredFilters invalid={invalid} />
      <dl className="grid gap-4 sm:grid-cols-3" aria-label="What-if counts">
        <FigureTile
          term="Documents that would need a human"
          value={candidate.queue}
          note={`${inForce.queue} at the thresholds in force`}
          testId="whatif-queue"
        />
        <FigureTile
          term="Human-failed documents that would pass automatically"
          value={candidate.humanFailedWouldPass}
          note={`${inForce.humanFailedWouldPass} at the thresholds in force`}
          testId="whatif-false-accepts"
        />
        <FigureTile
          term="Human-passed documents that would fail automatically"
          value={candidate.humanPassedWouldFail}
          note={`${inForce.humanPassedWouldFail} at the thresholds in force`}
          testId="whatif-false-rejects"
        />
      </dl>
      <p className="text-sm">
        Human verdicts: {judged.pass} passed, {judged.fail} failed (a document’s latest decision applied by this console, or a QA Agree with an automated pass).
        A document needs a human below the pass threshold, or when flagged for another reason; below the fail threshold the machine fails it.
      </p>
      <ConfidenceHistogram bins={histogram} thresholds={t} />
      <section aria-labelledby="apply-heading" className="space-y-2">
        <h2 id="apply-heading" className="text-lg font-semibold">
          To put these thresholds in force
        </h2>
        <p className="text-sm">Set these variables in the console’s configuration and restart every instance:</p>
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800" data-testid="whatif-env">
          {`LIVENESS_PASS_THRESHOLD=${t.pass}\nLIVENESS_FAIL_THRESHOLD=${t.fail}`}
        </pre>
      </section>
    </div>
  );
}
