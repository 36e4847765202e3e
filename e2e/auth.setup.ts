import { execFileSync } from 'node:child_process';
import { expect, test as setup } from '@playwright/test';
import { E2E, storageStateFor, type E2ERole } from './config';

// Accounts are made the way an operator makes them: with `npm run users`.
setup('create accounts with the users command', () => {
  for (const user of Object.values(E2E.users)) {
    execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', 'add', user.email, '--role', user.role, '--name', user.name], {
      env: { ...process.env, ...E2E.appEnv, NEW_USER_PASSWORD: user.password },
      stdio: 'pipe',
    });
  }
  const list = execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', 'list'], {
    env: { ...process.env, ...E2E.appEnv },
  }).toString();
  for (const user of Object.values(E2E.users)) expect(list).toContain(user.email);
});

// The review queue reads the local index; an operator fills it with `npm run sync`.
setup('fill the document index with the sync command', () => {
  const out = execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/sync.ts', '--restart'], {
    env: { ...process.env, ...E2E.appEnv },
    stdio: 'pipe',
  }).toString();
  expect(out).toMatch(/Sync done: 30 customers, 45 documents/);
});

for (const role of Object.keys(E2E.users) as E2ERole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const user = E2E.users[role];
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
