// How the import reads what people type in their spreadsheets (issue 12 §2), without a database.
import { describe, expect, it } from '@jest/globals';
import { columnOf, kindOfHeaders, kindOfName } from '../../../../src/domain/import/import-columns.js';
import { decodeCsv, readImportFile } from '../../../../src/domain/import/import-sheets.js';
import { choiceParser, parseImportConventionNumber, parseImportDate, parseImportInteger } from '../../../../src/domain/import/import-values.js';
import { PARTNER_TYPE_LABELS } from '../../../../src/domain/partner/partner.validation.js';
import { csvOf, excelSerial, windows1252, workbookOf } from '../../../support/import-files.js';

describe('import headers', () => {
  it('are matched without regard to case, accents, « N° » or spacing', () => {
    for (const header of ['N° SIRET', 'siret', 'Numéro Siret', '  NUMERO   SIRET ', 'No Siret']) expect(columnOf('partners', header)?.field).toBe('siret');
    expect(columnOf('conventions', 'Numéro de convention')?.field).toBe('number');
    expect(columnOf('conventions', 'SIRET du partenaire')?.field).toBe('siret');
    expect(columnOf('habilitations', "date d'octroi")?.field).toBe('grantedDate');
    expect(columnOf('habilitations', 'PRENOM')?.field).toBe('firstName');
    expect(columnOf('partners', 'Colonne inconnue')).toBeNull();
  });

  it('tell the kind of a sheet from its name, or from its headers', () => {
    expect(kindOfName('Responsables habilitations')).toBe('managers');
    expect(kindOfName('habilitations.csv')).toBe('habilitations');
    expect(kindOfName('PARTENAIRES')).toBe('partners');
    expect(kindOfHeaders(['Identifiant', 'N° de convention', 'Civilité', 'Nom', 'Prénom', 'Courriel', 'Fonction', "Date d'octroi", 'Statut'])).toBe('habilitations');
    expect(kindOfHeaders(['Bonjour'])).toBeNull();
  });
});

describe('import values', () => {
  it('reads dates as dd/mm/yyyy, yyyy-mm-dd, Excel serial numbers and Date cells, and refuses impossible ones', () => {
    expect(parseImportDate('15/03/2016')).toEqual({ ok: true, value: '2016-03-15' });
    expect(parseImportDate('5/3/2016')).toEqual({ ok: true, value: '2016-03-05' });
    expect(parseImportDate('2016-03-15')).toEqual({ ok: true, value: '2016-03-15' });
    expect(parseImportDate(excelSerial('2016-03-15'))).toEqual({ ok: true, value: '2016-03-15' });
    expect(parseImportDate(String(excelSerial('2016-02-29')))).toEqual({ ok: true, value: '2016-02-29' });
    expect(parseImportDate(new Date('2016-03-15T00:00:00Z'))).toEqual({ ok: true, value: '2016-03-15' });
    expect(parseImportDate(null)).toEqual({ ok: true, value: null });
    expect(parseImportDate('31/02/2016')).toMatchObject({ ok: false, message: expect.stringContaining('Date impossible : « 31/02/2016 »') });
    expect(parseImportDate('15/03/16')).toMatchObject({ ok: false });
    expect(parseImportDate('01/01/1990')).toMatchObject({ ok: false, message: expect.stringContaining('antérieure') });
  });

  it('reads convention numbers with « - », « – » or extra spaces, and keeps year and sequence', () => {
    for (const typed of ['78/2016/0042AS – T2', '78/2016/0042AS - T2', ' 78 / 2016 / 0042 AS  –  T2', '78/2016/0042as-t2']) {
      expect(parseImportConventionNumber(typed)).toEqual({ ok: true, value: { department: '78', year: 2016, sequence: 42, suffix: 'AS', profileCode: 'T2', number: '78/2016/0042AS – T2' } });
    }
    expect(parseImportConventionNumber('2016-42')).toMatchObject({ ok: false, message: expect.stringContaining('Numéro de convention illisible') });
  });

  it('reads choices as the labels the back-office shows or as the codes', () => {
    const type = choiceParser(PARTNER_TYPE_LABELS, 'Type inconnu', { CCAS: 'ccas-cias' });
    expect(type('Bailleur social')).toEqual({ ok: true, value: 'bailleur-social' });
    expect(type('CCAS / CIAS')).toEqual({ ok: true, value: 'ccas-cias' });
    expect(type('ccas')).toEqual({ ok: true, value: 'ccas-cias' });
    expect(type('bailleur-social')).toEqual({ ok: true, value: 'bailleur-social' });
    expect(type("ETABLISSEMENT D'ACCUEIL")).toEqual({ ok: true, value: 'etablissement-accueil' });
    expect(type('Syndicat')).toEqual({ ok: false, message: 'Type inconnu (« Syndicat »).' });
    expect(parseImportInteger('1 200', 1, 100_000)).toEqual({ ok: true, value: 1200 });
    expect(parseImportInteger('dix', 1, 100_000)).toMatchObject({ ok: false });
  });
});

describe('import files', () => {
  const sheet = { headers: ['Raison sociale', 'Type', 'N° SIRET', 'Ville'], rows: [['Mairie d’Élancourt – Œuvres', 'Commune', '217 802 170 00017', 'Élancourt']] };

  it('decode CSV as UTF-8 (with or without BOM) or as Windows-1252', () => {
    const text = csvOf(sheet);
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])).replace(/^\uFEFF/, '')).toBe(text);
    expect(decodeCsv(windows1252(text))).toBe(text);
  });

  it('read a Windows-1252 CSV with « ; » and a UTF-8 one with « , », with their line numbers', async () => {
    const partnerHeaders = ['Raison sociale', 'Type', 'N° SIRET', 'Adresse', 'Code postal', 'Ville', 'Civilité du représentant', 'Nom du représentant', 'Qualité du représentant'];
    const rows = [['Mairie d’Élancourt', 'Commune', '217 802 170 00017', '1 place', '78990', 'Élancourt', 'Madame', 'A B', 'Maire'], [], ['CCAS', 'CCAS / CIAS', '1', '2', '3', '4', '5', '6', '7']];
    const cp1252 = await readImportFile(windows1252(csvOf({ headers: partnerHeaders, rows })), 'export.csv');
    expect(cp1252.sheets[0]).toMatchObject({ kind: 'partners', rows: [{ line: 2, cells: { name: 'Mairie d’Élancourt', city: 'Élancourt' } }, { line: 4 }] });
    const utf8 = await readImportFile(Buffer.from(csvOf({ headers: partnerHeaders, rows }, ','), 'utf8'), 'partenaires.csv');
    expect(utf8.sheets[0].rows[0].cells.siret).toBe('217 802 170 00017');
    expect(utf8.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('find the header row under a title line, and keep the line numbers of the sheet', async () => {
    const headers = ['Raison sociale', 'Type', 'N° SIRET', 'Adresse', 'Code postal', 'Ville', 'Civilité du représentant', 'Nom du représentant', 'Qualité du représentant'];
    const book = await workbookOf({ 'Liste des partenaires': { headers: ['Partenaires conventionnés au 01/01/2026'], rows: [[], headers, ['Mairie', 'Commune', '217 802 170 00017', '1 place', '78990', 'Élancourt', 'Madame', 'A B', 'Maire']] } });
    const file = await readImportFile(book, 'reprise.xlsx');
    expect(file.sheets[0]).toMatchObject({ kind: 'partners', rows: [{ line: 4, cells: { city: 'Élancourt' } }] });
  });

  it('refuse a sheet without its required columns, and a file that is no spreadsheet', async () => {
    await expect(readImportFile(await workbookOf({ Partenaires: { headers: ['Raison sociale'], rows: [['X']] } }), 'x.xlsx'))
      .rejects.toThrow('Feuille « Partenaires » : colonnes obligatoires absentes : « Type », « N° SIRET »');
    await expect(readImportFile(Buffer.from('PK\u0003\u0004abîmé'), 'x.xlsx')).rejects.toThrow('Classeur Excel illisible');
    await expect(readImportFile(Buffer.from('bonjour;monde\n1;2\n'), 'x.csv')).rejects.toThrow('Aucune feuille reconnue');
  });
});
