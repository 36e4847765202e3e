'use client';

import { Section } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { PassFail } from '@/components/ui/pass-fail';
import type { LivenessAssessment, Thresholds } from '@/lib/liveness/assessment';

const BAND_TEXT = { pass: 'at or above the pass threshold', review: 'between the thresholds', fail: 'below the fail threshold', unknown: 'not reported' };

/** The machine's verdict and confidence side by side, the band under them (the current decision is in the header). */
export function AutomatedResult({ assessment, thresholds }: { assessment: LivenessAssessment; thresholds: Thresholds }) {
  const { confidence } = assessment;
  const label = 'text-slate-600 dark:text-slate-300';
  return (
    <Section title="Automated result" id="automated-result-heading" chrome="none">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 text-sm">
        <div>
          <dt className={label}>Liveness result</dt>
          <dd>
            <PassFail value={assessment.livenessResult} />
          </dd>
        </div>
        <div>
          <dt className={label}>Liveness confidence</dt>
          <dd>
            <span className="font-semibold" data-testid="liveness-confidence">
              {confidence === undefined ? '—' : `${confidence}%`}
            </span>{' '}
            <span className={cn(label, 'text-xs')}>({BAND_TEXT[assessment.band]})</span>
          </dd>
        </div>
      </dl>
      <ConfidenceBand confidence={confidence} thresholds={thresholds} />
    </Section>
  );
}

/** A 0–100 scale with the fail and pass thresholds marked and the confidence as a pointer. */
function ConfidenceBand({ confidence, thresholds }: { confidence: number | undefined; thresholds: Thresholds }) {
  const clamp = (n: number) => Math.min(100, Math.max(0, n));
  return (
    <div className="mt-1.5" aria-hidden>
      <div className="relative h-2.5 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <div className="absolute inset-y-0 left-0 bg-red-300 dark:bg-red-900" style={{ width: `${thresholds.fail}%` }} />
        <div
          className="absolute inset-y-0 bg-amber-200 dark:bg-amber-900"
          style={{ left: `${thresholds.fail}%`, width: `${thresholds.pass - thresholds.fail}%` }}
        />
        <div className="absolute inset-y-0 right-0 bg-emerald-300 dark:bg-emerald-900" style={{ width: `${100 - thresholds.pass}%` }} />
        {confidence !== undefined ? (
          <div className="absolute inset-y-0 w-1 -translate-x-1/2 bg-slate-900 dark:bg-white" style={{ left: `${clamp(confidence)}%` }} />
        ) : null}
      </div>
      <div className="relative mt-1 h-4 text-xs text-slate-600 dark:text-slate-300">
        <span className="absolute -translate-x-1/2 whitespace-nowrap" style={{ left: `${thresholds.fail}%` }}>
          fail {thresholds.fail}
        </span>
        <span className="absolute -translate-x-1/2 whitespace-nowrap" style={{ left: `${thresholds.pass}%` }}>
          pass {thresholds.pass}
        </span>
      </div>
    </div>
  );
}
