import Link from 'next/link';

// Rendered inside the console layout, which already provides the <main> landmark.
export default function ConsoleNotFound() {
  return (
    <div className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm">There is nothing at this address, or it is not yours to see.</p>
      <Link href="/customers" className="mt-4 inline-block text-indigo-700 underline dark:text-indigo-300">
        Back to customers
      </Link>
    </div>
  );
}
