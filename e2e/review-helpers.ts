import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { E2E, storageStateFor, type E2ERole } from './config';

export const reviewUrl = ({ customerId, documentId }: { customerId: number; documentId: number }) => `/customers/${customerId}/documents/${documentId}`;

/**
 * Presses A until the first audit image has focus: the review screen's keys (and its idle count)
 * start once the page is interactive, which can be well after its HTML shows.
 */
export async function pressAUntilFirstAuditImage(page: Page) {
  await expect(async () => {
    await page.keyboard.press('a');
    await expect(page.getByRole('button', { name: 'Enlarge Audit image 1' })).toBeFocused({ timeout: 500 });
  }).toPass();
}

type Verdict = 'Pass' | 'Fail';

/** Fills the Override form (Pass / Pass and reason code OTHER unless told) with `reason`, without saving. */
export async function fillOverride(
  form: Locator,
  reason: string,
  { conclusion = 'Pass', facialCheck = 'Pass', reasonCode = 'OTHER' }: { conclusion?: Verdict; facialCheck?: Verdict; reasonCode?: string } = {},
) {
  await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: conclusion }).check();
  await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: facialCheck }).check();
  await form.getByLabel('Reason code').selectOption(reasonCode);
  await form.getByLabel('Reason', { exact: true }).fill(reason);
}

export type HeldAction = { url: string; headers: Record<string, string>; body: string };

/**
 * Holds back the page's next server-action POST (it never reaches the server), so that a test
 * can replay it under another session. The returned function waits for it.
 */
export async function holdNextAction(page: Page): Promise<() => Promise<HeldAction>> {
  let held: HeldAction | undefined;
  await page.route('**/*', async (route) => {
    const req = route.request();
    if (req.method() === 'POST' && req.headers()['next-action'] && !held) {
      held = { url: req.url(), headers: req.headers(), body: req.postData() ?? '' };
      await route.abort();
      return;
    }
    await route.continue();
  });
  return async () => {
    await expect.poll(() => held).toBeTruthy();
    return held!;
  };
}

/** Records any script that hostile data manages to run: dialogs and calls to alert & co. */
export async function watchForScripts(page: Page): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      window[name] = (() => {
        w.__xss = true;
        return undefined;
      }) as never;
    }
  });
  return { dialogs };
}

export async function expectNoScriptRan(page: Page, watch: { dialogs: string[] }) {
  expect(watch.dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__xss)).toBeUndefined();
}

/** Every src and href on the page (and in open dialogs): none may carry a script or markup. */
export async function expectNoHostileUrls(page: Page) {
  const urls = await page.evaluate(() =>
    [...document.querySelectorAll('[src], [href], [srcset], [xlink\\:href], [action], [formaction]')].flatMap((el) =>
      ['src', 'href', 'srcset', 'xlink:href', 'action', 'formaction'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== null),
    ),
  );
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    const u = url.trim().toLowerCase();
    expect(u.startsWith('javascript:'), url.slice(0, 80)).toBe(false);
    expect(u.startsWith('data:text'), url.slice(0, 80)).toBe(false);
    expect(u.startsWith('data:image/svg'), url.slice(0, 80)).toBe(false);
    expect(u.startsWith('vbscript:'), url.slice(0, 80)).toBe(false);
  }
}

/** Waits for every evidence <img> to finish and returns their natural widths by slot. */
export async function evidenceImageWidths(page: Page): Promise<Record<string, number>> {
  const images = page.locator('img[data-slot-name]');
  await expect.poll(async () => images.evaluateAll((els) => els.every((el) => (el as HTMLImageElement).complete))).toBe(true);
  return images.evaluateAll((els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-slot-name') ?? '', (el as HTMLImageElement).naturalWidth])));
}

export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(innerWidth).toBe(1280);
  expect(scrollWidth).toBeLessThanOrEqual(1280);
}

/** A fresh browser context signed in as `role` (on the main instance unless told), opened at `path`. */
export async function openAs(browser: Browser, role: E2ERole, path: string, baseURL: string = E2E.appUrl): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, storageState: storageStateFor(role) })).newPage();
  await page.goto(path);
  return page;
}
