import { createServer, type Server } from 'node:http';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { auditEvents, lastAuditSeq, untouchedQueuedDocuments } from './audit-db';
import { E2E, storageStateFor } from './config';
import { fillOverride, reviewUrl } from './review-helpers';
import { builtActions, postAction } from './security-support';

// SPEC §15: signed webhooks, delivered once per event by whichever of the suite's three
// instances (one database) claims it. The receiver verifies each signature with the Standard
// Webhooks library, as a customer's would.

test.describe.configure({ mode: 'serial' });

type Received = { id: string; type: string; data: Record<string, unknown>; body: string };

const receiver = { secret: '', script: [] as number[], received: [] as Received[], refused: 0 };
let server: Server;
const receiverUrl = `http://127.0.0.1:${E2E.webhookReceiverPort}/hooks`;

test.beforeAll(async () => {
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
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function openAs(browser: Browser, role: 'reviewer' | 'admin', path: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor(role) })).newPage();
  await page.goto(path);
  return page;
}

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
  await bulk.getByLabel('Assign to').selectOption({ label: `${E2E.users.reviewer.name} (reviewer)` });
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
  expect(ofDocument(assigned!.documentId)[0]!.data.assigneeEmail).toBe(E2E.users.reviewer.email);

  // Three instances poll the one outbox every second: still one delivery of each event.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const ids = receiver.received.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(receiver.refused).toBe(0);
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
