import { describe, it, expect } from '@jest/globals';
import { aManagerDesignationForm } from './document-factory.js';
import { contentStreams, expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('désignation d’un responsable habilitations (formulaire)', () => {
  it('is pre-filled with the signatory partner, its SIRET, address and the convention', async () => {
    const { flat, pageCount } = await render('manager-designation-form', aManagerDesignationForm());
    expect(pageCount).toBe(1);
    expectPhrases(flat, [
      'Madame le Directeur général Caf des Yvelines',
      'Objet : désignation d’un responsable habilitations',
      'Nom du partenaire signataire de la Convention Ville de Saint-Germain-en-Laye Madame Françoise LECŒUR, Maire',
      'Numéro Siret 217 805 511 00013',
      'Adresse Hôtel de Ville 16 rue du Sacré-Cœur 78100 Saint-Germain-en-Laye',
      'Convention n° 78/2016/0042AS – T2',
    ]);
    expectFrenchCharacters(flat, ['é', 'è', 'ç', 'œ', '«', '»', '–', '’']);
  });

  it('leaves the responsable’s details blank and prints the notes, the date and both signature boxes', async () => {
    const { flat, pages } = await render('manager-designation-form', aManagerDesignationForm());
    const lines = pages[0]!.split('\n');
    for (const label of ['(Adresse si différente)', 'Tél. professionnel', 'Fax professionnel', 'Adresse électronique professionnelle', 'Date :']) {
      expect(lines).toContain(label);
    }
    expectPhrases(flat, [
      'Nom / Prénom du responsable habilitations',
      'Ces coordonnées seront utilisées par la Caf uniquement dans le cadre de la gestion de l’accès Cafpro.',
      'Nota : le changement de responsable habilitations doit faire l’objet d’une nouvelle désignation auprès de la Caf.',
      'Selon l’organisation du partenaire, le responsable habilitations peut être le signataire de la convention lui-même.',
      'Pour le partenaire (signataire de la convention) Signature (précédé de « lu et approuvé »)',
      'Le responsable habilitations Signature (précédé de « lu et approuvé »)',
    ]);
  });

  it('prints its reference in text and as a QR code', async () => {
    const { flat, buffer } = await render('manager-designation-form', aManagerDesignationForm());
    expectPhrases(flat, ['Réf. formulaire : RH-2026-000031', 'Diffusion restreinte']);
    expect((contentStreams(buffer).match(/ re\n/g) ?? []).length).toBeGreaterThan(100);
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('manager-designation-form', aManagerDesignationForm());
  });
});
