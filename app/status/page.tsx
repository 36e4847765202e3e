import type { Metadata } from 'next';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Status' };

/** A trivial server-rendered page: the benchmark's baseline for this build's own cost. */
export default async function StatusPage() {
  await connection();
  return (
    <main className="p-8">
      <h1 className="text-xl font-semibold">Liveness Review Console is running</h1>
    </main>
  );
}
