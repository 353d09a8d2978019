// « Mes sessions » : the agent's open sessions (opened when, used last when, until when, from where,
// which browser), each of the others with « Terminer ». Same plain page as the password page.
import express, { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { escapeHtml } from '../domain/notifications/email-templates.js';
import { formatParisDateTime } from '../domain/shared/dates.js';
import type { Clock } from '../domain/shared/clock.js';
import { endOwnSession, listOwnSessions, type OpenSession, type SessionLimits } from '../domain/staff/staff-sessions.js';
import { ACCOUNT_SESSIONS_PATH, accountPageHtml, noticeHtml, type AccountNotice } from './account-layout.js';
import { actorOf } from './actor.js';

const when = (date: Date | null) => (date ? escapeHtml(formatParisDateTime(date)) : '—');

function row(session: OpenSession): string {
  const action = session.current
    ? '<span class="courante">Cette session</span><br><a href="/admin/logout">Se déconnecter</a>'
    : `<form method="post"><button type="submit" name="session" value="${session.handle}">Terminer</button></form>`;
  return `<tr><td>${when(session.openedAt)}</td><td>${when(session.lastActivityAt)}</td><td>${when(session.endsAt)}</td>
<td>${escapeHtml(session.ip ?? '—')}</td><td><small>${escapeHtml(session.userAgent ?? '—')}</small></td><td>${action}</td></tr>`;
}

function page(sessions: OpenSession[], notice: AccountNotice): string {
  return accountPageHtml('Mes sessions', `${noticeHtml(notice)}
<p>Les sessions ouvertes avec votre compte. Une session que vous ne reconnaissez pas : terminez-la, puis changez votre mot de passe.</p>
<table><thead><tr><th>Ouverte le</th><th>Dernière activité</th><th>Fin au plus tard</th><th>Adresse IP</th><th>Navigateur</th><th></th></tr></thead>
<tbody>${sessions.map(row).join('\n')}</tbody></table>`, { large: true });
}

export function sessionsPage(dataSource: DataSource, limits: SessionLimits, clock: Clock): Router {
  const router = Router();
  const render = async (req: Request, res: Response, notice: AccountNotice, status = 200) => {
    const sessions = await listOwnSessions(dataSource, req.session.adminUser!.id, req.sessionID, limits, clock.now());
    res.status(status).type('html').set('Cache-Control', 'private, no-store').send(page(sessions, notice));
  };
  router.get(ACCOUNT_SESSIONS_PATH, async (req, res, next) => {
    try {
      if (!req.session.adminUser) return res.redirect('/admin/login');
      await render(req, res, null);
    } catch (error) { next(error); }
  });
  router.post(ACCOUNT_SESSIONS_PATH, express.urlencoded({ extended: false, limit: '10kb' }), async (req, res, next) => {
    try {
      if (!req.session.adminUser) return res.redirect('/admin/login');
      const result = await endOwnSession(dataSource, actorOf(req), req.session.adminUser.id, (req.body as Record<string, unknown>).session, req.sessionID);
      if (result.ok) await render(req, res, { type: 'succes', text: 'La session a été terminée.' });
      else await render(req, res, { type: 'erreur', text: result.errors[0].message }, 400);
    } catch (error) { next(error); }
  });
  return router;
}
