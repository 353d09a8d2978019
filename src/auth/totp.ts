// TOTP (RFC 6238: 6 digits, 30 s steps, HMAC-SHA1, what every authenticator app reads from an
// otpauth:// QR code) through otplib, and the single-use recovery codes.
import { createHash, randomInt } from 'node:crypto';
import { authenticator } from 'otplib';

export const TOTP_ISSUER = 'Cafpro';
const STEP_SECONDS = 30;

/** A new secret: 20 random bytes (160 bits, the length RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** What the QR code holds: otpauth://totp/Cafpro:<email>?secret=…&issuer=Cafpro. */
export function otpauthUri(email: string, secret: string): string {
  return authenticator.keyuri(email, TOTP_ISSUER, secret);
}

/** The code as typed: spaces removed (apps show « 123 456 »). */
export function normalizeCode(input: unknown): string {
  return String(input ?? '').replace(/[\s-]/g, '').toUpperCase();
}

export const isTotpCode = (code: string) => /^\d{6}$/.test(code);

/**
 * The time step `code` belongs to: the current one, or the one before or after (a phone's clock may
 * be a few seconds off), or null. The caller accepts each step once (RFC 6238 § 5.2).
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  if (!isTotpCode(code)) return null;
  try {
    const delta = authenticator.clone({ epoch: now.getTime(), window: 1 }).checkDelta(code, secret);
    return delta === null ? null : Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
  } catch {
    return null;
  }
}

// --- Recovery codes ----------------------------------------------------------------------------------
//
// 16 characters from 32 unambiguous ones (no 0/O, no 1/I): 80 random bits, shown as XXXX-XXXX-XXXX-XXXX.
// Stored as their SHA-256: with 80 random bits nobody can find a code from its hash, so a slow hash
// (argon2, needed for passwords people choose) would only cost 8 verifications per attempt; SHA-256
// also lets the database find and consume the code in one conditional UPDATE.

export const RECOVERY_CODE_COUNT = 8;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

export const isRecoveryCode = (code: string) => /^[A-Z2-9]{16}$/.test(code);

/** SHA-256 (hex) of a recovery code as typed or shown (dashes and case do not matter). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}
