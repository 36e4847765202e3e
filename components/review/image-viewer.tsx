'use client';

// Hand-written on the native <dialog>: showModal() already makes the page behind inert (focus
// trap), closes on Escape and has a backdrop, so the remaining work is a CSS transform. A
// library such as react-zoom-pan-pinch would add ~10 kB to a page with a 60 kB budget and
// still need its own keyboard handling.
import { Maximize, RotateCw, X, ZoomIn, ZoomOut } from '@/components/ui/icons';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { BoundingBox } from '@/lib/evidence/document-evidence';
import { FaceBoxOverlay } from './face-box-overlay';

export type ViewerImage = { src: string; label: string; faceBox?: BoundingBox };

const MIN_ZOOM = 0.5;
const MAX_ZOOM = 6;
const ZOOM_STEP = 1.25;
const PAN_STEP = 40;

type View = { zoom: number; rotation: number; x: number; y: number };
const INITIAL: View = { zoom: 1, rotation: 0, x: 0, y: 0 };
const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export function ImageViewer({ image, onClose }: { image: ViewerImage; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const [view, setView] = useState<View>(INITIAL);
  const titleId = useId();
  const helpId = useId();

  const zoomBy = useCallback((factor: number) => setView((v) => ({ ...v, zoom: clampZoom(v.zoom * factor) })), []);
  const rotate = useCallback(() => setView((v) => ({ ...v, rotation: (v.rotation + 90) % 360 })), []);
  const pan = useCallback((dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy })), []);
  const reset = useCallback(() => setView(INITIAL), []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>('[data-viewer-close]')?.focus();
    }
    // React's onWheel is passive; zooming must stop the page behind from scrolling.
    const stage = stageRef.current;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    };
    stage?.addEventListener('wheel', onWheel, { passive: false });
    return () => stage?.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    // Keys inside the viewer belong to the viewer, never to the review form's shortcuts.
    event.stopPropagation();
    if (event.key === 'Tab') {
      trapTab(event);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const handled: Record<string, () => void> = {
      '+': () => zoomBy(ZOOM_STEP),
      '=': () => zoomBy(ZOOM_STEP),
      '-': () => zoomBy(1 / ZOOM_STEP),
      _: () => zoomBy(1 / ZOOM_STEP),
      r: rotate,
      R: rotate,
      '0': reset,
      ArrowLeft: () => pan(-PAN_STEP, 0),
      ArrowRight: () => pan(PAN_STEP, 0),
      ArrowUp: () => pan(0, -PAN_STEP),
      ArrowDown: () => pan(0, PAN_STEP),
    };
    const action = handled[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  // A modal dialog lets Tab leave for the browser's own UI; keep it cycling inside instead.
  const trapTab = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])')];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const { zoom, rotation, x, y } = view;
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={helpId}
      onKeyDown={onKeyDown}
      onClose={onClose}
      data-testid="image-viewer"
      className="m-auto h-[88vh] w-[min(94vw,1100px)] max-h-none max-w-none overflow-hidden rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/70 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex h-full flex-col">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 p-3 dark:border-slate-700">
          <h2 id={titleId} className="text-base font-semibold">
            {image.label}
          </h2>
          <div role="toolbar" aria-label="Image controls" className="flex flex-wrap items-center gap-2">
            <Button type="button" variant="secondary" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-keyshortcuts="-">
              <ZoomOut aria-hidden className="size-4" />
              Zoom out
            </Button>
            <Button type="button" variant="secondary" onClick={() => zoomBy(ZOOM_STEP)} aria-keyshortcuts="+">
              <ZoomIn aria-hidden className="size-4" />
              Zoom in
            </Button>
            <Button type="button" variant="secondary" onClick={rotate} aria-keyshortcuts="R">
              <RotateCw aria-hidden className="size-4" />
              Rotate
            </Button>
            <Button type="button" variant="secondary" onClick={reset} aria-keyshortcuts="0">
              <Maximize aria-hidden className="size-4" />
              Reset
            </Button>
            <Button data-viewer-close type="button" onClick={() => dialogRef.current?.close()} aria-keyshortcuts="Escape">
              <X aria-hidden className="size-4" />
              Close
            </Button>
          </div>
        </div>
        <div
          ref={stageRef}
          className="relative min-h-0 flex-1 cursor-grab touch-none overflow-hidden bg-slate-100 active:cursor-grabbing dark:bg-slate-950"
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
          }}
          onPointerMove={(event) => {
            const d = drag.current;
            if (!d || d.id !== event.pointerId) return;
            pan(event.clientX - d.x, event.clientY - d.y);
            drag.current = { id: d.id, x: event.clientX, y: event.clientY };
          }}
          onPointerUp={() => {
            drag.current = null;
          }}
          onPointerCancel={() => {
            drag.current = null;
          }}
        >
          <div className="absolute inset-0 flex items-center justify-center p-4">
            <div
              className="relative max-h-full max-w-full transition-transform duration-100"
              style={{ transform: `translate(${x}px, ${y}px) rotate(${rotation}deg) scale(${zoom})` }}
              data-testid="image-viewer-transform"
              data-zoom={zoom}
              data-rotation={rotation}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- evidence is never sent through Next's image optimizer (SPEC §6) */}
              <img src={image.src} alt={image.label} draggable={false} className="block h-[65vh] max-h-[65vh] w-auto max-w-[88vw] select-none object-contain" />
              {image.faceBox ? <FaceBoxOverlay box={image.faceBox} /> : null}
            </div>
          </div>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-xs text-slate-700 dark:border-slate-700 dark:text-slate-300">
          <p id={helpId}>
            Keys: <kbd>+</kbd> / <kbd>−</kbd> zoom, arrow keys pan, <kbd>R</kbd> rotate, <kbd>0</kbd> reset, <kbd>Esc</kbd> close. Drag to pan, wheel to zoom.
          </p>
          <p aria-live="polite" data-testid="image-viewer-state">
            Zoom {Math.round(zoom * 100)}%, rotated {rotation}°
          </p>
        </div>
      </div>
    </dialog>
  );
}
