'use client';

import type { LivenessAssessment } from '@/lib/liveness/assessment';
import type { ReviewHeaderFacts } from '@/lib/review/header-facts';
import { DecisionStatus } from './decision-status';
import { Fact, Facts } from '@/components/ui/facts';

export function ReviewHeader({ facts, assessment }: { facts: ReviewHeaderFacts; assessment: Pick<LivenessAssessment, 'hasResult' | 'needsReview'> }) {
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
          <DecisionStatus assessment={assessment} />
        </Fact>
      </Facts>
    </header>
  );
}
