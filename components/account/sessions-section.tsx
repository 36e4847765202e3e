'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Table, TableHead, Td } from '@/components/ui/table';
import { endOtherSessionsAction, endSessionAction, type EndSessionResult } from '@/lib/actions/end-session';
import type { SessionSummary } from '@/lib/auth/sessions';
import { formatUtc } from '@/lib/format';

const METHOD_LABELS = { password: 'Password', oidc: 'Single sign-on' } as const;

/** `/account`'s `Sessions`: where the person is signed in, and a way to end any of it. */
export function SessionsSection({ sessions, currentId }: { sessions: SessionSummary[]; currentId: string }) {
  const [result, setResult] = useState<EndSessionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<EndSessionResult>) =>
    startTransition(async () => {
      try {
        setResult(await action());
      } catch {
        setResult({ ok: false, kind: 'not-found', message: 'The session could not be ended. Try again.' });
      }
    });
  const others = sessions.filter((s) => s.id !== currentId).length;

  return (
    <div className="space-y-3">
      <Table aria-label="Your sessions">
        <TableHead columns={['Browser', 'Signed in', 'Last seen', 'Address', 'Method']} actionColumn />
        <tbody>
          {sessions.map((session) => {
            const current = session.id === currentId;
            return (
              <tr key={session.id} data-testid="session-row">
                <Td>
                  {session.browser}
                  {current ? (
                    <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                      This session
                    </span>
                  ) : null}
                </Td>
                <Td>{formatUtc(session.startedAt)}</Td>
                <Td>{current ? 'Now' : formatUtc(session.lastSeenAt)}</Td>
                <Td className="break-all">{session.clientAddress ?? 'Unknown'}</Td>
                <Td>{METHOD_LABELS[session.method]}</Td>
                <Td>
                  {current ? null : (
                    <Button
                      type="button"
                      variant="secondary"
                      className="px-2 py-1"
                      disabled={pending}
                      aria-label={`Sign out ${session.browser}, signed in ${formatUtc(session.startedAt)}`}
                      onClick={() => run(() => endSessionAction({ sessionId: session.id }))}
                    >
                      Sign out
                    </Button>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Button type="button" variant="secondary" disabled={pending || others === 0} onClick={() => run(() => endOtherSessionsAction({}))}>
        Sign out everywhere else
      </Button>
      {result ? <Alert tone={result.ok ? 'success' : 'error'} title={result.message} testId={result.ok ? 'sessions-ok' : 'sessions-failed'} /> : null}
    </div>
  );
}
