import { Fragment } from 'react';
import { TextLink } from '@/components/ui/text-link';

/** Where this page sits: links for the levels above, plain text for the page itself. */
export function Breadcrumb({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      {trail.map((level) => (
        <Fragment key={level.href}>
          <TextLink href={level.href}>{level.label}</TextLink> /{' '}
        </Fragment>
      ))}
      {current}
    </nav>
  );
}
