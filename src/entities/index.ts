import { AccessProfile } from './access-profile.entity.js';
import { AccessRequest } from './access-request.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { Convention } from './convention.entity.js';
import { Document } from './document.entity.js';
import { JobRun } from './job-run.entity.js';
import { HabilitationManager } from './habilitation-manager.entity.js';
import { Habilitation } from './habilitation.entity.js';
import { OutboxEmail } from './outbox-email.entity.js';
import { PasswordCampaignRecipient } from './password-campaign-recipient.entity.js';
import { PasswordCampaign } from './password-campaign.entity.js';
import { Partner } from './partner.entity.js';
import { Scan } from './scan.entity.js';
import { SequenceCounter } from './sequence-counter.entity.js';
import { Session } from './session.entity.js';
import { Settings } from './settings.entity.js';
import { StaffRecoveryCode } from './staff-recovery-code.entity.js';
import { StaffUser } from './staff-user.entity.js';
import { SuppressionRequest } from './suppression-request.entity.js';
import { Recertification } from './recertification.entity.js';
import { RecertificationLine } from './recertification-line.entity.js';
import { ReasonTemplate } from './reason-template.entity.js';

export {
  AccessProfile, AccessRequest, AuditEvent, Convention, Document, HabilitationManager, Habilitation, JobRun, OutboxEmail,
  PasswordCampaign, PasswordCampaignRecipient, Partner, Scan, SequenceCounter, Session, Settings, StaffRecoveryCode,
  StaffUser, SuppressionRequest, Recertification, RecertificationLine, ReasonTemplate,
};

export const ENTITIES = [
  AccessProfile, AccessRequest, AuditEvent, Convention, Document, HabilitationManager, Habilitation, JobRun, OutboxEmail,
  PasswordCampaign, PasswordCampaignRecipient, Partner, Scan, SequenceCounter, Session, Settings, StaffRecoveryCode,
  StaffUser, SuppressionRequest, Recertification, RecertificationLine, ReasonTemplate,
];
