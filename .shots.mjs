import { chromium } from 'playwright-core';
const base = 'http://localhost:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const [role, ...urls] = process.argv.slice(2);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${base}/admin/login`);
await page.fill('input[name="email"]', `${role}@demo.caf.fr`);
await page.fill('input[name="password"]', 'Demo-2026-pass');
await page.press('input[name="password"]', 'Enter');
await page.waitForURL(`${base}/admin`, { timeout: 60000 });
let i = 0;
for (const url of urls) {
  await page.goto(`${base}${url}`);
  await page.waitForLoadState('networkidle', { timeout: 60000 }).catch(() => {});
  await page.waitForTimeout(1500);
  const file = `/tmp/shots/${role}-${i++}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file, url, (await page.title()));
}
await browser.close();
