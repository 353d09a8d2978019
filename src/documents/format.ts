// French formatting of the values printed in the documents (dates, SIRET, forms of address).
import type { Civility, IsoDate, PartnerRepresentative } from './document-data.js';

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`Date attendue au format AAAA-MM-JJ : « ${date} »`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new Error(`Date invalide : « ${date} »`);
  return [y, mo, d];
}

/** « 23 novembre 2026 », « 1er mars 2027 » (the first day of a month is written « 1er »). */
export function frenchLongDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${d === 1 ? '1er' : String(d)} ${MONTHS[m - 1]} ${y}`;
}

/** « 23/11/2026 » for table cells. */
export function frenchShortDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** True when `date` is a later day than `than` (a letter dated after a deadline speaks of it in the past). */
export function isLaterDay(date: IsoDate, than: IsoDate): boolean {
  parts(date);
  parts(than);
  return date > than; // 'YYYY-MM-DD' strings sort as the days do
}

/** SIRET grouped as printed on the forms: « 214 005 514 00013 » (SIREN + NIC). */
export function formatSiret(siret: string): string {
  const digits = siret.replace(/\D/g, '');
  if (digits.length !== 14) return siret;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
}

const FEMININE_ENDINGS = ['trice', 'ente', 'ante', 'ière', 'euse', 'esse', 'ée'];

function startsWithVowel(word: string): boolean {
  return /^[aeiouyhàâäéèêëîïôöùûü]/i.test(word);
}

function isFeminineTitle(civility: Civility, title: string): boolean {
  if (civility !== 'Madame') return false;
  const first = title.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return FEMININE_ENDINGS.some((end) => first.endsWith(end));
}

/** « le Maire », « la Présidente », « l’Adjointe » (article + title). */
export function titleWithArticle(civility: Civility, title: string): string {
  if (startsWithVowel(title)) return `l’${title}`;
  return `${isFeminineTitle(civility, title) ? 'la' : 'le'} ${title}`;
}

/** « son Maire », « sa Présidente », « son Adjointe » (possessive + title). */
export function titleWithPossessive(civility: Civility, title: string): string {
  if (startsWithVowel(title)) return `son ${title}`;
  return `${isFeminineTitle(civility, title) ? 'sa' : 'son'} ${title}`;
}

/** « Madame le Maire » — the form of address used in the letters (source: cover letter). */
export function salutation(rep: PartnerRepresentative): string {
  return rep.salutation ?? `${rep.civility} ${titleWithArticle(rep.civility, rep.title)}`;
}

/** « Madame Elodie CLAIR » */
export function civilName(civility: Civility | undefined, name: string): string {
  return civility ? `${civility} ${name}` : name;
}

/** « 3 habilitations », « 1 habilitation », « aucune habilitation » */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  if (n === 0) return `aucune ${singular}`;
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The generation instant as a Date (PDF CreationDate). */
export function toDate(value: string | Date): Date {
  const d = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`Horodatage de génération invalide : « ${String(value)} »`);
  return d;
}
