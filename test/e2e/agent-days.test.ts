// The two agents' days of issue 13, walked in Chromium as an agent does them, every click counted:
// the Gestionnaire conventions records a new partner, creates its convention from the partner's
// page, produces and prints the pack (the cover letter, the convention and the three forms), records the sending and
// the signature; the Gestionnaire habilitations opens
// « Demandes d'accès à décider » from the home page, approves one, returns one incomplete and
// refuses one (reason templates), moving with « Suivant », then finds a person with the top-bar
// search. Before issue 13 the two jobs cost ≈ 72 and ≈ 78 clicks. The test prints the table
// « tâche / clics / pages chargées » and fails only on a gross regression (generous upper bounds).
//
// What is counted. Clicks: every Locator.click / Page.click (the prototypes are wrapped, so no click
// escapes the count), plus one for each choice in a native drop-down (selectOption) and one for each
// file picked (setInputFiles: the agent clicks « Choisir un fichier »). Typing is not counted.
// Pages: every navigation of the main frame (`framenavigated`), which counts both full document
// loads and AdminJS's in-app route changes (history API); full loads are counted apart (`load`).
// The window is 1366 px wide (the common laptop; under 1324 px AdminJS folds the menu away).
// Direct `page.goto` is never used after logging in: the agent only clicks.
import { writeFile } from 'node:fs/promises';
import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Document } from '../../src/entities/document.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { ReasonTemplate } from '../../src/entities/reason-template.entity.js';
import { accessRequestPayload, makeConvention, makeHabilitation, managerPayload, partnerPayload, reasonTemplatePayload } from '../support/factories.js';
import type { TestServer } from '../support/http.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

/** A step may take this long on a loaded machine (the figures are clicks, not timings). */
const STEP = 120_000;

interface StepCount { task: string; clicks: number; pages: number; loads: number }

/** Counts the clicks and the page loads of one page, step by step. */
class Meter {
  readonly steps: StepCount[] = [];
  private current: StepCount = { task: '(connexion)', clicks: 0, pages: 0, loads: 0 };
  constructor(readonly page: Page) {
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) this.current.pages++; });
    page.on('load', () => { this.current.loads++; });
  }
  step(task: string): void {
    this.current = { task, clicks: 0, pages: 0, loads: 0 };
    this.steps.push(this.current);
  }
  click(): void { this.current.clicks++; }
  get total(): StepCount {
    return this.steps.reduce((t, s) => ({ task: t.task, clicks: t.clicks + s.clicks, pages: t.pages + s.pages, loads: t.loads + s.loads }),
      { task: 'total', clicks: 0, pages: 0, loads: 0 });
  }
}

let meter: Meter | null = null;
/** Wraps the click of Locator and Page once, so that every click of the test is counted. */
function countClicks(page: Page): void {
  for (const proto of [Object.getPrototypeOf(page.locator('body')), Object.getPrototypeOf(page)] as Array<Record<string, unknown>>) {
    if ((proto as { __counted?: boolean }).__counted) continue;
    for (const name of ['click', 'selectOption', 'setInputFiles']) {
      const original = proto[name] as (...args: unknown[]) => Promise<unknown>;
      proto[name] = function counted(this: unknown, ...args: unknown[]) { meter?.click(); return original.apply(this, args); };
    }
    (proto as { __counted?: boolean }).__counted = true;
  }
}

const table = (job: string, m: Meter) => [
  `\n${job}`,
  `${'tâche'.padEnd(66)} | clics | pages chargées (dont complètes)`,
  ...[...m.steps, m.total].map((s) => `${s.task.padEnd(66)} | ${String(s.clicks).padStart(5)} | ${String(s.pages).padStart(5)} (${s.loads})`),
].join('\n');

describeBrowser('the agents’ days of issue 13, clicks counted', () => {
  const session = withBrowser();
  let server: TestServer;
  const today = todayInParis(new Date());
  const tables: string[] = [];
  beforeAll(() => { ({ server } = session); });

  const result = (page: Page) => page.locator('[data-action-result]');
  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const idIn = (page: Page) => Number(/records\/(\d+)\//.exec(page.url())![1]);
  /** A react-select of an AdminJS form, found by its label: open it, then click the option. */
  const choose = async (page: Page, label: string, option: string | RegExp) => {
    await page.locator(`xpath=//label[normalize-space()="${label}"]/following-sibling::*[1]`).click();
    await page.locator('[id*="-option-"]').filter({ hasText: option }).first().click();
  };
  /** The action button of the record page's header. */
  /** On a failure, the page as it was (for the report), then the error. */
  const photographedOnFailure = async (page: Page, name: string, walk: () => Promise<void>) => {
    try { await walk(); } catch (error) {
      await page.screenshot({ path: `/tmp/agent-days-${name}-failure.png`, fullPage: true }).catch(() => undefined);
      await writeFile(`/tmp/agent-days-${name}-failure.html`, await page.content()).catch(() => undefined);
      throw error;
    }
  };
  const action = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).or(page.getByRole('link', { name, exact: true })).first();

  it('Gestionnaire conventions: a new partner, its convention created, sent, signed, its pack printed', async () => {
    const page = await session.loggedIn('gestionnaire-conventions');
    await page.setViewportSize({ width: 1366, height: 900 });
    page.setDefaultTimeout(STEP); // the machine is shared: a slow step is not a failure
    countClicks(page);
    const m = new Meter(page);
    meter = m;
    const form = { ...partnerPayload(), name: 'Commune de Chambourcy-Essai', representativeName: 'Pierre Morange' };

    await photographedOnFailure(page, 'conventions', async () => {
      m.step('1. Enregistrer le partenaire (SIRET, représentant légal)');
      await page.getByText('Partenaires et conventions', { exact: true }).click();
      await page.getByRole('link', { name: 'Partenaires', exact: true }).click();
      await page.waitForURL(/\/admin\/resources\/Partner/);
      await action(page, 'Créer').click();
      await page.waitForURL(/\/admin\/resources\/Partner\/actions\/new/);
      for (const field of ['name', 'siret', 'addressLine1', 'postalCode', 'city', 'representativeName', 'representativeTitle', 'phone', 'email'] as const) {
        await page.fill(`[name="${field}"]`, form[field]);
      }
      await choose(page, 'Type de partenaire', /^Commune$/);
      await choose(page, 'Civilité du représentant', /^Monsieur$/);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/admin\/resources\/Partner\/records\/\d+\/show/);
      const partner = await repo(Partner).findOneByOrFail({ name: form.name });
      expect(partner.siret).toBe(form.siret);
      expect(idIn(page)).toBe(partner.id);
      // AdminJS's own notice (a toast of 3 s): it does not name the partner.
      await page.getByText('L\'enregistrement a bien été créé.').first().waitFor();
      await page.getByText('Aucune convention pour ce partenaire.').waitFor();

      m.step('2. « Créer une convention » pré-remplie, compléter, enregistrer');
      await page.locator('[data-related="create-convention"]').click();
      await page.waitForURL(/\/admin\/resources\/Convention\/actions\/new\?/);
      expect(await page.locator('input[name="signatoryName"]').inputValue()).toBe('Pierre Morange');
      await choose(page, "Profil d'accès", /T2/);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/admin\/resources\/Convention\/records\/\d+\/show/);
      const convention = await repo(Convention).findOneByOrFail({ partnerId: partner.id });
      expect(convention.status).toBe('brouillon');
      await page.getByText(`La convention n° ${convention.number} est enregistrée en brouillon.`).first().waitFor();
      await page.getByRole('heading', { name: `Convention ${convention.number}` }).waitFor();

      m.step('3. Produire et imprimer le dossier (courrier d’envoi, convention, 3 formulaires)');
      const packed = [] as string[];
      for (const name of ['Courrier d’envoi (PDF)', 'Convention à signer (PDF)', 'Formulaire de demande d’accès (PDF)', 'Formulaire de désignation du responsable (PDF)', 'Formulaire de suppression d’accès (PDF)']) {
        // The documents are under one menu of the record's header: open it, pick one, confirm.
        await page.getByText('Documents (PDF)', { exact: true }).click();
        await page.getByText(name, { exact: true }).click();
        await page.getByRole('button', { name: /^Produire/ }).click();
        await page.waitForURL(/\/records\/\d+\/show$/);
        await result(page).waitFor();
        const print = result(page).getByRole('link', { name: 'Imprimer' });
        const href = await print.getAttribute('href');
        expect(href).toMatch(/^\/admin\/documents\/\d+\/download$/);
        expect(await print.getAttribute('target')).toBe('_blank');
        // « Imprimer » opens the PDF in a new tab (not counted as a page of the agent's window).
        const [tab] = await Promise.all([page.waitForEvent('popup'), print.click()]);
        await tab.close();
        expect((await (await page.request.get(`${session.baseUrl}${href}`)).body()).subarray(0, 5).toString()).toBe('%PDF-');
        packed.push(href!);
      }
      expect(new Set(packed).size).toBe(5);
      expect(await repo(Document).countBy({ subjectType: 'Convention', subjectId: convention.id })).toBeGreaterThanOrEqual(5);

      m.step('4. Enregistrer l’envoi');
      await action(page, 'Enregistrer l’envoi').click();
      await page.waitForURL(/\/send$/);
      await page.getByRole('button', { name: 'Enregistrer l’envoi' }).last().click();
      await page.waitForURL(/\/records\/\d+\/show$/);
      await result(page).waitFor();
      expect(await result(page).innerText()).toContain(convention.number);
      expect((await repo(Convention).findOneByOrFail({ id: convention.id })).status).toBe('envoyee');
      expect(await page.locator('body').innerText()).toMatch(/État\s*Envoyée/);

      m.step('5. Enregistrer la signature (dates, exemplaire numérisé)');
      await action(page, 'Enregistrer la signature').click();
      await page.waitForURL(/\/sign$/);
      // Sent today (the date the send form proposes): signed back the same day.
      await page.fill('input[name="partnerSignedDate"]', today);
      await page.fill('input[name="cafSignedDate"]', today);
      await page.locator('input[name="signedScan"]').setInputFiles({ name: 'convention-signee.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% convention signée des deux parties\n') });
      await page.getByRole('button', { name: 'Enregistrer la signature' }).last().click();
      await page.waitForURL(/\/records\/\d+\/show$/);
      await result(page).waitFor();
      expect(await result(page).innerText()).toContain(`La convention n° ${convention.number} est signée`);
      expect((await repo(Convention).findOneByOrFail({ id: convention.id })).status).toBe('signee');
      expect(await page.locator('body').innerText()).toMatch(/État\s*Signée \(active\)/);

    });
    tables.push(table('Gestionnaire conventions', m));
    expect(m.total.clicks).toBeLessThanOrEqual(60);
    expect(m.total.pages).toBeLessThanOrEqual(60);
    meter = null;
    await page.close();
  }, 4 * STEP);

  it('Gestionnaire habilitations: three returned requests decided from the home queue with « Suivant », then a person found', async () => {
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: addYears(today, -1), cafSignedDate: addYears(today, -1) });
    await repo(HabilitationManager).save({ ...managerPayload(convention.id), currentFor: convention.id } as Partial<HabilitationManager>);
    const requests: AccessRequest[] = [];
    for (const [i, lastName] of ['Aubry', 'Bonnefoy', 'Castaing'].entries()) {
      requests.push(await repo(AccessRequest).save({
        ...accessRequestPayload(convention.id), lastName, firstName: 'Inès', status: 'recue', receivedDate: addDays(today, -10 + i),
      } as Partial<AccessRequest>));
    }
    await repo(ReasonTemplate).save([
      reasonTemplatePayload({ decision: 'incomplete', label: 'Signature de l’employeur manquante', incompleteReason: 'signature-manquante',
        text: 'La demande de {nom} ne porte pas la signature de l’employeur ({partenaire}).' }),
      reasonTemplatePayload({ decision: 'refuse', label: 'Fonction hors finalité',
        text: 'La fonction de {nom} ne relève pas de la finalité de la convention n° {convention}.' }),
    ] as Array<Partial<ReasonTemplate>>);
    const known = await makeHabilitation(server.dataSource, convention.id);

    const page = await session.loggedIn('gestionnaire-habilitations');
    await page.setViewportSize({ width: 1366, height: 900 });
    page.setDefaultTimeout(STEP); // the machine is shared: a slow step is not a failure
    page.on('dialog', (d) => { void d.dismiss(); throw new Error(`Boîte de dialogue du navigateur : ${d.message()}`); });
    countClicks(page);
    const m = new Meter(page);
    meter = m;
    const showOf = (id: number) => new RegExp(`/admin/resources/AccessRequest/records/${id}/show$`);

    await photographedOnFailure(page, 'habilitations', async () => {
      m.step('1. Accueil → « Demandes d’accès à décider » → 1re demande');
      await page.locator('[data-queue="access-requests-to-decide"]').click();
      await page.waitForURL(/\/admin\/resources\/AccessRequest\?.*filters\.status=recue/);
      await page.getByText('Aubry').first().click();
      await page.waitForURL(showOf(requests[0].id));

      m.step('2. Approuver (un écran, une confirmation)');
      await action(page, 'Approuver').click();
      await page.locator('[data-decision-screen]').waitFor();
      await page.getByText(/Tous les contrôles sont satisfaits/).waitFor();
      await page.locator('[data-email-preview]').waitFor();
      await page.getByRole('button', { name: 'Approuver', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Approuver', exact: true }).click();
      await page.waitForURL(showOf(requests[0].id));
      await result(page).waitFor();
      const habilitation = await repo(Habilitation).findOneByOrFail({ accessRequestId: requests[0].id });
      expect(await result(page).innerText()).toContain(habilitation.identifier);
      expect((await repo(AccessRequest).findOneByOrFail({ id: requests[0].id })).status).toBe('approuvee');

      m.step('3. « Suivant » → retourner incomplète (modèle de motif)');
      await result(page).getByRole('link', { name: 'Suivant' }).click();
      await page.waitForURL(showOf(requests[1].id));
      await action(page, 'Retourner comme incomplète').click();
      await page.getByLabel('Modèle de motif').selectOption({ label: 'Signature de l’employeur manquante' });
      await page.getByRole('button', { name: /Retourner/ }).last().click();
      await page.getByRole('dialog').getByRole('button', { name: /Retourner/ }).click();
      await page.waitForURL(showOf(requests[1].id));
      await result(page).waitFor();
      expect(await result(page).innerText()).toContain('est retournée incomplète au partenaire (motif : Signature manquante');
      expect((await repo(AccessRequest).findOneByOrFail({ id: requests[1].id })).status).toBe('incomplete');

      m.step('4. « Suivant » → refuser (modèle de motif)');
      await result(page).getByRole('link', { name: 'Suivant' }).click();
      await page.waitForURL(showOf(requests[2].id));
      await action(page, 'Refuser').click();
      await page.getByLabel('Modèle de motif').selectOption({ label: 'Fonction hors finalité' });
      expect(await page.locator('textarea[name="reason"]').inputValue()).toContain(convention.number);
      await page.getByRole('button', { name: 'Refuser la demande' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Refuser la demande' }).click();
      await page.waitForURL(showOf(requests[2].id));
      await result(page).waitFor();
      expect(await result(page).innerText()).toContain('est refusée');
      expect(await result(page).innerText()).toContain('C’était la dernière demande de cette file.');
      expect((await repo(AccessRequest).findOneByOrFail({ id: requests[2].id })).status).toBe('refusee');

      m.step('5. Recherche du haut de page → la personne');
      const box = page.getByRole('searchbox', { name: 'Rechercher' });
      await box.click();
      await box.fill(known.lastName.toLowerCase());
      await box.press('Enter');
      await page.waitForURL(/\/admin\/recherche\?q=/);
      await page.getByRole('link', { name: `${known.identifier} — ${known.lastName.toUpperCase()} ${known.firstName}`, exact: true }).click();
      await page.waitForURL(new RegExp(`/admin/resources/Habilitation/records/${known.id}/show$`));
      await page.getByText(known.email).first().waitFor();

    });
    tables.push(table('Gestionnaire habilitations', m));
    console.log(`Parcours des agents (issue 13 ; avant : ≈ 72 et ≈ 78 clics)${tables.join('\n')}`);
    expect(m.total.clicks).toBeLessThanOrEqual(60);
    expect(m.total.pages).toBeLessThanOrEqual(60);
    meter = null;
    await page.close();
  }, 4 * STEP);
});
