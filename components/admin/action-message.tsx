import { Alert } from '@/components/ui/alert';
import type { UserActionResult } from '@/lib/users/admin-schemas';

export function ActionMessage({ result, testId }: { result: UserActionResult | null; testId: string }) {
  // A step-up is asked for in its own dialog, which repeats the change once confirmed.
  if (!result || (!result.ok && result.kind === 'step-up')) return null;
  return result.ok ? (
    <Alert tone="success" title={result.message} testId={`${testId}-ok`} className="mt-2" />
  ) : (
    <Alert tone="error" title={result.message} testId={`${testId}-failed`} className="mt-2" />
  );
}
