// What each state of a record means to the agent, for the colour of its badge in the lists and on the
// record page: something to do, something awaited from someone else, done, refused or ended. Keyed by
// resource, then by the stored value (the same value means different things: a « reçue » access
// request is to do, a « envoyée » convention waits for the partner). Data only: the browser bundle
// imports it (components/state-badge.tsx).

export type Tone = 'todo' | 'waiting' | 'done' | 'refused' | 'neutral';

export const STATE_TONES: Record<string, Record<string, Tone>> = {
  AccessRequest: { recue: 'todo', incomplete: 'waiting', approuvee: 'done', refusee: 'refused', classee: 'neutral' },
  Convention: { brouillon: 'todo', envoyee: 'waiting', signee: 'done', denoncee: 'waiting', resiliee: 'refused' },
  Habilitation: { active: 'done', suspendue: 'waiting', revoquee: 'refused' },
  SuppressionRequest: { recue: 'todo', traitee: 'done', rejetee: 'refused' },
  Recertification: { envoyee: 'waiting', relancee: 'waiting', retournee: 'done', 'sans-reponse': 'todo' },
  OutboxEmail: { 'en-attente': 'waiting', envoi: 'waiting', envoye: 'done', echec: 'refused' },
  PasswordCampaignRecipient: { 'en-attente': 'waiting', envoye: 'done', echec: 'refused' },
  PasswordCampaign: { planifiee: 'waiting', notifiee: 'waiting', appliquee: 'done' },
  JobRun: { 'en-cours': 'waiting', termine: 'done', echec: 'refused' },
};

/**
 * Text and background of each tone, every pair above 4.5:1 (WCAG AA for the badges' small text);
 * AdminJS's own badge was white on light grey (1.8:1). The word of the state is always written, so
 * the colour is never the only sign.
 */
export const TONE_COLOURS: Record<Tone, { color: string; background: string; border: string }> = {
  todo: { color: '#173a8c', background: '#e3eafc', border: '#9fb4ee' },
  waiting: { color: '#7a3d00', background: '#fdedd3', border: '#e8b878' },
  done: { color: '#1a5d2a', background: '#dcf1e1', border: '#8fcb9e' },
  refused: { color: '#9a1b1b', background: '#fbe1e1', border: '#eda3a3' },
  neutral: { color: '#3b404c', background: '#eceef2', border: '#c3c8d1' },
};

export const toneOf = (resourceId: string, propertyPath: string, value: string): Tone =>
  (propertyPath === 'status' ? STATE_TONES[resourceId]?.[value] : undefined) ?? 'neutral';
