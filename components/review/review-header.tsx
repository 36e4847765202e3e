'use client';

import type { LivenessAssessment } from '@/lib/liveness/assessment';
import type { ReviewHeaderFacts } from '@/lib/review/header-facts';
import { DecisionStatus } from './decision-status';
import { Fact, Facts } from '@/components/ui/facts';
import { PassFail } from '@/components/ui/pass-fail';

type HeaderAssessment = Pick<LivenessAssessment, 'hasResult' | 'needsReview' | 'conclusion' | 'facialCheck'>;

/** The document and where its decision stands now: the values a reviewer's override replaces. */
export function ReviewHeader({ facts, assessment }: { facts: ReviewHeaderFacts; assessment: HeaderAssessment }) {
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {`Customer ${facts.customerId}${facts.referenceId ? ` · Reference ${facts.referenceId}` : ''}`}
      </p>
      <h1 className="mt-1 break-words text-xl font-semibold">{facts.name}</h1>
      <Facts>
        <Fact label="Document">{facts.documentType}</Fact>
        <Fact label="Number" breakAll>
          {facts.number}
        </Fact>
        <Fact label="Issued">{facts.issued}</Fact>
        <Fact label="Expires">{facts.expires}</Fact>
        <Fact label="Last updated">{facts.lastUpdated}</Fact>
        <Fact label="Decision status">
          <span data-testid="decision-status">
            <DecisionStatus assessment={assessment} decided={facts.decided} />
          </span>
        </Fact>
        <Fact label="Conclusion (current)">
          <PassFail value={assessment.conclusion} />
        </Fact>
        <Fact label="Facial check (current)">
          <PassFail value={assessment.facialCheck} />
        </Fact>
      </Facts>
    </header>
  );
}
