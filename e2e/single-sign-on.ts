import { expect, type Page } from '@playwright/test';
import { E2E } from './config';

/** The `acr` the test provider names for a login `acr:<email>` (e2e/identity-provider.ts). */
export const E2E_ACR = 'urn:e2e:two-factors';

/** Through the real provider's own login and consent pages, and back (to the page's base URL). */
export async function singleSignOn(page: Page, login: string) {
  await page.goto('/sign-in?callbackUrl=%2Fcustomers');
  await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E.oidc.issuer}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password: the test provider accepts all');
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent the first time this client is used.
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) await consent.click();
}
