import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { AuditEventInput } from '@/lib/audit/trail';
import type { CurrentUser } from './session';

const state = vi.hoisted(() => ({ user: null as CurrentUser | null, events: [] as AuditEventInput[] }));

vi.mock('./session', () => ({
  auditActor: (user: CurrentUser) => ({ id: user.id, email: user.email, role: user.role }),
  authorize: async (roles: readonly string[]) => {
    if (!state.user) return { ok: false, kind: 'denied', user: null, message: 'Your session has ended. Sign in again to continue.' };
    if (!roles.includes(state.user.role)) return { ok: false, kind: 'denied', user: state.user, message: 'Your role does not allow this action.' };
    return { ok: true, user: state.user };
  },
}));
vi.mock('@/lib/audit/trail', () => ({
  recordAuditEvent: async (event: AuditEventInput) => {
    state.events.push(event);
  },
}));

const { authAction } = await import('./action');

const auditor: CurrentUser = { id: 'u-a', email: 'auditor@example.test', name: null, role: 'auditor' };
const reviewer: CurrentUser = { id: 'u-r', email: 'reviewer@example.test', name: null, role: 'reviewer' };

class Expected extends Error {}

const echo = authAction(
  {
    roles: ['reviewer'],
    schema: z.object({ documentId: z.coerce.number().int().positive(), note: z.string().min(3, 'Too short') }),
    invalid: 'Some answers need attention.',
    denial: { action: 'override.denied', detail: { operation: 'echo' } },
    expected: (error) => (error instanceof Expected ? { ok: false as const, kind: 'failed' as const, message: error.message } : undefined),
  },
  async (input, user) => {
    if (input.note === 'expected') throw new Expected('An expected refusal.');
    if (input.note === 'bug!') throw new TypeError('a bug');
    return { ok: true as const, input, by: user.email };
  },
);

beforeEach(() => {
  state.user = null;
  state.events = [];
});

describe('authAction', () => {
  it('refuses a signed-out caller without an event', async () => {
    expect(await echo({ documentId: 5, note: 'hello' })).toEqual({ ok: false, kind: 'denied', message: 'Your session has ended. Sign in again to continue.' });
    expect(state.events).toEqual([]);
  });

  it('refuses a signed-in role that may not, and records who tried what, where', async () => {
    state.user = auditor;
    expect(await echo({ customerId: 7, documentId: 5, note: 'hello' })).toMatchObject({
      ok: false,
      kind: 'denied',
      message: 'Your role does not allow this action.',
    });
    expect(state.events).toEqual([
      {
        action: 'override.denied',
        actor: { id: 'u-a', email: 'auditor@example.test', role: 'auditor' },
        customerId: 7,
        documentId: 5,
        detail: { operation: 'echo' },
      },
    ]);
  });

  it('returns field errors before the body runs', async () => {
    state.user = reviewer;
    expect(await echo({ documentId: 5, note: 'x' })).toEqual({
      ok: false,
      kind: 'invalid',
      message: 'Some answers need attention.',
      fieldErrors: { note: ['Too short'] },
    });
  });

  it('hands the parsed input and the user to the body, from a form too', async () => {
    state.user = reviewer;
    const form = new FormData();
    form.set('documentId', '5');
    form.set('note', 'hello');
    expect(await echo(form)).toEqual({ ok: true, input: { documentId: 5, note: 'hello' }, by: 'reviewer@example.test' });
  });

  it('answers expected errors and throws the rest', async () => {
    state.user = reviewer;
    expect(await echo({ documentId: 5, note: 'expected' })).toEqual({ ok: false, kind: 'failed', message: 'An expected refusal.' });
    await expect(echo({ documentId: 5, note: 'bug!' })).rejects.toThrow('a bug');
  });
});

describe('formFields', () => {
  it('reads a form post, and anything else as no fields', async () => {
    const { formFields } = await import('./action');
    const form = new FormData();
    form.set('callbackUrl', '/queue');
    expect(formFields(form)).toEqual({ callbackUrl: '/queue' });
    for (const hostile of [null, 'callbackUrl=/x', { get: 1 }, [['callbackUrl', '/x']]]) expect(formFields(hostile)).toEqual({});
  });
});
