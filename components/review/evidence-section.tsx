'use client';

import { useEffect, useRef } from 'react';
import { Section } from '@/components/ui/card';
import type { EvidenceView } from '@/lib/evidence/document-evidence';
import { EvidenceTile, EvidenceViewerProvider } from './evidence-gallery';
import { isFieldTarget, isScreenShortcut } from './keyboard';
import { useForgetWhenIdle } from './use-forget-when-idle';

/**
 * The reference image beside the audit images, all at one scale large enough to judge a face;
 * the document's own images below. A and Shift+A step through the audit images.
 */
export function EvidenceSection({ evidence, idleSeconds }: { evidence: EvidenceView; idleSeconds: number }) {
  const { reference, front, back, audit, faceBox } = evidence;
  const strip = useRef<HTMLUListElement>(null);
  const forgotten = useForgetWhenIdle(idleSeconds * 1000);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isScreenShortcut(event) || event.ctrlKey || event.metaKey || event.altKey || isFieldTarget(event.target)) return;
      if (event.key.toLowerCase() !== 'a') return;
      const tiles = [...(strip.current?.querySelectorAll<HTMLElement>('[data-audit] button') ?? [])];
      if (tiles.length === 0) return;
      event.preventDefault();
      const at = tiles.findIndex((tile) => tile.contains(document.activeElement));
      const next = at === -1 ? (event.shiftKey ? tiles.length - 1 : 0) : (at + (event.shiftKey ? -1 : 1) + tiles.length) % tiles.length;
      tiles[next]!.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  if (forgotten) {
    return (
      <Section title="Evidence" id="evidence-heading" className="p-3">
        <p role="status" data-testid="evidence-forgotten" className="text-sm">
          Signed out after a while without activity: the images were removed from this screen.
        </p>
      </Section>
    );
  }

  return (
    <Section title="Evidence" id="evidence-heading" className="p-3">
      <EvidenceViewerProvider>
        <ul ref={strip} aria-label="Reference and audit images" className="flex flex-wrap items-start gap-2">
          <li>
            <EvidenceTile item={reference} faceBox={faceBox} size="face" />
          </li>
          {audit.map((item) => (
            <li key={item.slot} data-audit>
              <EvidenceTile item={item} size="face" />
            </li>
          ))}
          {audit.length === 0 ? (
            <li className="self-center text-sm text-slate-700 dark:text-slate-300">No audit images were stored with this result.</li>
          ) : null}
        </ul>
        <h3 id="document-images-heading" className="mt-4 text-sm font-semibold">
          Document images
        </h3>
        <ul aria-labelledby="document-images-heading" className="mt-2 flex flex-wrap items-start gap-2">
          <li>
            <EvidenceTile item={front} size="document" />
          </li>
          {back.status !== 'missing' ? (
            <li>
              <EvidenceTile item={back} size="document" />
            </li>
          ) : null}
        </ul>
      </EvidenceViewerProvider>
    </Section>
  );
}
