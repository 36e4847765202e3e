import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';

// The review queue (SPEC §7) needs the local document index; until it exists, start at customers.
export default async function HomePage() {
  await requireUser();
  redirect('/customers');
}
