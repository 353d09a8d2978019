// The browser as the attacker and as the closed intranet sees the back-office: a crafted link cannot run
// a script (redirectUrl filtered, CSP without 'unsafe-inline'), and a page load asks nothing of any
// other origin (fonts served by the product).
import { expect, it } from '@jest/globals';
import { describeBrowser, withBrowser } from '../support/browser.js';

describeBrowser('closed network and crafted links', () => {
  const session = withBrowser({ demoData: true });

  it('« Créer » with ?redirectUrl=javascript:… then « Annuler » opens no dialog', async () => {
    const page = await session.loggedIn('administrateur');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await page.goto(`${session.baseUrl}/admin/resources/Partner/actions/new?redirectUrl=javascript:alert(document.domain)`);
    await page.waitForLoadState('networkidle');
    expect(page.url()).not.toContain('javascript');
    const cancel = page.getByRole('button', { name: /Annuler/ });
    if (await cancel.count()) await cancel.first().click();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    // Even if a script were injected in the page, the CSP would not run it.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.appendChild(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
  });

  it('a day of pages makes no request outside the back-office, and runs without CSP violations', async () => {
    const page = await session.loggedIn('administrateur');
    const outside: string[] = [];
    const violations: string[] = [];
    page.on('request', (req) => { if (!req.url().startsWith(session.baseUrl) && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) outside.push(req.url()); });
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
    for (const url of ['/admin', '/admin/resources/Convention', '/admin/resources/AccessRequest', '/admin/resources/Partner/actions/new', '/admin/resources/AuditEvent']) {
      await page.goto(`${session.baseUrl}${url}`);
      await page.waitForLoadState('networkidle');
      await page.locator('section').first().waitFor();
    }
    const login = await session.newPage();
    login.on('request', (req) => { if (!req.url().startsWith(session.baseUrl)) outside.push(req.url()); });
    await login.goto(`${session.baseUrl}/admin/login`);
    await login.getByRole('button', { name: 'Se connecter' }).waitFor();
    await login.evaluate(() => document.fonts.ready);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    // The font really is the product's Roboto.
    const family = await page.evaluate(() => getComputedStyle(document.querySelector('section')!).fontFamily);
    expect(family).toContain('Roboto');
    const loaded = await page.evaluate(async () => { await document.fonts.ready; const loadedFamilies: string[] = []; document.fonts.forEach((f) => { if (f.status === 'loaded') loadedFamilies.push(f.family); }); return loadedFamilies; });
    expect(loaded.join(',')).toContain('Roboto');
  });
});
