import { CircleCheck, CircleDashed, TriangleAlert, UserCheck } from '@/components/ui/icons';
import type { LivenessAssessment } from '@/lib/liveness/assessment';
import type { ReviewHeaderFacts } from '@/lib/review/header-facts';

type Props = { assessment: Pick<LivenessAssessment, 'hasResult' | 'needsReview'>; decided: ReviewHeaderFacts['decided'] };

/** Where the document stands in a few words, with an icon: never colour alone. A human decision in effect outranks the machine's flags. */
export function DecisionStatus({ assessment, decided }: Props) {
  if (decided)
    return (
      <span className="inline-flex items-start gap-1 text-emerald-800 dark:text-emerald-300">
        <UserCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          {`Decided by ${decided.by}`}
          <span className="block text-slate-600 dark:text-slate-300">{decided.at}</span>
        </span>
      </span>
    );
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
