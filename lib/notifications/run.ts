import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db';
import type { Env } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { isDraining } from '@/lib/shutdown';
import { deliverDue } from './delivery';
import { mailDue, sendDigests, smtpMailer } from './mail';
import { announceBreaches } from './sla';

/**
 * Every instance runs the same three loops; claims and guarded marks keep each event delivered,
 * mailed and each breach announced once across the fleet. Webhooks each second, mail every two,
 * overdue documents and digests every fifteen. None of it delays a decision's answer.
 */
const INSTANCE = randomUUID();
let started = false;

function every(name: string, ms: number, work: () => Promise<unknown>): void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || isDraining()) return;
    busy = true;
    work()
      .catch((error: unknown) => logger('notifications').warn({ error: errorText(error) }, `${name}: not done this time`))
      .finally(() => {
        busy = false;
      });
  }, ms);
  timer.unref();
}

export function startNotifications(env: Pick<Env, 'reviewSlaHours' | 'mail' | 'consoleUrl'>): void {
  if (started) return;
  started = true;
  every('webhook deliveries', 1_000, async () => deliverDue(await getDb(), INSTANCE));
  every('overdue documents', 15_000, async () => announceBreaches(await getDb(), env.reviewSlaHours));
  const mail = env.mail;
  if (!mail) return;
  const mailer = smtpMailer(mail.smtpUrl, mail.from);
  every('mail', 2_000, async () => mailDue(await getDb(), mailer, INSTANCE));
  every('overdue digests', 15_000, async () => sendDigests(await getDb(), mailer, env.consoleUrl));
}
