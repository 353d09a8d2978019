// Factories: one call builds a valid row (with what it depends on). `n` keeps values unique.
import type { DataSource } from 'typeorm';
import { isLuhnValid } from '../../src/domain/shared/validators.js';
import { AccessProfile } from '../../src/entities/access-profile.entity.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Document } from '../../src/entities/document.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../../src/entities/outbox-email.entity.js';
import { PasswordCampaignRecipient } from '../../src/entities/password-campaign-recipient.entity.js';
import { PasswordCampaign } from '../../src/entities/password-campaign.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { Scan } from '../../src/entities/scan.entity.js';
import { services } from '../../src/admin/services.js';

let counter = 0;
const next = () => ++counter;

/** A Luhn-valid SIRET, different at each call. */
export function validSiret(): string {
  const base = `21${String(780000000 + next() * 7919).padStart(9, '0')}00`.slice(0, 13);
  for (let d = 0; d <= 9; d++) if (isLuhnValid(base + d)) return base + d;
  throw new Error('unreachable');
}

export const partnerPayload = () => ({
  name: `Ville d'Essai ${next()}`, type: 'commune', siret: validSiret(), addressLine1: 'Hôtel de Ville, 16 rue de Pontoise',
  postalCode: '78100', city: 'Saint-Germain-en-Laye', representativeCivility: 'Monsieur', representativeName: 'Arnaud Péricard',
  representativeTitle: 'Maire', phone: '01 30 87 20 00', email: 'mairie@essai.fr',
});

export async function makePartner(ds: DataSource): Promise<Partner> {
  return ds.getRepository(Partner).save(partnerPayload() as Partial<Partner>);
}

export async function makeConvention(ds: DataSource, overrides: Partial<Convention> = {}): Promise<Convention> {
  const partner = await makePartner(ds);
  const profile = await ds.getRepository(AccessProfile).findOneByOrFail({ code: 'T2' });
  const seq = next();
  return ds.getRepository(Convention).save({
    number: `78/2026/${String(5000 + seq).padStart(4, '0')}AS – T2`, year: 2026, sequence: 5000 + seq,
    partnerId: partner.id, profileId: profile.id, kind: 'cafpro', status: 'brouillon',
    signatoryCivility: 'Monsieur', signatoryName: 'Arnaud Péricard', signatoryTitle: 'Maire', ...overrides,
  } as Partial<Convention>);
}

export async function makeHabilitation(ds: DataSource, conventionId?: number): Promise<Habilitation> {
  const convention = conventionId ?? (await makeConvention(ds, { status: 'signee', effectiveDate: '2026-01-15', cafSignedDate: '2026-01-15' })).id;
  return ds.getRepository(Habilitation).save({
    identifier: `CP78-9${String(next()).padStart(5, '0')}`, conventionId: convention, civility: 'Madame', lastName: 'Lefèvre',
    firstName: 'Hélène', email: `helene.lefevre${next()}@essai.fr`, position: 'Assistante sociale', grantedDate: '2026-02-01', status: 'active',
  } as Partial<Habilitation>);
}

export const accessRequestPayload = (conventionId: number) => ({
  conventionId, civility: 'Madame', lastName: 'Benoît', firstName: 'Zoé', professionalAddress: '16 rue de Pontoise, 78100 Saint-Germain-en-Laye',
  phone: '01 30 87 20 10', email: `zoe.benoit${next()}@essai.fr`, position: 'Agent d\'accueil', contractType: 'CDI',
  receivedDate: '2026-11-02', userSigned: true, employerSigned: true,
});

export const managerPayload = (conventionId: number) => ({
  conventionId, civility: 'Monsieur', lastName: 'Gaëtan', firstName: 'François', phone: '01 30 87 20 11',
  email: `francois.gaetan${next()}@essai.fr`, designationDate: '2026-10-01', isSignatory: false,
});

/** A modèle de motif of « Refuser », with placeholders (issue 13 §5). */
export const reasonTemplatePayload = (overrides: Record<string, unknown> = {}) => ({
  decision: 'refuse', label: `Pièce justificative manquante ${next()}`, incompleteReason: null, active: true,
  text: 'La demande de {nom} pour {partenaire} (convention n° {convention}) ne peut être acceptée.', ...overrides,
});

/** One row of the resource, ready to be shown, edited or deleted. */
export async function makeRecord(ds: DataSource, resource: string): Promise<{ id: number }> {
  switch (resource) {
    case 'Partner': return makePartner(ds);
    case 'AccessProfile': return ds.getRepository(AccessProfile).save({
      code: `T${90 + (next() % 9)}${next()}`.slice(0, 16), label: 'Profil de test', dataCategories: '- Numéro d\'allocataire',
      needsAccessCode: false, accessCodeLabel: null, dataSharingAnnex: false, conventionKind: 'cafpro', active: true,
    } as Partial<AccessProfile>);
    case 'Convention': return makeConvention(ds);
    case 'HabilitationManager': return ds.getRepository(HabilitationManager).save(managerPayload((await makeConvention(ds)).id) as Partial<HabilitationManager>);
    case 'AccessRequest': return ds.getRepository(AccessRequest).save({ ...accessRequestPayload((await makeConvention(ds)).id), status: 'recue' } as Partial<AccessRequest>);
    case 'Habilitation': return makeHabilitation(ds);
    case 'SuppressionRequest': {
      const habilitation = await makeHabilitation(ds);
      return ds.getRepository('SuppressionRequest').save({
        habilitationId: habilitation.id, position: 'Assistante sociale', effectiveDate: '2026-12-01', receivedDate: '2026-11-10', employerSigned: true, status: 'recue',
      }) as unknown as Promise<{ id: number }>;
    }
    case 'PasswordCampaign': return ds.getRepository(PasswordCampaign).save({ changeDate: '2027-03-01', scope: 'all', noticeDays: 15, status: 'planifiee' } as Partial<PasswordCampaign>);
    case 'PasswordCampaignRecipient': {
      const campaign = await makeRecord(ds, 'PasswordCampaign');
      const habilitation = await makeHabilitation(ds);
      return ds.getRepository(PasswordCampaignRecipient).save({ campaignId: campaign.id, habilitationId: habilitation.id, email: habilitation.email, status: 'en-attente' } as Partial<PasswordCampaignRecipient>);
    }
    case 'Document': {
      const convention = await makeConvention(ds);
      const stored = await services().storage.store('documents/test', 'pdf', Buffer.from('%PDF-1.4 essai'));
      return ds.getRepository(Document).save({
        kind: 'access-request-form', subjectType: 'Convention', subjectId: convention.id, title: "Demande d'accès", storagePath: stored.path, sha256: stored.sha256, size: 14, generatedAt: new Date(),
      } as Partial<Document>);
    }
    case 'Scan': {
      const stored = await services().storage.store('scans/test', 'pdf', Buffer.from('%PDF-1.4 scan'));
      return ds.getRepository(Scan).save({ originalName: 'demande-signee.pdf', mimeType: 'application/pdf', size: 13, sha256: stored.sha256, storagePath: stored.path } as Partial<Scan>);
    }
    case 'OutboxEmail': return ds.getRepository(OutboxEmail).save({
      kind: 'test', to: 'a@b.fr', subject: 'Essai', html: '<p>Essai</p>', text: 'Essai', status: 'en-attente', nextAttemptAt: new Date(),
    } as Partial<OutboxEmail>);
    case 'JobRun': return ds.getRepository('JobRun').save({ job: 'test', startedAt: new Date(), status: 'termine' }) as unknown as Promise<{ id: number }>;
    case 'AuditEvent': return ds.getRepository(AuditEvent).save({ occurredAt: new Date(), action: 'test', legalHold: false } as Partial<AuditEvent>);
    case 'Settings': return ds.getRepository('Settings').findOneOrFail({ where: {} }) as unknown as Promise<{ id: number }>;
    case 'StaffUser': return ds.getRepository('StaffUser').save({
      email: `agent${next()}@test.caf.fr`, name: 'Agent de test', role: 'consultation', active: true, passwordHash: 'x',
    }) as unknown as Promise<{ id: number }>;
    case 'Recertification': {
      const convention = await makeConvention(ds);
      return ds.getRepository('Recertification').save({
        conventionId: convention.id, anniversary: '2027-02-20', documentId: 0, reference: null, dueDate: '2026-12-20', status: 'envoyee',
      }) as unknown as Promise<{ id: number }>;
    }
    case 'ReasonTemplate': return ds.getRepository('ReasonTemplate').save(reasonTemplatePayload()) as unknown as Promise<{ id: number }>;
    default: throw new Error(`no factory for ${resource}`);
  }
}

/** A valid creation payload, as the AdminJS form sends it. */
export async function newPayload(ds: DataSource, resource: string): Promise<Record<string, unknown> | null> {
  switch (resource) {
    case 'Partner': return partnerPayload();
    case 'AccessProfile': return { code: `T7${next()}`.slice(0, 16), label: 'Profil créé', dataCategories: '- Adresse', needsAccessCode: false, dataSharingAnnex: false, conventionKind: 'cafpro', active: true };
    case 'Convention': {
      const partner = await makePartner(ds);
      const profile = await ds.getRepository(AccessProfile).findOneByOrFail({ code: 'T2' });
      return { partnerId: partner.id, profileId: profile.id, kind: 'cafpro', signatoryCivility: 'Monsieur', signatoryName: 'Arnaud Péricard', signatoryTitle: 'Maire' };
    }
    case 'HabilitationManager': return managerPayload((await makeConvention(ds)).id);
    case 'AccessRequest': return accessRequestPayload((await makeConvention(ds)).id);
    case 'SuppressionRequest': return { habilitationId: (await makeHabilitation(ds)).id, position: 'Assistante sociale', effectiveDate: '2026-12-15', receivedDate: '2026-11-10', employerSigned: true };
    case 'PasswordCampaign': return { changeDate: '2027-06-01', scope: 'all', noticeDays: 15 };
    case 'StaffUser': return { email: `nouvel.agent${next()}@test.caf.fr`, name: 'Nouvel Agent', role: 'consultation', active: true, password: 'Nouveau-Agent-2026!' };
    case 'ReasonTemplate': return reasonTemplatePayload();
    default: return null;
  }
}

/** One field a user may change on an existing record, and a valid new value (different at each call,
 *  so that a refused edit can never look like an earlier allowed one). */
export const EDIT_FIELD: Record<string, () => [string, unknown]> = {
  Partner: () => ['representativeName', `Céline Œuvray ${next()}`],
  AccessProfile: () => ['label', `Profil modifié ${next()}`],
  Convention: () => ['signatoryName', `Céline Œuvray ${next()}`],
  HabilitationManager: () => ['lastName', `Œuvray ${next()}`],
  AccessRequest: () => ['position', `Conseillère en économie sociale et familiale ${next()}`],
  Habilitation: () => ['position', `Responsable de secteur ${next()}`],
  SuppressionRequest: () => ['position', `Responsable de secteur ${next()}`],
  PasswordCampaign: () => ['noticeDays', 16 + (next() % 20)], // the factory's campaign has 15
  Settings: () => ['contactName', `Laurence Descombes ${next()}`],
  StaffUser: () => ['name', `Agent Renommé ${next()}`],
  ReasonTemplate: () => ['label', `Signature absente ${next()}`],
};
