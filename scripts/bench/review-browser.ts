// SPEC §10, in a browser: first-load JavaScript, the upstream calls of one override, Lighthouse.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { CHROME_FLAGS, CHROMIUM, record, stats } from './support';

/** What the browser figures need of a review bench: where the app is and a current cookie. */
export type BrowserBench = {
  appUrl: string;
  session: { current(): Promise<string> };
  sandbox: Sandbox;
  trivialPath: string;
  reviewPath: string;
};

/** First-load JS as the browser receives it (compressed), and the calls one override makes. */
export async function browserFigures({ appUrl, session, trivialPath, reviewPath, sandbox }: BrowserBench): Promise<void> {
  const cookie = await session.current();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
  try {
    const [name, value] = cookie.split('=') as [string, string];
    const signedInContext = async () => {
      const context = await browser.newContext();
      await context.addCookies([{ name, value, url: appUrl }]);
      return context;
    };
    // A fresh context per page: nothing cached, as on a reviewer's first visit.
    const jsBytes = async (p: string) => {
      const context = await signedInContext();
      const page = await context.newPage();
      const client = await context.newCDPSession(page);
      await client.send('Network.enable');
      let total = 0;
      const scripts = new Set<string>();
      client.on('Network.responseReceived', (e) => {
        if (e.type === 'Script') scripts.add(e.requestId);
      });
      client.on('Network.loadingFinished', (e) => {
        if (scripts.has(e.requestId)) total += e.encodedDataLength;
      });
      await page.goto(`${appUrl}${p}`, { waitUntil: 'networkidle' });
      await context.close();
      return total / 1024;
    };
    const trivialKb = await jsBytes(trivialPath);
    const reviewKb = await jsBytes(reviewPath);
    record({ name: 'first-load JS, trivial page (compressed)', value: trivialKb, unit: 'kB' });
    record({ name: 'first-load JS, review screen (compressed)', value: reviewKb, unit: 'kB' });
    record({ name: 'first-load JS above the trivial page', value: reviewKb - trivialKb, unit: 'kB', budget: '≤ 60 kB', met: reviewKb - trivialKb <= 60 });

    const page = await (await signedInContext()).newPage();
    await page.goto(`${appUrl}${reviewPath}`);
    const form = page.getByRole('form', { name: 'Override' });
    await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: 'Pass' }).check();
    await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: 'Pass' }).check();
    await form.getByLabel('Reason code').selectOption('FALSE_REJECT');
    await form.getByLabel('Reason', { exact: true }).fill('Benchmark override: counting upstream calls.');
    const read = await stats(sandbox);
    await form.getByRole('button', { name: 'Save override' }).click();
    await page.getByText('Override saved').waitFor();
    // The action's own calls are a read and a PUT; the page refresh after it re-reads the screen.
    const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { method: string; path: string }[];
    const puts = log.filter((r) => r.method === 'PUT').length;
    const all = (await read()).apiRequests;
    record({ name: 'upstream PUTs per override', value: puts, unit: 'calls', budget: '= 1', met: puts === 1 });
    record({ name: 'upstream calls per override incl. the refreshed view', value: all, unit: 'calls', budget: '= 1 read + 1 PUT + view (2)', met: all <= 4 });
  } finally {
    await browser.close();
  }
}

export async function lighthouse({ appUrl, session }: BrowserBench, screen: string, pagePath: string): Promise<void> {
  const cookie = await session.current();
  if (!CHROMIUM) return;
  let report: { categories: Record<string, { score: number | null }> };
  try {
    // Asynchronously: the sandbox the page reads from answers from this process.
    const { stdout } = await promisify(execFile)(
      'npx',
      [
        'lighthouse',
        `${appUrl}${pagePath}`,
        '--quiet',
        '--output=json',
        // Reviewers work at desktops: desktop screen and throttling.
        '--preset=desktop',
        '--only-categories=accessibility,best-practices,performance',
        `--chrome-flags=--headless=new ${CHROME_FLAGS.join(' ')}`,
        `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
    );
    report = JSON.parse(stdout) as typeof report;
  } catch (error) {
    // Reported, not fatal: the other figures still stand.
    const reason = String((error as { stderr?: unknown }).stderr ?? '').match(/Runtime error encountered: ([^\n]*)/)?.[1] ?? String(error).slice(0, 200);
    console.log(`Lighthouse could not measure the ${screen}: ${reason}`);
    record({ name: `Lighthouse, ${screen} (not measured)`, value: Number.NaN, unit: 'score', budget: 'a11y 100, best practices 100, perf ≥ 95', met: false });
    return;
  }
  const score = (k: string) => Math.round((report.categories[k]?.score ?? 0) * 100);
  record({ name: `Lighthouse accessibility, ${screen}`, value: score('accessibility'), unit: 'score', budget: '= 100', met: score('accessibility') === 100 });
  record({
    name: `Lighthouse best practices, ${screen}`,
    value: score('best-practices'),
    unit: 'score',
    budget: '= 100',
    met: score('best-practices') === 100,
  });
  record({ name: `Lighthouse performance, ${screen}`, value: score('performance'), unit: 'score', budget: '≥ 95', met: score('performance') >= 95 });
}
