import type { BoundingBox } from '@/lib/evidence/document-evidence';

/** The face's box from the automated check, drawn over the image it was measured on. */
export function FaceBoxOverlay({ box }: { box: BoundingBox }) {
  return (
    <span
      aria-hidden
      data-testid="face-box"
      className="pointer-events-none absolute border-2 border-dashed border-amber-400 shadow-[0_0_0_1px_rgba(0,0,0,0.6)]"
      style={{ left: `${box.left * 100}%`, top: `${box.top * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%` }}
    />
  );
}
