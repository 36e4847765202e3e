import { notFound } from 'next/navigation';

/** Artemis ids are positive 64-bit integers; anything else in a URL is simply not found. */
export function parseId(value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) notFound();
  const id = Number(value);
  if (!Number.isSafeInteger(id)) notFound();
  return id;
}
