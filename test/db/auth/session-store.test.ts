// The session row is rewritten only when its expiry would move by more than a minute (issue 14 §5):
// every GET of a logged-in agent rewrote it, a write per page at national volume.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type session from 'express-session';
import { DatabaseSessionStore, TOUCH_STEP_MS } from '../../../src/auth/session-store.js';
import { Session } from '../../../src/entities/session.entity.js';
import { loginAs, startTestServer, type TestServer } from '../../support/http.js';
import { sqlOf } from '../../support/sql.js';

const IDLE_MS = 30 * 60_000;

describe('session store', () => {
  let server: TestServer;
  let store: DatabaseSessionStore;
  beforeAll(async () => {
    server = await startTestServer();
    store = new DatabaseSessionStore(server.dataSource, IDLE_MS);
  });
  afterAll(async () => { await server.close(); });

  const call = (run: (done: (err?: unknown) => void) => void) => new Promise<void>((resolve, reject) => run((err) => (err ? reject(err) : resolve())));
  const load = (sid: string) => new Promise<session.Session & session.SessionData>((resolve, reject) =>
    store.load(sid, (err, loaded) => (err || !loaded ? reject(err ?? new Error('absente')) : resolve(loaded as session.Session & session.SessionData))));
  const storedExpiry = async (sid: string) => (await server.dataSource.getRepository(Session).findOneByOrFail({ id: sid })).expiresAt.getTime();

  it('touches the row only when the expiry moves by more than a minute', async () => {
    const expires = new Date(Date.now() + IDLE_MS);
    expires.setMilliseconds(0);
    await call((done) => store.set('s1', { cookie: { expires, originalMaxAge: IDLE_MS } } as session.SessionData, done));
    const loaded = await load('s1');
    loaded.cookie.expires = new Date(expires.getTime() + TOUCH_STEP_MS - 1000);
    const quiet = await sqlOf(server.dataSource, () => call((done) => store.touch('s1', loaded, done)));
    expect(quiet).toEqual([]);
    expect(await storedExpiry('s1')).toBe(expires.getTime());

    loaded.cookie.expires = new Date(expires.getTime() + TOUCH_STEP_MS + 1000);
    await call((done) => store.touch('s1', loaded, done));
    expect(await storedExpiry('s1')).toBe(expires.getTime() + TOUCH_STEP_MS + 1000);
    // The same request touched again: compared with what it wrote.
    loaded.cookie.expires = new Date(expires.getTime() + TOUCH_STEP_MS + 2000);
    expect(await sqlOf(server.dataSource, () => call((done) => store.touch('s1', loaded, done)))).toEqual([]);
  });

  it('a session loaded by another instance, or never loaded, is touched', async () => {
    const expires = new Date(Date.now() + IDLE_MS);
    expires.setMilliseconds(0);
    await call((done) => store.set('s2', { cookie: { expires, originalMaxAge: IDLE_MS } } as session.SessionData, done));
    const later = new Date(expires.getTime() + 1000);
    await call((done) => store.touch('s2', { cookie: { expires: later, originalMaxAge: IDLE_MS } } as session.SessionData, done));
    expect(await storedExpiry('s2')).toBe(later.getTime());
  });

  it('pages read one after the other by a logged-in agent do not rewrite the session row', async () => {
    const agent = await loginAs(server.app, 'consultation');
    await agent.get('/admin/api/dashboard').expect(200);
    const sql = await sqlOf(server.dataSource, async () => {
      for (let i = 0; i < 3; i++) await agent.get('/admin/api/resources/Partner/actions/list').expect(200);
    });
    expect(sql.some((q) => /FROM [`"]session[`"]/.test(q))).toBe(true);
    expect(sql.filter((q) => /^(UPDATE|INSERT)\b.*[`"]session[`"]/i.test(q))).toEqual([]);
  });
});
