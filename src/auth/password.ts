// Staff passwords: argon2id (memory-hard), parameters of OWASP's recommendation (19 MiB, 2 passes).
// Policy (CNIL, délibération 2022-100, case n°1): at least 12 characters mixing upper case, lower case,
// digits and special characters. The lockout of failed attempts is in login-attempts.ts.
import { hash, verify, Algorithm } from '@node-rs/argon2';

const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** French message when the password does not follow the policy, null when it does. */
export function passwordPolicyError(password: string): string | null {
  const missing: string[] = [];
  if (!/[a-z]/.test(password)) missing.push('une minuscule');
  if (!/[A-Z]/.test(password)) missing.push('une majuscule');
  if (!/[0-9]/.test(password)) missing.push('un chiffre');
  if (!/[^A-Za-z0-9]/.test(password)) missing.push('un caractère spécial');
  if (password.length < 12 || missing.length) {
    return `Le mot de passe doit comporter au moins 12 caractères, dont une minuscule, une majuscule, un chiffre et un caractère spécial${missing.length ? ` (manque : ${missing.join(', ')})` : ''}.`;
  }
  return null;
}

/** A random password that follows the policy (demo accounts, administrator resets). */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@'];
  const all = sets.join('');
  const pick = (s: string) => s[crypto.getRandomValues(new Uint32Array(1))[0] % s.length];
  const chars = [...sets.map(pick), ...Array.from({ length: 12 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
