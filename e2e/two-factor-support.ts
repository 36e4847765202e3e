import { execFileSync } from 'node:child_process';
import { expect, type Browser, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { auditEvents } from './audit-db';
import { E2E } from './config';

// The two-factor journeys' helpers: accounts, codes computed from the secret the set-up page
// shows (with the library the console uses), and the steps of a sign-in.

export const PASSWORD = 'correct horse battery 7';

export function users(...args: string[]): string {
  return execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', ...args], {
    env: { ...process.env, ...E2E.appEnv, NEW_USER_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
}

export function newAccount(label: string, role: 'reviewer' | 'admin' = 'reviewer'): string {
  const email = `${label}.${Date.now()}@example.test`;
  users('add', email, '--role', role, '--name', label);
  return email;
}

/** The code the app shows `steps` periods from now: the console takes each step once. */
export const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

export async function signInWithPassword(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The header's Sign out, which lands on the sign-in page once the session has ended. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export const queue = (page: Page) => expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();

/** The forced set-up, as a person does it: returns the secret and the recovery codes. */
export async function enrol(page: Page, email: string) {
  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/sign-in\/setup/);
  const secret = (await page.getByLabel('Secret key').inputValue()).replace(/\s/g, '');
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await page.getByLabel('Authentication code').fill(codeFor(secret));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await queue(page);
  return { secret, recoveryCodes };
}

export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.mfaUrl });
  return context.newPage();
}

export async function verifyWith(page: Page, email: string, code: string) {
  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

export const eventsOf = (email: string, since: number) => auditEvents({ since }).filter((e) => e.actor_email === email);
