// An agent's open sessions (« Mes sessions ») and the rules that end one before its idle expiry: the
// absolute lifetime counted from the login, and the agent ending one of their own. A session is a row
// of the `session` table (express-session's data as JSON); what the list shows is kept there at login.
import { createHash } from 'node:crypto';
import { MoreThan, type DataSource } from 'typeorm';
import { Session } from '../../entities/session.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import type { StaffResult } from './staff-accounts.js';

/** Kept in the session data at login: when, from where, with which browser. */
export interface SessionLogin {
  at: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** The instant a session ends whatever its activity; null when its login time is unknown. */
export function sessionDeadline(login: SessionLogin | undefined, maxHours: number): Date | null {
  const at = login ? Date.parse(login.at) : Number.NaN;
  return Number.isNaN(at) ? null : new Date(at + maxHours * 3_600_000);
}

/** A session without a login time (opened before this rule existed) cannot prove its age: it is over. */
export function isPastLifetime(login: SessionLogin | undefined, now: Date, maxHours: number): boolean {
  const deadline = sessionDeadline(login, maxHours);
  return !deadline || deadline.getTime() <= now.getTime();
}

/**
 * Names a session in pages and forms. The session id is what the cookie carries: it is never written
 * into a page, a digest of it is (enough to pick one of one's own sessions, useless to anyone else).
 */
export const sessionHandle = (sessionId: string): string => createHash('sha256').update(sessionId).digest('hex').slice(0, 32);

export interface OpenSession {
  handle: string;
  current: boolean;
  openedAt: Date | null;
  lastActivityAt: Date;
  /** The earlier of the idle expiry and the end of the absolute lifetime. */
  endsAt: Date;
  ip: string | null;
  userAgent: string | null;
}

function loginOf(row: Session): SessionLogin | undefined {
  try {
    return (JSON.parse(row.data) as { login?: SessionLogin }).login;
  } catch {
    return undefined;
  }
}

/** The agent's sessions still open at `now`, this one first, then the most recently used. */
export async function listOwnSessions(
  dataSource: DataSource, staffUserId: number, currentSessionId: string, limits: SessionLimits, now: Date,
): Promise<OpenSession[]> {
  const rows = await dataSource.getRepository(Session).findBy({ staffUserId, expiresAt: MoreThan(now) });
  const sessions: OpenSession[] = [];
  for (const row of rows) {
    const login = loginOf(row);
    const deadline = sessionDeadline(login, limits.maxHours);
    // Past its lifetime, a session is refused at its next request: it is no longer open.
    if (!deadline || deadline.getTime() <= now.getTime()) continue;
    sessions.push({
      handle: sessionHandle(row.id),
      current: row.id === currentSessionId,
      openedAt: new Date(login!.at),
      // Every request pushes the idle expiry forward (rolling cookie): the last one was idle minutes before it.
      lastActivityAt: new Date(row.expiresAt.getTime() - limits.idleMinutes * 60_000),
      endsAt: deadline < row.expiresAt ? deadline : row.expiresAt,
      ip: login!.ip,
      userAgent: login!.userAgent,
    });
  }
  return sessions.sort((a, b) => Number(b.current) - Number(a.current) || b.lastActivityAt.getTime() - a.lastActivityAt.getTime());
}

/** « Terminer » : the agent ends one of their other sessions (the current one ends by logging out). */
export async function endOwnSession(
  dataSource: DataSource, actor: Actor, staffUserId: number, handle: unknown, currentSessionId: string,
): Promise<StaffResult<null>> {
  const refused = { ok: false as const, errors: [{ field: 'session', message: "Cette session n'existe pas ou n'est plus ouverte." }] };
  if (typeof handle !== 'string' || !/^[0-9a-f]{32}$/.test(handle)) return refused;
  if (handle === sessionHandle(currentSessionId)) {
    return { ok: false, errors: [{ field: 'session', message: 'Pour terminer cette session-ci, utilisez « Se déconnecter ».' }] };
  }
  return dataSource.transaction(async (manager) => {
    // Only the agent's own rows are searched: another agent's session cannot be named, let alone ended.
    const rows = await manager.findBy(Session, { staffUserId });
    const row = rows.find((r) => sessionHandle(r.id) === handle);
    if (!row) return refused;
    const { affected } = await manager.delete(Session, { id: row.id, staffUserId });
    if (!affected) return refused;
    const login = loginOf(row);
    await recordAudit(manager, actor, {
      action: 'staff.session-end', entityType: 'StaffUser', entityId: staffUserId,
      details: { openedAt: login?.at ?? null, ip: login?.ip ?? null, userAgent: login?.userAgent ?? null },
    });
    return { ok: true, value: null };
  });
}

/** Ends a session past its absolute lifetime; journaled once even if two requests of it arrive together. */
export async function endSessionPastLifetime(
  dataSource: DataSource, actor: Actor, sessionId: string, login: SessionLogin | undefined, maxHours: number,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const { affected } = await manager.delete(Session, { id: sessionId });
    if (!affected) return;
    await recordAudit(manager, actor, {
      action: 'session.lifetime-end', entityType: 'StaffUser', entityId: actor.staffUserId ?? undefined,
      reason: login ? `plus de ${maxHours} h depuis la connexion` : 'heure de connexion inconnue',
      details: { openedAt: login?.at ?? null },
    });
  });
}
