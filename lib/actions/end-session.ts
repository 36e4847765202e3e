'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { authAction } from '@/lib/auth/action';
import { auditActor, currentSession } from '@/lib/auth/session';
import { endOtherSessions, endOwnSession } from '@/lib/auth/sessions';
import type { ActionResult, Failure } from '@/lib/result';
import { ROLES } from '@/lib/users/roles';

export type EndSessionResult = ActionResult<{ message: string }, Failure<'not-found'>>;

const endSessionSchema = z.object({ sessionId: z.string().min(1).max(100) });

const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

/** `/account`'s `Sign out` beside one of the person's other sessions: that browser is signed out at its next request. */
export const endSessionAction = authAction(
  { roles: ROLES, schema: endSessionSchema, invalid: 'No session was chosen.' },
  async ({ sessionId }, user): Promise<EndSessionResult> => {
    const current = await currentSession();
    if (!current) return { ok: false, kind: 'denied', message: SESSION_ENDED };
    if (sessionId === current.id) return { ok: false, kind: 'not-found', message: 'To end this session, use Sign out at the top of the page.' };
    if (!(await endOwnSession(user.id, sessionId))) return { ok: false, kind: 'not-found', message: 'That session has already ended.' };
    await recordAuditEvent({ action: 'auth.session_ended', actor: auditActor(user), detail: { session: sessionId.slice(0, 8), from: current.id.slice(0, 8) } });
    revalidatePath('/account');
    return { ok: true, message: 'Session ended.' };
  },
);

/** `Sign out everywhere else`: every session of the account but this one. */
export const endOtherSessionsAction = authAction(
  { roles: ROLES, schema: z.object({}), invalid: 'Nothing to send.' },
  async (_input, user): Promise<EndSessionResult> => {
    const current = await currentSession();
    if (!current) return { ok: false, kind: 'denied', message: SESSION_ENDED };
    const ended = await endOtherSessions(user.id, current.id);
    await recordAuditEvent({ action: 'auth.sessions_ended', actor: auditActor(user), detail: { ended, kept: current.id.slice(0, 8) } });
    revalidatePath('/account');
    return { ok: true, message: ended === 0 ? 'You had no other session.' : `${ended} other ${ended === 1 ? 'session' : 'sessions'} ended.` };
  },
);
