// AdminJS answers a few API errors with English sentences written in its code (not translation
// keys), which the interface shows as they are. They are put into French on their way out.
import type { NextFunction, Request, Response } from 'express';

const TRANSLATIONS: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^Record with given id: "(.*)" cannot be found in resource ".*"$/, (id) => `La fiche n° ${id} est introuvable : elle a peut-être été supprimée.`],
  [/^record with given id: ".*" cannot be found in resource ".*"$/, () => 'Des fiches sélectionnées sont introuvables : elles ont peut-être été supprimées.'],
  [/^You have to pass a valid recordId to the recordAction$/, () => 'Numéro de fiche invalide.'],
];

export function frenchMessage(message: string): string {
  for (const [pattern, french] of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) return french(...match.slice(1));
  }
  return message;
}

/** Middleware in front of AdminJS's API: the `notice.message` of its JSON answers, in French. */
export function frenchNotices() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const notice = (body as { notice?: { message?: unknown } } | null)?.notice;
      if (notice && typeof notice.message === 'string') notice.message = frenchMessage(notice.message);
      return json(body);
    };
    next();
  };
}
