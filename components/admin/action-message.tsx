import { Alert } from '@/components/ui/alert';
import type { UserActionResult } from '@/lib/users/admin-schemas';

export function ActionMessage({ result, testId }: { result: UserActionResult | null; testId: string }) {
  if (!result) return null;
  return result.ok ? (
    <Alert tone="success" title={result.message} testId={`${testId}-ok`} className="mt-2" />
  ) : (
    <Alert tone="error" title={result.message} testId={`${testId}-failed`} className="mt-2" />
  );
}
