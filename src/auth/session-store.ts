// express-session store over the `session` table (SQLite or MySQL): sessions survive a restart and
// are shared by several instances. Expiry is the cookie's expiry, refreshed on every request (rolling),
// but the row is rewritten only when its expiry would move by more than a minute (issue 14 §5: every
// GET rewrote it); the idle expiry is then exact to the minute.
import type { Request } from 'express';
import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';
import { Session } from '../entities/session.entity.js';

type Callback = (err?: unknown) => void;

/** Below this move of its expiry, a session row is not touched. */
export const TOUCH_STEP_MS = 60_000;
/** The expiry the row had when this request loaded it: not serialised, not part of the change check. */
const STORED_EXPIRY = Symbol('storedExpiry');
type Loaded = session.SessionData & { [STORED_EXPIRY]?: number };

/** Deletes the expired session rows (run by the daily purge job). */
export async function pruneExpiredSessions(dataSource: DataSource, now: Date): Promise<number> {
  const result = await dataSource.getRepository(Session).delete({ expiresAt: LessThan(now) });
  return result.affected ?? 0;
}

export class DatabaseSessionStore extends session.Store {
  constructor(private readonly dataSource: DataSource, private readonly idleMs: number) {
    super();
  }

  private expiry(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.idleMs);
  }

  get(sid: string, callback: (err: unknown, data?: session.SessionData | null) => void): void {
    this.dataSource.getRepository(Session).findOneBy({ id: sid })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return callback(null, null);
        const data = JSON.parse(row.data) as Loaded;
        data[STORED_EXPIRY] = row.expiresAt.getTime();
        callback(null, data);
      })
      .catch((err) => callback(err));
  }

  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const stored = (data as Loaded)[STORED_EXPIRY];
    const created = super.createSession(req, data);
    Object.defineProperty(created, STORED_EXPIRY, { value: stored, enumerable: false, writable: true });
    return created;
  }

  set(sid: string, data: session.SessionData, callback?: Callback): void {
    const staffUserId = (data as { adminUser?: { id?: number } }).adminUser?.id ?? null;
    this.dataSource.getRepository(Session)
      .upsert({ id: sid, expiresAt: this.expiry(data), staffUserId, data: JSON.stringify(data) }, ['id'])
      .then(() => callback?.())
      .catch((err) => callback?.(err));
  }

  touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const expiresAt = this.expiry(data);
    const stored = (data as Loaded)[STORED_EXPIRY];
    if (stored !== undefined && Math.abs(expiresAt.getTime() - stored) <= TOUCH_STEP_MS) {
      callback?.();
      return;
    }
    this.dataSource.getRepository(Session).update({ id: sid }, { expiresAt })
      .then(() => {
        (data as Loaded)[STORED_EXPIRY] = expiresAt.getTime();
        callback?.();
      })
      .catch((err) => callback?.(err));
  }

  destroy(sid: string, callback?: Callback): void {
    this.dataSource.getRepository(Session).delete({ id: sid })
      .then(() => callback?.())
      .catch((err) => callback?.(err));
  }

  /** Ends every session of a staff member (deactivation, password reset). */
  async destroyForStaffUser(staffUserId: number): Promise<void> {
    await this.dataSource.getRepository(Session).delete({ staffUserId });
  }
}
