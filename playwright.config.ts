import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E, serverLogFile } from './e2e/config';

// E2E_REUSE_BUILD=1 serves the build already in .next: CI builds once for both database passes,
// and nothing in the build depends on the database.
const build = process.env.E2E_REUSE_BUILD === '1' && existsSync('.next/BUILD_ID') ? 'true' : 'npm run build';

// Debian's Chromium where installed (CI, this machine); Playwright's own browser elsewhere.
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

// The PostgreSQL pass repeats the journeys that store something; these judge what a page looks
// like (layout, accessibility, hostile text, headers) and read storage as any journey does.
const RENDERING_ONLY = ['accessibility', 'review-layout', 'review-screen', 'security-hostile', 'security-headers', 'unreadable-records'];

export default defineConfig({
  testDir: './e2e',
  testIgnore: E2E.databaseUrl ? RENDERING_ONLY.map((name) => `**/${name}.spec.ts`) : undefined,
  fullyParallel: false,
  // One worker: the tests share one sandbox whose state they inspect.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: E2E.appUrl,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } }, dependencies: ['setup'] },
  ],
  webServer: [
    {
      command: 'npx tsx e2e/sandbox-with-idp.ts',
      url: `${E2E.sandboxUrl}/__sandbox/stats`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The output is also kept in a file: the security suite scans it for secrets.
      command: `rm -rf ${E2E.dataDir} && mkdir -p ${E2E.dataDir} && ${E2E.databaseUrl ? 'npx tsx scripts/db-reset.ts && ' : ''}(${build} && (node node_modules/next/dist/bin/next start -p ${E2E.appPort} & FOUR_EYES=risky TRUSTED_PROXY_HOPS=1 node node_modules/next/dist/bin/next start -p ${E2E.fourEyesPort} & MFA_REQUIRED=all STEP_UP_MINUTES=15 FOUR_EYES=risky EVIDENCE_DOCUMENTS_PER_10_MINUTES=4 node node_modules/next/dist/bin/next start -p ${E2E.mfaPort} & wait)) 2>&1 | tee ${serverLogFile}`,
      url: `${E2E.appUrl}/sign-in`,
      reuseExistingServer: false,
      timeout: 240_000,
      env: E2E.appEnv,
      stdout: 'pipe',
    },
    // Started by the command above; these entries only wait for them to answer.
    ...[E2E.fourEyesUrl, E2E.mfaUrl].map((origin) => ({
      command: 'node -e "setInterval(() => {}, 1 << 30)"',
      url: `${origin}/sign-in`,
      reuseExistingServer: true,
      timeout: 240_000,
    })),
  ],
});
