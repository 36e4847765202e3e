import { CircleCheck, CircleDashed, TriangleAlert } from '@/components/ui/icons';
import type { LivenessAssessment } from '@/lib/liveness/assessment';

/** One word for where the document stands, with an icon: never colour alone. */
export function DecisionStatus({ assessment }: { assessment: Pick<LivenessAssessment, 'hasResult' | 'needsReview'> }) {
  if (!assessment.hasResult)
    return (
      <span className="inline-flex items-center gap-1 text-slate-700 dark:text-slate-300">
        <CircleDashed aria-hidden className="size-4" />
        No result yet
      </span>
    );
  if (assessment.needsReview)
    return (
      <span className="inline-flex items-center gap-1 text-amber-800 dark:text-amber-300">
        <TriangleAlert aria-hidden className="size-4" />
        Needs review
      </span>
    );
  return (
    <span className="inline-flex items-center gap-1 text-emerald-800 dark:text-emerald-300">
      <CircleCheck aria-hidden className="size-4" />
      No flags
    </span>
  );
}
