/** Names the URL parameters a filtered page could not read and left out. */
export function IgnoredFilters({ invalid }: { invalid: readonly string[] }) {
  if (invalid.length === 0) return null;
  return (
    <p className="text-sm text-amber-800 dark:text-amber-300" role="status" data-testid="ignored-filters">
      Ignored filters with values that could not be read: {invalid.join(', ')}.
    </p>
  );
}
