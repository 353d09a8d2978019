import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, CreatedAt, DateTime, Int, UpdatedAt, VarChar } from './columns.js';
import type { StaffRole } from '../policies/roles.js';

/** Agent: a Caf staff member who logs into the back-office. */
@Entity('staff_user')
export class StaffUser extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @VarChar(254) email: string;
  @VarChar(120) name: string;
  @VarChar(32, { default: 'consultation' }) role: StaffRole;
  @Bool(true) active: boolean;
  /** argon2id hash; never shown, never sent. */
  @VarChar(255) passwordHash: string;
  @DateTime({ nullable: true }) passwordChangedAt: Date | null;
  /** Set when someone else chose the password (creation, reset): the agent must choose their own first. */
  @Bool(false) mustChangePassword: boolean;
  /** Consecutive failed logins: drives the growing lockout (kept in the database, see auth). */
  @Int({ default: 0 }) failedAttempts: number;
  @DateTime({ nullable: true }) lockedUntil: Date | null;
  @DateTime({ nullable: true }) lastLoginAt: Date | null;
  /** TOTP secret (base32, RFC 6238) of the second factor, set when enrolment is confirmed; never shown, never sent. */
  @VarChar(64, { nullable: true }) totpSecret: string | null;
  @DateTime({ nullable: true }) totpEnrolledAt: Date | null;
  /** Time step of the last code accepted: a code is accepted once (RFC 6238 § 5.2). */
  @Int({ nullable: true }) totpLastStep: number | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
