/** Staff roles (DOMAIN.md « Who uses it »), code name → French UI label. */
export const STAFF_ROLES = ['administrateur', 'gestionnaire-conventions', 'gestionnaire-habilitations', 'directeur', 'consultation'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  'administrateur': 'Administrateur',
  'gestionnaire-conventions': 'Gestionnaire conventions',
  'gestionnaire-habilitations': 'Gestionnaire habilitations',
  'directeur': 'Directeur',
  'consultation': 'Consultation',
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}
