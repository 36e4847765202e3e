import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-sm">Your role does not give access to this page.</p>
      <Link href="/customers" className="mt-4 inline-block text-indigo-700 underline dark:text-indigo-300">
        Back to customers
      </Link>
    </main>
  );
}
