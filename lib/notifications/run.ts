import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db';
import type { Env } from '@/lib/env';
import { every } from '@/lib/background';
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
