'use client';

import { Section } from '@/components/ui/card';
import type { EvidenceView } from '@/lib/evidence/document-evidence';
import { EvidenceTile, EvidenceViewerProvider } from './evidence-gallery';

export function EvidenceSection({ evidence }: { evidence: EvidenceView }) {
  const { reference, front, back, audit, faceBox } = evidence;
  return (
    <Section title="Evidence" id="evidence-heading">
      <EvidenceViewerProvider>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <EvidenceTile item={reference} faceBox={faceBox} />
          <EvidenceTile item={front} />
          {back.status !== 'missing' ? <EvidenceTile item={back} /> : null}
        </div>
        <h3 id="audit-images-heading" className="mt-4 text-sm font-semibold">
          Audit images
        </h3>
        {audit.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">No audit images were stored with this result.</p>
        ) : (
          <ul aria-labelledby="audit-images-heading" className="mt-2 flex flex-wrap gap-3">
            {audit.map((item) => (
              <li key={item.slot}>
                <EvidenceTile item={item} size="small" />
              </li>
            ))}
          </ul>
        )}
      </EvidenceViewerProvider>
    </Section>
  );
}
