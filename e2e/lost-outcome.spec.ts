import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { E2E, storageStateFor } from './config';
import { reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';

test.use({ storageState: storageStateFor('reviewer') });

type Doc = { customerId: number; documentId: number };
// How long the dead process's decision lock lives here (a real one lives decisionLockLifetimeMs).
const LOCK_MS = 6_000;

async function lostAttempt(doc: Doc, reason: string) {
  const current = await sandbox.document(doc.customerId, doc.documentId);
  const live = current.liveness as { conclusion?: boolean; facialCheck?: boolean };
  const before = { conclusion: live.conclusion ?? false, facialCheck: live.facialCheck ?? false };
  const after = { conclusion: !before.conclusion, facialCheck: !before.facialCheck };
  // Async: a blocked event loop would keep HTTP keep-alive sockets that the sandbox has closed.
  await promisify(execFile)(
    'npx',
    [
      'tsx',
      '--conditions=react-server',
      'e2e/record-lost-attempt.ts',
      JSON.stringify({ actorEmail: E2E.users.reviewer.email, ...doc, before, after, seenUpdatedAt: current.updatedAt, reason, lockMs: LOCK_MS }),
    ],
    { env: { ...process.env, ...E2E.appEnv } },
  );
  return after;
}

test('an attempt left without an outcome shows as unknown while its lock lives, then is settled from Artemis on the next view', async ({ page }) => {
  test.slow();
  await sandbox.reset();
  const landed = SEED_CASES.occluded;
  const lost = SEED_CASES.uncertain;
  const after = await lostAttempt(landed, 'The PUT reached Artemis, then the process died.');
  await lostAttempt(lost, 'The process died before the PUT was sent.');
  // The first PUT did reach Artemis.
  await sandbox.touch(landed.customerId, landed.documentId, { mergeLiveness: after });

  // The dead process still holds the document's lock: its PUT might be running, nothing is settled.
  await page.goto(reviewUrl(landed));
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByTestId('history-event').first()).toContainText('Outcome unknown');

  await page.waitForTimeout(LOCK_MS + 500);
  await page.reload();
  const settled = history.getByTestId('history-event').first();
  await expect(settled).toContainText('Applied in Artemis');
  await expect(settled).toContainText('Confirmed by reading Artemis back');
  await expect(history).not.toContainText('Outcome unknown');

  await page.goto(reviewUrl(lost));
  await expect(history.getByTestId('history-event').first()).toContainText('Not applied in Artemis');
  await expect(history).not.toContainText('Applied in Artemis');
});
