import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Download } from './icons';

const textLinkClass = 'text-indigo-700 underline dark:text-indigo-300';

export function TextLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link className={cn(textLinkClass, className)} {...props} />;
}

/** A file the console hands out: a plain `<a download>`, since the client router must not fetch it. */
export function DownloadLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  return (
    <a href={href} download className={cn(textLinkClass, 'inline-flex items-center gap-1', className)}>
      <Download aria-hidden className="size-4" />
      {children}
    </a>
  );
}
