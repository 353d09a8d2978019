// The journal (AuditEvent): every login attempt and every decision, written by the use case inside
// its own transaction so that a change and its trace are committed together or not at all.
import type { EntityManager } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import type { StaffRole } from '../../policies/roles.js';

/** Who acts and from where: passed to every use case. */
export interface Actor {
  staffUserId: number | null;
  email: string | null;
  role: StaffRole | null;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: Actor = { staffUserId: null, email: 'système', role: null, ip: null, userAgent: null };

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(manager: EntityManager, actor: Actor, entry: AuditEntry, now = new Date()): Promise<void> {
  await manager.insert(AuditEvent, {
    occurredAt: now,
    action: entry.action,
    actorId: actor.staffUserId,
    actorEmail: actor.email,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    reason: entry.reason ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
    ip: actor.ip?.slice(0, 64) ?? null,
    userAgent: actor.userAgent?.slice(0, 255) ?? null,
    legalHold: false,
  });
}
