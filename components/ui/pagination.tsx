import { TextLink } from './text-link';

/** Previous / "Page n of m" / next; a missing href hides its link. */
export function Pagination({ page, pageCount, previousHref, nextHref }: { page: number; pageCount?: number; previousHref?: string; nextHref?: string }) {
  return (
    <nav aria-label="Pagination" className="flex items-center gap-4 text-sm">
      {previousHref ? <TextLink href={previousHref}>Previous page</TextLink> : null}
      <span>
        Page {page}
        {pageCount ? ` of ${pageCount}` : ''}
      </span>
      {nextHref ? <TextLink href={nextHref}>Next page</TextLink> : null}
    </nav>
  );
}
