import { Alert } from '@/components/ui/alert';
import type { UserActionResult } from '@/lib/users/admin-schemas';

export function ActionMessage({ result, testId }: { result: UserActionResult | null; testId: string }) {
  // A step-up is asked for in its own dialog, which repeats the change once confirmed.
  if (!result || (!result.ok && result.kind === 'step-up')) return null;
  return result.ok ? (
    <Alert tone="success" title={result.message} testId={`${testId}-ok`} className="mt-2">
      {result.secret ? (
        <p>
          One-time password:{' '}
          <code data-testid="one-time-password" className="select-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-base dark:bg-slate-800">
            {result.secret}
          </code>
        </p>
      ) : null}
    </Alert>
  ) : (
    <Alert tone="error" title={result.message} testId={`${testId}-failed`} className="mt-2" />
  );
}
