import { expect, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { storageStateFor } from './config';
import { sandbox } from './sandbox-control';

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
  "'><img src=x onerror=window.__pwned=4>",
  '</script><script>window.__pwned=5</script>',
  'javascript:window.__pwned=6',
  '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
  '<a href="javascript:window.__pwned=8">open</a>',
  '<details open ontoggle="window.__pwned=9">',
  '<body onload="window.__pwned=10">',
  '<input autofocus onfocus="window.__pwned=11">',
  '<math><mi xlink:href="javascript:window.__pwned=12">x</mi></math>',
  '<object data="javascript:window.__pwned=13"></object>',
  '<embed src="javascript:window.__pwned=14">',
  '<base href="javascript:window.__pwned=15//">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=16">',
  '<style>*{background:url("javascript:window.__pwned=17")}</style>',
  "{{constructor.constructor('window.__pwned=18')()}}",
  '${window.__pwned=19}',
  '"}]</script><script>window.__pwned=20</script>',
  '\u2028\u2029<script>window.__pwned=21</script>',
  '<svg><script>window.__pwned=22</script></svg>',
  '<img src="x" onerror="alert(23)">',
  '<video><source onerror="window.__pwned=24"></video>',
  '<marquee onstart="window.__pwned=25">',
  '<form action="javascript:window.__pwned=26"><button>go</button></form>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=27>">',
  '<template><img src=x onerror=window.__pwned=28></template>',
  '<div onmouseover="window.__pwned=29" style="position:fixed;inset:0">',
  `data:text/html;base64,${Buffer.from('<script>window.__pwned=30</script>').toString('base64')}`,
  "<img src=x:x onerror=eval(atob('d2luZG93Ll9fcHduZWQ9MzE='))>",
  '%3Cscript%3Ewindow.__pwned=32%3C/script%3E',
  '<svg/onload=window.__pwned=33>',
  '&lt;img src=x onerror=window.__pwned=34&gt;',
  '<link rel=stylesheet href="javascript:window.__pwned=35">',
  'confirm(36)//<script>confirm(36)</script>',
];

const HOSTILE_IMAGES = [
  'javascript:window.__pwned=40',
  `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=41"><script>window.__pwned=41</script></svg>').toString('base64')}`,
  'data:text/html,<script>window.__pwned=42</script>',
  '"><img src=x onerror=window.__pwned=43>',
];

test.describe('hostile data from Artemis', () => {
  test.use({ storageState: storageStateFor('admin') });
  test.afterEach(async () => {
    await sandbox.reset();
  });

  test('none of 40 hostile strings in names, numbers, reasons and images executes or trips the CSP', async ({ page }) => {
    test.setTimeout(120_000);
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
    const cases = Object.values(SEED_CASES)
      .filter((c, i, all) => all.findIndex((o) => o.customerId === c.customerId) === i)
      .slice(0, 12);
    for (const [i, { customerId: cid, documentId: did }] of cases.entries()) {
      const [name, reference, number] = [HOSTILE[i * 3]!, HOSTILE[i * 3 + 1]!, HOSTILE[i * 3 + 2] ?? HOSTILE[i]!];
      await sandbox.patchCustomer(cid, {
        particular: { name, nationality: '<b>SG</b>', dateOfBirth: HOSTILE[(i + 5) % HOSTILE.length] },
        referenceId: reference,
      });
      const image = HOSTILE_IMAGES[i % HOSTILE_IMAGES.length]!;
      await sandbox.patchDocument(cid, did, { number, type: HOSTILE[(i + 7) % HOSTILE.length], frontName: HOSTILE[(i + 9) % HOSTILE.length], front: image });
      await sandbox.touch(cid, did, {
        mergeLiveness: {
          referenceImage: image,
          auditImages: JSON.stringify(HOSTILE_IMAGES),
          reason: HOSTILE[(i + 11) % HOSTILE.length],
          ...(i % 4 === 3 ? { liivenessConfidence: HOSTILE[i] } : {}),
        },
      });
    }

    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });

    const visited: string[] = ['/customers'];
    for (const { customerId: cid, documentId: did } of cases) visited.push(`/customers/${cid}`, `/customers/${cid}/documents/${did}`);
    for (const url of visited) {
      await page.goto(url);
      await page.mouse.move(200, 200);
      await page.mouse.move(400, 400);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
      }));
      expect(state, url).toEqual({ pwned: null, violations: [] });
    }
    // The strings did reach the pages, as text.
    await page.goto(`/customers/${cases[0]!.customerId}`);
    await expect(page.getByText(HOSTILE[0]!).first()).toBeVisible();
    expect(dialogs).toEqual([]);
  });
});
