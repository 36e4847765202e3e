'use client';

import { ImageOff, ShieldAlert } from '@/components/ui/icons';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { BoundingBox, EvidenceItem } from '@/lib/evidence/document-evidence';
import { cn } from '@/lib/cn';
import { FaceBoxOverlay } from './face-box-overlay';
import { ImageViewer, type ViewerImage } from './image-viewer';

type OpenViewer = (image: ViewerImage, opener: HTMLElement) => void;
const ViewerContext = createContext<OpenViewer | null>(null);

/** Holds the one image viewer of the evidence section and gives focus back to its opener. */
export function EvidenceViewerProvider({ children }: { children: ReactNode }) {
  const [image, setImage] = useState<ViewerImage | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback<OpenViewer>((next, from) => {
    opener.current = from;
    setImage(next);
  }, []);
  const close = useCallback(() => {
    setImage(null);
    opener.current?.focus();
  }, []);
  return (
    <ViewerContext.Provider value={open}>
      {children}
      {image ? <ImageViewer image={image} onClose={close} /> : null}
    </ViewerContext.Provider>
  );
}

/** Faces (reference and audit images) share one scale, large enough to judge; documents are smaller. */
export type TileSize = 'face' | 'document';

function Placeholder({ icon, title, detail, size, testId }: { icon: ReactNode; title: string; detail?: string; size: TileSize; testId: string }) {
  return (
    <div
      data-testid={testId}
      className={cn(
        'flex flex-col items-center justify-center gap-1 rounded-md border border-dashed border-slate-400 bg-slate-50 p-3 text-center text-sm text-slate-700 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-200',
        size === 'face' ? 'h-48 w-40 sm:h-60 sm:w-48' : 'min-h-32 w-48',
      )}
    >
      {icon}
      <p className="font-medium">{title}</p>
      {detail ? <p className="break-words text-xs">{detail}</p> : null}
    </div>
  );
}

/** One evidence image: a button that enlarges it, or a placeholder saying why there is none. */
export function EvidenceTile({ item, faceBox, size }: { item: EvidenceItem; faceBox?: BoundingBox; size: TileSize }) {
  const open = useContext(ViewerContext);
  const [broken, setBroken] = useState(false);

  let body: ReactNode;
  if (item.status === 'unusable') {
    body = (
      <Placeholder
        testId="unusable-image"
        size={size}
        icon={<ShieldAlert aria-hidden className="size-5" />}
        title="Unusable image reference"
        detail={item.reason}
      />
    );
  } else if (item.status === 'missing') {
    body = <Placeholder testId="missing-image" size={size} icon={<ImageOff aria-hidden className="size-5" />} title="No image provided" />;
  } else if (broken) {
    body = (
      <Placeholder
        testId="broken-image"
        size={size}
        icon={<ImageOff aria-hidden className="size-5" />}
        title="Image could not be loaded"
        detail={item.remote ? 'The image source did not return a usable image.' : 'The image data could not be decoded.'}
      />
    );
  } else {
    const src = item.src;
    body = (
      <button
        type="button"
        aria-label={`Enlarge ${item.label}`}
        aria-haspopup="dialog"
        onClick={(event) => open?.({ src, label: item.label, faceBox }, event.currentTarget)}
        className="group block rounded-md bg-slate-100 ring-1 ring-slate-200 hover:ring-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-slate-800 dark:ring-slate-700"
      >
        <span className="relative inline-block align-top">
          {/* eslint-disable-next-line @next/next/no-img-element -- evidence is never sent through Next's image optimizer (SPEC §6) */}
          <img
            src={src}
            alt={item.label}
            data-slot-name={item.slot}
            onError={() => setBroken(true)}
            className={cn('block w-auto max-w-full rounded-md object-contain', size === 'face' ? 'h-48 sm:h-60' : 'h-32')}
          />
          {faceBox ? <FaceBoxOverlay box={faceBox} /> : null}
        </span>
      </button>
    );
  }

  return (
    <figure className="max-w-full" data-testid={`evidence-${item.slot}`}>
      {body}
      <figcaption className="mt-1 w-0 min-w-full text-xs text-slate-700 dark:text-slate-300">
        {item.label}
        {faceBox && item.status === 'ok' ? ' · dashed box: face found by the automated check' : ''}
      </figcaption>
    </figure>
  );
}
