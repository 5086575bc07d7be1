// Called by docs/screenshots.sh. Signs in as the administrator and photographs the main pages.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_DIR);
const base = process.env.BASE_URL, out = process.env.OUT;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const theme of ['light', 'dark']) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  if (theme === 'dark') {
    await context.addCookies([{ name: 'AiPolicyHub.Theme', value: 'dark', url: base }]);
  }
  const page = await context.newPage();
  await page.goto('/account/sign-in');
  if (theme === 'light') await page.screenshot({ path: `${out}/sign-in.png` });
  await page.getByLabel('Email').fill('admin@example.com');
  await page.getByLabel('Password').fill('screenshots password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
  const shots = [
    ['workflows', '/workflows'],
    ['workflow-edit', '/workflows/3'],
    ['tools', '/tools'],
    ['tool-edit', '/tools/2'],
    ['audit', '/audit'],
    ['findings', '/findings'],
    ['check', '/check?tool=1&task=AnsweringCustomers&level=3&data=1&audience=CustomerFacing'],
    ['directory', '/tools/directory'],
    ['dashboard', '/'],
    ['rules', '/admin/rules'],
  ];
  for (const [name, path] of shots) {
    await page.goto(path);
    await page.locator("[data-interactive='true']").waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(700);
    await page.screenshot({ path: `${out}/${name}-${theme}.png`, fullPage: name.endsWith('edit') });
  }
  // The same person on a phone: the dashboard and the checker at 390 × 844.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, path] of [['dashboard-phone', '/'], ['check-phone', '/check']]) {
    await page.goto(path);
    await page.locator("[data-interactive='true']").waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(700);
    await page.screenshot({ path: `${out}/${name}-${theme}.png` });
  }
  await context.close();
}
await browser.close();
console.log(`Screenshots written to ${out}`);
