// Second-factor pages (server-rendered, plain POST forms like « Mon compte »): the code asked after
// the password, and the enrolment — at the first login that needs it, or from « Mon compte » for an
// agent whose role does not require it — which shows the QR code, the secret, then the 8 recovery
// codes once. Nothing here is cached by the browser (secret, codes).
import express, { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity.js';
import { confirmEnrolment, isEnrolled, remainingRecoveryCodes, verifySecondFactor } from '../auth/second-factor.js';
import { newTotpSecret, otpauthUri, RECOVERY_CODE_COUNT } from '../auth/totp.js';
import { formatFrenchDate, todayInParis } from '../domain/shared/dates.js';
import type { Clock } from '../domain/shared/clock.js';
import type { StaffRole } from '../policies/roles.js';
import { actorOf } from './actor.js';
import { escapeHtml } from '../domain/notifications/email-templates.js';
import { accountPageHtml, noticeHtml, type AccountNotice as PageNotice } from './account-layout.js';

/** The frame of « Mon compte »; without its links while the second factor is pending (they lead nowhere yet). */
const renderPage = (o: { title: string; notice?: PageNotice; body: string; back?: null }) =>
  accountPageHtml(o.title, noticeHtml(o.notice ?? null) + o.body, { accountNav: o.back !== null });
import { ENROLMENT_PATH, SECOND_FACTOR_PATH, secondFactorPending } from './second-factor-guard.js';

const APPS = 'FreeOTP, Aegis, Microsoft Authenticator, Google Authenticator…';

function send(res: Response, status: number, html: string) {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

const logoutLink = (root: string) => `<p><a href="${root}/logout">Se déconnecter</a></p>`;

function codePage(root: string, notice: PageNotice): string {
  return renderPage({
    title: 'Second facteur', notice, back: null,
    body: `<p>Saisissez le code à 6 chiffres affiché par votre application d'authentification, ou l'un de vos codes de secours.</p>
<form method="post" action="${root}${SECOND_FACTOR_PATH}"><label for="code">Code</label>
<input id="code" name="code" autocomplete="one-time-code" required autofocus>
<button type="submit">Valider</button></form>
<p>Téléphone perdu et plus de code de secours ? Un Administrateur peut réinitialiser votre second facteur.</p>${logoutLink(root)}`,
  });
}

async function enrolmentPage(root: string, user: StaffUser, secret: string, required: boolean, notice: PageNotice): Promise<string> {
  const qr = await QRCode.toString(otpauthUri(user.email, secret), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const why = required
    ? 'Votre rôle exige un second facteur : enregistrez-le pour terminer la connexion.'
    : "Protégez votre compte : à chaque connexion, après le mot de passe, le code de votre application vous sera demandé.";
  return renderPage({
    title: 'Activer le second facteur', notice, back: required ? null : undefined,
    body: `<p>${escapeHtml(why)}</p>
<ol><li>Installez sur votre téléphone une application d'authentification (${escapeHtml(APPS)}).</li>
<li>Scannez ce QR code avec l'application, ou saisissez-y la clé <code id="secret">${escapeHtml(secret.match(/.{1,4}/g)!.join(' '))}</code>.</li>
<li>Saisissez le code à 6 chiffres que l'application affiche.</li></ol>
<div class="qr" role="img" aria-label="QR code à scanner avec l'application d'authentification">${qr}</div>
<form method="post" action="${root}${ENROLMENT_PATH}"><label for="code">Code à 6 chiffres</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">Activer</button></form>${required ? logoutLink(root) : ''}`,
  });
}

function recoveryCodesPage(root: string, codes: string[]): string {
  return renderPage({
    title: 'Second facteur activé', back: null,
    notice: { type: 'succes', text: 'Votre second facteur est enregistré.' },
    body: `<p>Voici vos ${codes.length} codes de secours, affichés <strong>une seule fois</strong> : notez-les ou imprimez-les et gardez-les
à l'abri. Chacun remplace une fois le code de l'application (téléphone perdu ou déchargé), puis ne sert plus jamais.</p>
<ul class="codes">${codes.map((code) => `<li><code>${escapeHtml(code)}</code></li>`).join('')}</ul>
<p><a href="${root}">Continuer vers le back-office</a></p>`,
  });
}

function statusPage(user: StaffUser, remaining: number): string {
  return renderPage({
    title: 'Second facteur',
    notice: { type: 'succes', text: `Second facteur activé depuis le ${formatFrenchDate(todayInParis(user.totpEnrolledAt!))}.` },
    body: `<p>Codes de secours non utilisés : ${remaining} sur ${RECOVERY_CODE_COUNT}.</p>
<p>Téléphone perdu, changé, ou plus de code de secours : demandez à un Administrateur de réinitialiser votre second facteur ;
vous en enregistrerez un nouveau à la connexion suivante.</p>`,
  });
}

/** A new session id once the second factor is given, as at the password (an id seen before is worthless). */
function completeSession(req: Request): Promise<void> {
  const { adminUser, login } = req.session;
  return new Promise((resolve, reject) => req.session.regenerate((err) => {
    if (err) return reject(err);
    req.session.adminUser = adminUser;
    // The login time stays the password's: the session's absolute lifetime runs from there.
    req.session.login = login;
    req.session.secondFactor = 'verified';
    resolve();
  }));
}

export function secondFactorPages(dataSource: DataSource, root: string, mfaRoles: readonly StaffRole[], clock: Clock): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const currentUser = (req: Request) => dataSource.getRepository(StaffUser).findOneBy({ id: req.session.adminUser!.id });
  const requireLogin = (req: Request, res: Response, next: () => void) => (req.session.adminUser ? next() : res.redirect(`${root}/login`));
  const pending = (req: Request) => secondFactorPending(req.session, mfaRoles);

  router.get(SECOND_FACTOR_PATH, requireLogin, async (req, res, next) => {
    try {
      if (!pending(req)) return res.redirect(root);
      const user = await currentUser(req);
      if (!user || !isEnrolled(user)) return res.redirect(`${root}${ENROLMENT_PATH}`);
      send(res, 200, codePage(root, null));
    } catch (error) { next(error); }
  });

  router.post(SECOND_FACTOR_PATH, requireLogin, form, async (req, res, next) => {
    try {
      if (!pending(req)) return res.redirect(303, root);
      const result = await verifySecondFactor(dataSource, actorOf(req), req.session.adminUser!.id, (req.body as Record<string, unknown>).code, clock.now());
      if (!result.ok) return send(res, 400, codePage(root, { type: 'erreur', text: result.message }));
      await completeSession(req);
      res.redirect(303, root);
    } catch (error) { next(error); }
  });

  router.get(ENROLMENT_PATH, requireLogin, async (req, res, next) => {
    try {
      const user = await currentUser(req);
      if (!user) return res.redirect(`${root}/login`);
      if (isEnrolled(user)) {
        if (pending(req)) return res.redirect(`${root}${SECOND_FACTOR_PATH}`);
        return send(res, 200, statusPage(user, await remainingRecoveryCodes(dataSource, user.id)));
      }
      req.session.enrolmentSecret ??= newTotpSecret();
      send(res, 200, await enrolmentPage(root, user, req.session.enrolmentSecret, pending(req), null));
    } catch (error) { next(error); }
  });

  router.post(ENROLMENT_PATH, requireLogin, form, async (req, res, next) => {
    try {
      const user = await currentUser(req);
      const secret = req.session.enrolmentSecret;
      // Enrolled meanwhile (another session): the code page, or the status page.
      if (!user || !secret || isEnrolled(user)) return res.redirect(303, `${root}${ENROLMENT_PATH}`);
      const completesLogin = pending(req);
      const result = await confirmEnrolment(dataSource, actorOf(req), user.id, secret, (req.body as Record<string, unknown>).code, clock.now(), completesLogin);
      if (!result.ok) return send(res, 400, await enrolmentPage(root, user, secret, completesLogin, { type: 'erreur', text: result.message }));
      delete req.session.enrolmentSecret;
      await completeSession(req);
      send(res, 200, recoveryCodesPage(root, result.recoveryCodes));
    } catch (error) { next(error); }
  });

  return router;
}
