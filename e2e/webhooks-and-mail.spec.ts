import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { startMailCatcher, type CaughtMail } from '../sandbox/mail-catcher';
import {
  auditEvents,
  backdateLastDigest,
  lastAuditSeq,
  queuedAtOf,
  releaseAllClaims,
  setQueuedAt,
  untouchedFailedDocuments,
  untouchedQueuedDocuments,
} from './audit-db';
import { E2E } from './config';
import { fillOverride, openAs, reviewUrl } from './review-helpers';
import { builtActions, postAction } from './security-support';

// SPEC §15: signed webhooks and mail, each event delivered once by whichever of the suite's three
// instances (one database) claims it. The receiver verifies each signature with the Standard
// Webhooks library, as a customer's would; mail goes to an SMTP server started here.

test.describe.configure({ mode: 'serial' });

type Received = { id: string; type: string; data: Record<string, unknown>; body: string };

const receiver = { secret: '', script: [] as number[], received: [] as Received[], refused: 0 };
let server: Server;
const mails: CaughtMail[] = [];
let catcher: { close: () => Promise<void> };
const receiverUrl = `http://127.0.0.1:${E2E.webhookReceiverPort}/hooks`;

test.beforeAll(async () => {
  // The suite's last journeys (this file's name sorts last): the documents earlier ones left open are theirs.
  releaseAllClaims();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        const payload = new Webhook(receiver.secret).verify(body, req.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
        receiver.received.push({ id: String(req.headers['webhook-id']), type: payload.type, data: payload.data, body });
        res.writeHead(receiver.script.shift() ?? 200).end();
      } catch {
        receiver.refused += 1;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(E2E.webhookReceiverPort, '127.0.0.1', resolve));
  catcher = await startMailCatcher(E2E.mailCatcherPort, (mail) => mails.push(mail));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await catcher.close();
});

const ofDocument = (documentId: number) => receiver.received.filter((r) => r.data.documentId === documentId);

test('an admin adds an endpoint: private and plain-http receivers are refused, the signing secret is shown once', async ({ browser }) => {
  const since = lastAuditSeq();
  const ada = await openAs(browser, 'admin', '/admin/webhooks');
  await expect(ada.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  const form = ada.getByRole('form', { name: 'Add endpoint' });
  const add = async (url: string) => {
    await form.getByLabel('Endpoint URL').fill(url);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
  };
  await add('https://10.1.2.3/hooks');
  await expect(form.getByText('10.1.2.3 is a private or reserved address')).toBeVisible();
  await add('http://hooks.example.com/liveness');
  await expect(form.getByText('Use https: only receivers named in WEBHOOK_ALLOWED_HOSTS may use http.')).toBeVisible();
  for (const type of ['sla.breached', 'decision.not_applied']) await form.getByRole('checkbox', { name: new RegExp(type.replace('.', '\\.')) }).uncheck();
  await add(receiverUrl);
  await expect(ada.getByTestId('add-endpoint-ok')).toContainText('it is not shown again');
  receiver.secret = (await ada.getByTestId('webhook-secret').textContent())!;
  expect(receiver.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);

  await ada.reload();
  await expect(ada.getByTestId('webhook-secret')).toHaveCount(0);
  const row = ada.getByRole('table', { name: 'Endpoints' }).getByRole('row').filter({ hasText: receiverUrl });
  await expect(row).toContainText('Enabled');
  await expect(row).not.toContainText('sla.breached');
  expect(auditEvents({ since, action: 'webhook.endpoint_added' }).map((e) => e.actor_email)).toEqual([E2E.users.admin.email]);
});

test('an override, an escalation and an assignment arrive signed, in order per document, once each across three instances', async ({ browser }) => {
  const [overridden, escalated, assigned] = untouchedQueuedDocuments();
  expect(assigned).toBeDefined();

  const rita = await openAs(browser, 'reviewer', reviewUrl(overridden!));
  const form = rita.getByRole('form', { name: 'Override' });
  await fillOverride(form, 'The MRZ and the photo match: a genuine passport.', { conclusion: 'Pass', facialCheck: 'Pass' });
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(rita.getByTestId('override-saved')).toBeVisible();

  await rita.goto(reviewUrl(escalated!));
  const escalate = rita.getByRole('form', { name: 'Escalate' });
  await escalate.getByLabel('Reason').fill('The lead should compare the two photos themselves.');
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(rita.getByTestId('escalation')).toBeVisible();

  const ada = await openAs(browser, 'admin', '/?sort=oldest');
  await ada.getByRole('checkbox', { name: `Select document ${assigned!.documentId}` }).check();
  const bulk = ada.getByRole('form', { name: 'Assign selected' });
  // To the second reviewer: the queue's own journeys, as the first, expect no document assigned to them.
  await bulk.getByLabel('Assign to').selectOption({ label: `${E2E.users.reviewer2.name} (reviewer)` });
  await bulk.getByRole('button', { name: 'Assign selected' }).click();
  await expect(ada.getByTestId('bulk-assign-ok')).toBeVisible();

  await expect.poll(() => ofDocument(overridden!.documentId).map((r) => r.type), { timeout: 15_000 }).toEqual(['decision.applied']);
  await expect.poll(() => ofDocument(escalated!.documentId).map((r) => r.type), { timeout: 15_000 }).toEqual(['case.escalated']);
  await expect.poll(() => ofDocument(assigned!.documentId).map((r) => r.type), { timeout: 15_000 }).toEqual(['case.assigned']);

  const [applied] = ofDocument(overridden!.documentId);
  expect(applied!.data).toMatchObject({
    action: 'override.applied',
    actor: { email: E2E.users.reviewer.email, role: 'reviewer' },
    customerId: overridden!.customerId,
    after: { conclusion: true, facialCheck: true },
    reasonCode: 'OTHER',
    url: expect.stringContaining(reviewUrl(overridden!)),
  });
  // Reason texts only to endpoints that opted in; never images.
  expect(receiver.received.map((r) => r.body).join('\n')).not.toMatch(/MRZ and the photo|compare the two photos|image/i);
  expect(ofDocument(assigned!.documentId)[0]!.data.assigneeEmail).toBe(E2E.users.reviewer2.email);

  // Three instances poll the one outbox every second: still one delivery of each event.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const ids = receiver.received.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(receiver.refused).toBe(0);

  // The lead gives the escalated one back: the queue is as the journeys after this one expect it.
  await ada.goto(reviewUrl(escalated!));
  const giveBack = ada.getByRole('form', { name: 'Return to queue' });
  await giveBack.getByLabel('Reason').fill('Compared the photos: the reviewers can decide it.');
  await giveBack.getByRole('button', { name: 'Return to queue' }).click();
  await expect(ada.getByTestId('escalation')).toHaveCount(0);
});

test('a proposal and its approval reach the receiver in order; the other reviewers and admins get one mail, an opted-out person none', async ({ browser }) => {
  const [doc] = untouchedFailedDocuments();
  const sam = await openAs(browser, 'reviewer2', '/account');
  const settings = sam.getByRole('form', { name: 'Notifications' });
  await settings.getByRole('checkbox', { name: 'A proposal waits for my approval' }).uncheck();
  await settings.getByRole('button', { name: 'Save notifications' }).click();
  await expect(sam.getByTestId('notifications-saved')).toBeVisible();
  await sam.reload();
  await expect(settings.getByRole('checkbox', { name: 'A proposal waits for my approval' })).not.toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'A document is assigned to me' })).toBeChecked();

  // On the instance with four eyes on the risky overrides: a fail turned into a pass waits for a second person.
  const rita = await openAs(browser, 'reviewer', reviewUrl(doc!), E2E.fourEyesUrl);
  const form = rita.getByRole('form', { name: 'Override' });
  await fillOverride(form, 'A live person: glare on the screen failed the check.', { conclusion: 'Pass', facialCheck: 'Pass', reasonCode: 'FALSE_REJECT' });
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(rita.getByRole('region', { name: 'Awaiting approval' })).toBeVisible();

  const subject = `Approval waiting: document ${doc!.documentId} of customer ${doc!.customerId}`;
  const proposalMails = () => mails.filter((m) => m.subject === subject);
  await expect.poll(() => proposalMails().flatMap((m) => m.to), { timeout: 15_000 }).toContain(E2E.users.admin.email);
  const mail = proposalMails().find((m) => m.to.includes(E2E.users.admin.email))!;
  expect(mail.link).toBe(`${E2E.appUrl}${reviewUrl(doc!)}`);
  expect(mail.raw).not.toMatch(/glare on the screen|image/i);

  const ada = await openAs(browser, 'admin', reviewUrl(doc!), E2E.fourEyesUrl);
  const panel = ada.getByRole('region', { name: 'Awaiting approval' });
  await panel.getByLabel('Reason for your decision').fill('Checked the audit frames: natural movement.');
  await panel.getByRole('button', { name: 'Approve' }).click();
  await expect(ada.getByTestId('proposal-decided')).toContainText('Approved and applied in Artemis');
  await expect
    .poll(() => ofDocument(doc!.documentId).map((r) => r.type), { timeout: 15_000 })
    .toEqual(['proposal.created', 'proposal.decided', 'decision.applied']);

  // Each person once, however many instances look; the proposer and the opted-out person never.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const recipients = proposalMails().flatMap((m) => m.to);
  expect(new Set(recipients).size).toBe(recipients.length);
  expect(recipients).not.toContain(E2E.users.reviewer.email);
  expect(recipients).not.toContain(E2E.users.reviewer2.email);
  expect(recipients).not.toContain(E2E.users.auditor.email);
});

test('a document past its due time goes out once in the reviewers’ overdue digest', async () => {
  test.setTimeout(90_000);
  const [late] = untouchedQueuedDocuments();
  const entered = queuedAtOf(late!)!;
  // A digest sent to this person earlier in the run (for another journey's document) holds the next for an hour.
  backdateLastDigest(E2E.users.reviewer.email);
  setQueuedAt(late!, new Date(Date.now() - 26 * 3_600_000).toISOString());
  try {
    const link = `${E2E.appUrl}${reviewUrl(late!)}`;
    const digests = () => mails.filter((m) => /overdue documents? in the review queue/.test(m.subject) && m.raw.includes(link));
    await expect.poll(() => digests().flatMap((m) => m.to), { timeout: 60_000, intervals: [2_000] }).toContain(E2E.users.reviewer.email);
    expect(digests().flatMap((m) => m.to)).not.toContain(E2E.users.admin.email);
    expect(auditEvents({ action: 'case.sla_breached' }).filter((e) => e.document_id === late!.documentId)).toHaveLength(1);
    // The endpoint did not ask for sla.breached.
    expect(receiver.received.filter((r) => r.type === 'sla.breached')).toHaveLength(0);
  } finally {
    setQueuedAt(late!, entered);
  }
});

test('a receiver answering 500 twice gets the event a third time with the same webhook-id; the log shows it and resends it', async ({ browser }) => {
  test.setTimeout(90_000);
  receiver.script = [500, 500];
  const ada = await openAs(browser, 'admin', '/admin/webhooks');
  await ada.getByRole('button', { name: `Send test event to ${receiverUrl}` }).click();
  await expect(ada.getByTestId('endpoint-ok')).toContainText('A test event is on its way');
  const tests = () => receiver.received.filter((r) => r.type === 'webhook.test');
  // Retried after about 5 s, then about 10 s.
  await expect.poll(() => tests().length, { timeout: 45_000, intervals: [1_000] }).toBe(3);
  expect(new Set(tests().map((r) => r.id)).size).toBe(1);

  await ada.getByRole('link', { name: receiverUrl }).click();
  const row = ada.getByTestId('delivery-row').filter({ hasText: 'webhook.test' });
  await expect(row).toContainText('Delivered');
  await expect(row.getByRole('cell').nth(3)).toHaveText('3');
  await row.getByRole('button', { name: /^Resend/ }).click();
  await expect(ada.getByTestId('resend-ok')).toBeVisible();
  await expect.poll(() => tests().length, { timeout: 15_000 }).toBe(4);
  expect(new Set(tests().map((r) => r.id)).size).toBe(1);
});

test('only admins reach the webhooks pages and actions: a reviewer’s posts are refused and on the record', async ({ browser }) => {
  const since = lastAuditSeq();
  const rita = await openAs(browser, 'reviewer', '/admin/webhooks');
  await expect(rita.getByRole('heading', { name: 'Webhooks', level: 1 })).toHaveCount(0);
  await expect(rita.getByRole('form', { name: 'Add endpoint' })).toHaveCount(0);
  await expect(rita.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' })).toHaveCount(0);

  const cookies = (await rita.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const post = (name: string, input: unknown) =>
    postAction(
      rita.request,
      builtActions().find((a) => a.name === name)!,
      { Origin: E2E.appUrl, Cookie: cookies },
      JSON.stringify([input]),
    ).then((r) => r.text());
  expect(await post('addEndpointAction', { url: 'https://hooks.example.com/steal', 'decision.applied': 'on' })).toContain(
    'Your role does not allow this action.',
  );
  expect(await post('resendDeliveryAction', { deliveryId: '00000000-0000-4000-8000-000000000000' })).toContain('Your role does not allow this action.');
  const ada = await openAs(browser, 'admin', '/admin/webhooks');
  await expect(ada.getByRole('table', { name: 'Endpoints' }).getByRole('row')).toHaveCount(2);
  expect(auditEvents({ since, action: 'webhook.denied' }).map((e) => e.actor_email)).toEqual([E2E.users.reviewer.email, E2E.users.reviewer.email]);
});
