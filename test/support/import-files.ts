// Spreadsheets as a Caf's staff keep them, for the import tests: an XLSX written by exceljs with the
// dates as Excel serial numbers (what a sheet holds under its « date » format), and a CSV saved by
// Excel on a French Windows (Windows-1252, « ; »).
import ExcelJS from 'exceljs';
import { validSiret } from './factories.js';

export type Sheet = { headers: string[]; rows: Array<Array<string | number | Date | null>> };

/** Excel's serial number of a day (days since 1899-12-30). */
export function excelSerial(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
}

export async function workbookOf(sheets: Record<string, Sheet>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, sheet] of Object.entries(sheets)) {
    const ws = workbook.addWorksheet(name);
    ws.addRow(sheet.headers);
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// Windows-1252 is Latin-1 except 0x80–0x9F, where it puts the typographic signs.
const CP1252: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Œ': 0x8c };

export function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => {
    if (CP1252[c] !== undefined) return CP1252[c];
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error(`« ${c} » n'existe pas en Windows-1252`);
    return code;
  }));
}

export function csvOf(sheet: Sheet, separator = ';'): string {
  return [sheet.headers, ...sheet.rows].map((r) => r.map((v) => (v === null ? '' : String(v))).join(separator)).join('\r\n') + '\r\n';
}

/**
 * A small Caf: two partners (typed with labels and spaced SIRETs), a convention signed in 2016 whose
 * number is kept, an ended one, a responsable, and habilitations with their identifiers.
 */
export function cafSpreadsheet() {
  const sirets = [validSiret(), validSiret()];
  const spaced = (s: string) => `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
  const sheets: Record<string, Sheet> = {
    Partenaires: {
      headers: ['Raison sociale', 'Type', 'Numéro Siret', 'Adresse', 'Code postal', 'Ville', 'Civilité du représentant', 'Nom du représentant', 'Qualité du représentant', 'Courriel'],
      rows: [
        ['Les Résidences Yvelines', 'Bailleur social', spaced(sirets[0]), '2 rue Gâteau', '78000', 'Versailles', 'Madame', 'Anne RICHARD', 'Directrice générale', 'contact@residences-yvelines.fr'],
        ['CCAS de Poissy', 'CCAS / CIAS', sirets[1], 'Place de la République', '78300', 'Poissy', 'M.', 'Karl OLIVE', 'Président', null],
      ],
    },
    Conventions: {
      headers: ['N° de convention', 'SIRET du partenaire', 'Statut', 'Civilité du signataire', 'Nom du signataire', 'Qualité du signataire', 'Date de signature de la Caf', 'Date de fin', "Plafond d'habilitations"],
      rows: [
        ['78/2016/0042AS - T2', sirets[0], 'Signée', 'Madame', 'Anne RICHARD', 'Directrice générale', excelSerial('2016-03-15'), null, 5],
        ['78/2017/0007AS – T1', sirets[1], 'Dénoncée', 'Monsieur', 'Karl OLIVE', 'Président', excelSerial('2017-01-10'), excelSerial('2020-01-10'), null],
      ],
    },
    'Responsables habilitations': {
      headers: ['N° de convention', 'Civilité', 'Nom', 'Prénom', 'Téléphone professionnel', 'Courriel', 'Date de désignation'],
      rows: [['78/2016/0042AS – T2', 'Mme', 'DURAND', 'Sophie', '01 39 00 00 01', 's.durand@residences-yvelines.fr', excelSerial('2016-03-20')]],
    },
    Habilitations: {
      headers: ['Identifiant', 'N° de convention', 'Civilité', 'Nom', 'Prénom', 'Courriel', 'Fonction', 'Contrat', "Date d'octroi", 'Fin de contrat', 'Statut', 'Motif', 'Date de révocation'],
      rows: [
        ['CP78-000500', '78/2016/0042AS – T2', 'Madame', 'MARTIN', 'Léa', 'l.martin@residences-yvelines.fr', 'Chargée de clientèle', 'CDI', excelSerial('2016-04-01'), null, 'Active', null, null],
        ['CP78-000501', '78/2016/0042AS – T2', 'Monsieur', 'PETIT', 'Hugo', 'h.petit@residences-yvelines.fr', 'Gardien', 'CDD', excelSerial('2016-05-01'), excelSerial('2030-06-30'), 'Active', null, null],
        ['CP78-000320', '78/2017/0007AS – T1', 'Madame', 'ROUX', 'Inès', 'i.roux@ccas-poissy.fr', 'Travailleuse sociale', 'CDI', excelSerial('2017-02-01'), null, 'Révoquée', 'Fin de convention', excelSerial('2020-01-10')],
      ],
    },
  };
  return { sirets, sheets };
}
