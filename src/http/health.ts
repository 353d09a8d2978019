// GET /health for the load balancer and the supervision: 200 only when the database answers AND holds
// the product's schema (a database dropped or restored empty still answers « SELECT 1 »).
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';

export function healthRoute(dataSource: DataSource): RequestHandler {
  return async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      const [{ applied }] = await dataSource.query('SELECT COUNT(*) AS applied FROM migrations') as Array<{ applied: number | string }>;
      await dataSource.query('SELECT 1 FROM staff_user WHERE 1 = 0');
      if (Number(applied) < dataSource.migrations.length) {
        res.status(503).json({ status: 'erreur', database: 'schéma incomplet : migrations non appliquées' });
        return;
      }
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'erreur', database: 'injoignable ou schéma absent' });
    }
  };
}
