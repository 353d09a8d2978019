// The title of a record's page, as an agent names the record (« Convention 78/2026/0004AS – T2 »,
// « Demande d'accès de Jean DUPONT »): AdminJS titles it by its action (« Afficher »).
import type { RecordJSON } from 'adminjs';

const person = (p: Record<string, unknown>) => [p.firstName, typeof p.lastName === 'string' ? p.lastName.toUpperCase() : p.lastName].filter(Boolean).join(' ');

const HEADINGS: Record<string, (p: Record<string, unknown>, title: string) => string> = {
  Partner: (_p, title) => title,
  Convention: (p) => `Convention ${String(p.number ?? '')}`,
  AccessRequest: (p) => `Demande d'accès de ${person(p)}`,
  SuppressionRequest: (p) => `Demande de suppression d'accès n° ${String(p.id ?? '')}`,
  Habilitation: (p) => `Habilitation ${String(p.identifier ?? '')} – ${person(p)}`,
  HabilitationManager: (p) => `Responsable habilitations ${person(p)}`,
  AccessProfile: (p, title) => `Profil ${title}${p.label ? ` – ${String(p.label)}` : ''}`,
  StaffUser: (p, title) => `Agent ${String(p.name ?? title)}`,
  PasswordCampaign: (p) => `Campagne de changement de mot de passe n° ${String(p.id ?? '')}`,
  JobRun: (p) => `Exécution de tâche n° ${String(p.id ?? '')}`,
  AuditEvent: (p) => `Événement du journal n° ${String(p.id ?? '')}`,
  Settings: () => 'Paramètres de la Caf',
};

export function recordHeading(resourceId: string, record: RecordJSON): string {
  const heading = HEADINGS[resourceId]?.(record.params, record.title);
  return heading?.trim() || record.title || `n° ${record.id}`;
}
