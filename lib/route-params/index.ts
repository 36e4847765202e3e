import { notFound } from 'next/navigation';
import { parseIdText } from '@/lib/ids';

/** An Artemis id from a URL segment; anything else in a URL is simply not found. */
export function parseId(value: string): number {
  return parseIdText(value) ?? notFound();
}
