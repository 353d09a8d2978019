// express-session store over the `session` table (SQLite or MySQL): sessions survive a restart and
// are shared by several instances. Expiry is the cookie's expiry, refreshed on every request (rolling).
import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';
import { Session } from '../entities/session.entity.js';

type Callback = (err?: unknown) => void;

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
      .then((row) => callback(null, row && row.expiresAt.getTime() > Date.now() ? JSON.parse(row.data) : null))
      .catch((err) => callback(err));
  }

  set(sid: string, data: session.SessionData, callback?: Callback): void {
    const staffUserId = (data as { adminUser?: { id?: number } }).adminUser?.id ?? null;
    this.dataSource.getRepository(Session)
      .upsert({ id: sid, expiresAt: this.expiry(data), staffUserId, data: JSON.stringify(data) }, ['id'])
      .then(() => callback?.())
      .catch((err) => callback?.(err));
  }

  touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.dataSource.getRepository(Session).update({ id: sid }, { expiresAt: this.expiry(data) })
      .then(() => callback?.())
      .catch((err) => callback?.(err));
  }

  destroy(sid: string, callback?: Callback): void {
    this.dataSource.getRepository(Session).delete({ id: sid })
      .then(() => callback?.())
      .catch((err) => callback?.(err));
  }

  /** Deletes expired rows; run by the scheduler. */
  async pruneExpired(now = new Date()): Promise<number> {
    const result = await this.dataSource.getRepository(Session).delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }

  /** Ends every session of a staff member (deactivation, password reset). */
  async destroyForStaffUser(staffUserId: number): Promise<void> {
    await this.dataSource.getRepository(Session).delete({ staffUserId });
  }
}
