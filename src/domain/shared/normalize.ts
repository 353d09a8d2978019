// Comparing persons across paper forms: the same agent may be written « Hélène DUPONT » on the
// demande d'accès and « helene  Dupont » on a later form. DOMAIN.md (AccessRequest): « the person has
// no active habilitation on that convention » — a person is the same nom + prénom + email,
// with accents, case and spacing folded.

/** Trims, collapses inner spaces, lowercases, strips accents (NFD), and unifies ligatures and apostrophes. */
export function foldName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Emails are compared without case or surrounding spaces (the domain part is case-insensitive, and so are mailboxes in practice). */
export function foldEmail(value: string): string {
  return value.trim().toLowerCase();
}

export interface PersonIdentity {
  nom: string;
  prenom: string;
  email: string;
}

/** A stable key for a person, e.g. to index existing habilitations. */
export function personKey(person: PersonIdentity): string {
  return [foldName(person.nom), foldName(person.prenom), foldEmail(person.email)].join('|');
}

export function samePerson(a: PersonIdentity, b: PersonIdentity): boolean {
  return personKey(a) === personKey(b);
}
