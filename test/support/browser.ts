// A real browser on the real server: Debian's Chromium driven by playwright-core, the test server
// listening on a free port, and pages logged in through the login form. Without Chromium the browser
// tests are skipped with a message (CI installs it).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { StaffRole } from '../../src/policies/roles.js';
import { emailOf, startTestServer, TEST_PASSWORD, type TestServer } from './http.js';

const CHROMIUM = '/usr/bin/chromium';
export const describeBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`Test navigateur ignoré : ${CHROMIUM} absent (apt-get install chromium).`);

export interface BrowserSession {
  readonly server: TestServer;
  readonly baseUrl: string;
  /** A new page, not logged in. */
  newPage(): Promise<Page>;
  /** A new page, logged in as the test account of the role. */
  loggedIn(role: StaffRole): Promise<Page>;
}

/** Starts the server and the browser before the file's tests, stops them after. */
export function withBrowser(options: Parameters<typeof startTestServer>[0] = {}): BrowserSession {
  let http: Server;
  let browser: Browser;
  const session = {
    newPage: () => browser.newPage(),
    loggedIn: async (role: StaffRole) => {
      const page = await browser.newPage();
      await page.goto(`${session.baseUrl}/admin/login`);
      await page.fill('input[name="email"]', emailOf(role));
      await page.fill('input[name="password"]', TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${session.baseUrl}/admin`);
      return page;
    },
  } as { -readonly [K in keyof BrowserSession]: BrowserSession[K] };
  beforeAll(async () => {
    session.server = await startTestServer(options);
    http = session.server.app.listen(0);
    session.baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    http?.close();
    await session.server?.close();
  });
  return session;
}
