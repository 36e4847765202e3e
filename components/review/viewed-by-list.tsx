import { TextLink } from '@/components/ui/text-link';
import { formatUtc } from '@/lib/format';
import type { ViewedBy } from '@/lib/review/viewed-by';

/** `Viewed by`: every recorded look at the document's evidence, as the viewer's role may see them. */
export function ViewedByList({ viewedBy, customerId, documentId }: { viewedBy: ViewedBy; customerId: number; documentId: number }) {
  const { views, everyone, more } = viewedBy;
  const auditHref = `/audit?${new URLSearchParams({ action: 'evidence.viewed', customer: String(customerId), document: String(documentId) })}`;
  return (
    <section aria-labelledby="viewed-by-heading" className="mt-4 border-t border-slate-200 pt-3 text-sm dark:border-slate-700">
      <h3 id="viewed-by-heading" className="font-semibold">
        Viewed by
      </h3>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        {everyone
          ? 'Every look at this evidence is on the record; views by one person within 10 minutes count once.'
          : 'Every look at this evidence is on the record. Your own views are listed; auditors and admins see everyone’s.'}
      </p>
      {views.length === 0 ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">No view recorded yet.</p>
      ) : (
        <ul className="mt-2 space-y-1" aria-labelledby="viewed-by-heading">
          {views.map((view) => (
            <li key={view.key} data-testid="viewed-by" className="flex flex-wrap gap-x-2">
              <span>{`${view.email}${view.role ? ` (${view.role})` : ''}`}</span>
              <time dateTime={view.at} className="text-slate-600 dark:text-slate-300">
                {formatUtc(view.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? (
        <p className="mt-2">
          <TextLink href={auditHref}>{`${more} earlier ${more === 1 ? 'view' : 'views'} in the audit log`}</TextLink>
        </p>
      ) : null}
    </section>
  );
}
