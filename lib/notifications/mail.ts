import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent, type AuditActor } from '@/lib/audit/trail';
import type { AnnouncedData } from '@/lib/audit/outbox';
import { dialectOf, getDb, writeTransaction, type Database } from '@/lib/db';
import { formatUtc } from '@/lib/format';
import { MAIL_KINDS, type MailKind } from './schemas';
import { createTransport } from 'nodemailer';

/**
 * Mail (SPEC §15): people are told what waits for them. Each announced event is mailed once
 * across the fleet (claimed as a webhook delivery is); overdue documents are gathered into at most
 * one digest per person an hour. Mails carry the link, never the evidence.
 */

const KIND_OF_TYPE: Record<string, MailKind> = {
  'proposal.created': 'proposal',
  'case.escalated': 'escalation',
  'case.assigned': 'assignment',
  'sla.breached': 'overdue',
};

export type MailMessage = { to: string; subject: string; text: string };
export type Mailer = { send(message: MailMessage): Promise<void> };

const CLAIM_MS = 60_000;
const DIGEST_EVERY_MS = 60 * 60_000;

type Recipient = { id: string; email: string };

/** Active people who have not turned `kind` off, narrowed by `where`. */
function recipients(db: Kysely<Database>, kind: MailKind) {
  return db
    .selectFrom('users')
    .leftJoin('notification_settings as s', 's.user_id', 'users.id')
    .select(['users.id', 'users.email'])
    .where('users.status', '=', 'active')
    .where((eb) => eb.or([eb('s.mail_off', 'is', null), eb('s.mail_off', 'not like', `%,${kind},%`)]));
}

async function recipientsOf(db: Kysely<Database>, kind: MailKind, data: AnnouncedData, detail: { assigneeId?: string | null }): Promise<Recipient[]> {
  const people = recipients(db, kind);
  if (kind === 'proposal') return people.where('users.role', 'in', ['reviewer', 'admin']).where('users.email', '!=', data.actor.email).execute();
  if (kind === 'escalation') return people.where('users.role', '=', 'admin').execute();
  if (kind === 'assignment') return data.assigneeEmail ? people.where('users.email', '=', data.assigneeEmail).execute() : [];
  return detail.assigneeId ? people.where('users.id', '=', detail.assigneeId).execute() : people.where('users.role', '=', 'reviewer').execute();
}

function messageFor(kind: Exclude<MailKind, 'overdue'>, data: AnnouncedData, to: string): MailMessage {
  const doc = `document ${data.documentId} of customer ${data.customerId}`;
  const link = data.url ?? '';
  const text = (lines: string[]) =>
    [...lines, '', link, '', 'This mail carries the link, not the evidence. Turn these mails off under Account, Notifications.'].join('\n');
  if (kind === 'proposal')
    return { to, subject: `Approval waiting: ${doc}`, text: text([`${data.actor.email} proposed an override of ${doc}; it needs a second reviewer.`]) };
  if (kind === 'escalation') return { to, subject: `Escalated: ${doc}`, text: text([`${data.actor.email} escalated ${doc} to the compliance lead.`]) };
  return { to, subject: `Assigned to you: ${doc}`, text: text([`${data.actor.email} assigned ${doc} to you.`]) };
}

/** Announced events of a kind that is mailed, not mailed yet, claimed by no one (whose claim has not run out). */
function mailableEvents(db: Kysely<Database>, at: string) {
  return db
    .selectFrom('outbox_events')
    .select('id')
    .where('mail_status', 'is', null)
    .where('type', 'in', Object.keys(KIND_OF_TYPE))
    .where((eb) => eb.or([eb('mail_claimed_until', 'is', null), eb('mail_claimed_until', '<', at)]));
}

/**
 * Claims events with mail to send, sends it (or queues overdue documents for digests), and marks
 * them done. A read first: most turns find nothing to claim.
 */
export async function mailDue(db: Kysely<Database>, mailer: Mailer, claimant: string, now = new Date()): Promise<number> {
  const at = now.toISOString();
  if (!(await mailableEvents(db, at).limit(1).executeTakeFirst())) return 0;
  const claimed = await writeTransaction(db, async (trx) => {
    const due = mailableEvents(trx, at)
      .orderBy('id')
      .limit(20)
      .$if(dialectOf(trx) === 'postgres', (qb) => qb.forUpdate().skipLocked());
    return trx
      .updateTable('outbox_events')
      .set({ mail_claimed_by: claimant, mail_claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where('id', 'in', due)
      .returning(['id', 'type', 'audit_event_id', 'payload_json', 'customer_id', 'document_id'])
      .execute();
  });
  for (const event of claimed) {
    const kind = KIND_OF_TYPE[event.type]!;
    const data = JSON.parse(event.payload_json) as AnnouncedData;
    const audit = await db.selectFrom('audit_events').select('detail_json').where('id', '=', event.audit_event_id).executeTakeFirst();
    const detail = (audit?.detail_json ? JSON.parse(audit.detail_json) : {}) as { assigneeId?: string | null; dueAt?: string };
    const people = await recipientsOf(db, kind, data, detail);
    if (kind === 'overdue') {
      if (people.length > 0) {
        await db
          .insertInto('mail_digest_items')
          .values(
            people.map((p) => ({
              id: randomUUID(),
              user_id: p.id,
              event_id: event.id,
              customer_id: Number(event.customer_id),
              document_id: Number(event.document_id),
              due_at: detail.dueAt ?? null,
              created_at: at,
            })),
          )
          .execute();
      }
    } else {
      for (const person of people) await mailer.send(messageFor(kind, data, person.email));
    }
    await db
      .updateTable('outbox_events')
      .set({ mail_status: 'done', mail_claimed_by: null, mail_claimed_until: null })
      .where('id', '=', event.id)
      .where('mail_claimed_by', '=', claimant)
      .execute();
  }
  return claimed.length;
}

/** One digest per person with overdue documents waiting, at most one an hour; the person's row is the guard across the fleet. */
export async function sendDigests(db: Kysely<Database>, mailer: Mailer, consoleUrl: string, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - DIGEST_EVERY_MS).toISOString();
  const waiting = await db.selectFrom('mail_digest_items').select('user_id').distinct().where('sent_at', 'is', null).execute();
  let sent = 0;
  for (const { user_id: userId } of waiting) {
    await db
      .insertInto('notification_settings')
      .values({ user_id: userId })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const previous = await db.selectFrom('notification_settings').select('digest_sent_at').where('user_id', '=', userId).executeTakeFirst();
    const taken = await db
      .updateTable('notification_settings')
      .set({ digest_sent_at: at })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('digest_sent_at', 'is', null), eb('digest_sent_at', '<=', cutoff)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 0) continue;
    const [person, items] = await Promise.all([
      db.selectFrom('users').select(['email', 'status']).where('id', '=', userId).executeTakeFirst(),
      db.selectFrom('mail_digest_items').selectAll().where('user_id', '=', userId).where('sent_at', 'is', null).orderBy('created_at').execute(),
    ]);
    if (!person || person.status !== 'active' || items.length === 0) continue;
    const lines = items.map(
      (i) =>
        `- document ${i.document_id} of customer ${i.customer_id}${i.due_at ? `, due ${formatUtc(i.due_at)}` : ''}: ${consoleUrl}/customers/${i.customer_id}/documents/${i.document_id}`,
    );
    try {
      await mailer.send({
        to: person.email,
        subject: `${items.length} overdue document${items.length === 1 ? '' : 's'} in the review queue`,
        text: [`These documents are past their review deadline:`, '', ...lines, '', 'Turn these digests off under Account, Notifications.'].join('\n'),
      });
    } catch (error) {
      // Not sent: the next look may try again at once.
      await db
        .updateTable('notification_settings')
        .set({ digest_sent_at: previous?.digest_sent_at ?? null })
        .where('user_id', '=', userId)
        .execute();
      throw error;
    }
    await db
      .updateTable('mail_digest_items')
      .set({ sent_at: at })
      .where(
        'id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    sent += 1;
  }
  return sent;
}

/** The kinds of mail a person gets (every kind unless turned off). */
export async function mailSettingsOf(userId: string): Promise<Record<MailKind, boolean>> {
  const row = await (await getDb()).selectFrom('notification_settings').select('mail_off').where('user_id', '=', userId).executeTakeFirst();
  return Object.fromEntries(MAIL_KINDS.map((kind) => [kind, !(row?.mail_off ?? ',').includes(`,${kind},`)])) as Record<MailKind, boolean>;
}

/** `Save notifications`: the kinds turned on; the change is on the trail. */
export async function saveMailSettings(actor: AuditActor & { id: string }, on: MailKind[]): Promise<void> {
  const off = `,${MAIL_KINDS.filter((k) => !on.includes(k)).join(',')}${on.length < MAIL_KINDS.length ? ',' : ''}`;
  await writeTransaction(await getDb(), async (trx) => {
    await trx
      .insertInto('notification_settings')
      .values({ user_id: actor.id, mail_off: off })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ mail_off: off }))
      .execute();
    await recordAuditEvent({ action: 'user.notifications_changed', actor, detail: { mailOn: on } }, trx);
  });
}

/** Mail through SMTP_URL with nodemailer, from MAIL_FROM. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
