import Link from 'next/link';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** For the rare plain `<a>` (a file download); everything else uses TextLink. */
export const textLinkClass = 'text-indigo-700 underline dark:text-indigo-300';

export function TextLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link className={cn(textLinkClass, className)} {...props} />;
}
