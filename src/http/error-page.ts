// The last handler: an error no route answered becomes a French page (or JSON notice for the API)
// without its detail, which goes to the log only. An error after the answer has started cannot be
// answered any more: the connection is closed instead of letting Express throw.
import type { ErrorRequestHandler } from 'express';
import { accountPageHtml } from './account-layout.js';

export function errorPage(): ErrorRequestHandler {
  return (error, req, res, _next) => {
    // pino-http's logger of the request: the line carries the request id.
    req.log.error({ err: error }, `Erreur sur ${req.method} ${req.path}`);
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const message = 'Une erreur interne est survenue. Vérifiez si l’opération a été enregistrée avant de la refaire ; si l’erreur persiste, prévenez l’administrateur.';
    if (req.originalUrl.includes('/api/')) {
      res.status(500).json({ notice: { message, type: 'error' } });
      return;
    }
    res.status(500).type('html').send(accountPageHtml('Erreur interne', `<p class="erreur">${message}</p><p><a href="/admin">Retour au back-office</a></p>`, { accountNav: false }));
  };
}
