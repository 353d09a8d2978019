// Every migration, in order. Never edit a landed migration: add a new one.
import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { UniqueFormReferences1764100000000 } from './1764100000000-unique-form-references.js';
import { StaffSecondFactor1764200000000 } from './1764200000000-staff-second-factor.js';
import { StaffPasswordMustChange1764210000000 } from './1764210000000-staff-password-must-change.js';
import { DocumentParameters1764220000000 } from './1764220000000-document-parameters.js';
import { PaperFormReferences1764230000000 } from './1764230000000-paper-form-references.js';
import { IncompleteFollowUp1764240000000 } from './1764240000000-incomplete-follow-up.js';
import { RetentionAndHistory1764340000000 } from './1764340000000-retention-and-history.js';
import { ListIndexes1764345000000 } from './1764345000000-list-indexes.js';
import { ContractEndNotices1764390000000 } from './1764390000000-contract-end-notices.js';
import { Recertification1764400000000 } from './1764400000000-recertification.js';
import { FoldedNames1764430000000 } from './1764430000000-folded-names.js';
import { ReasonTemplates1764460000000 } from './1764460000000-reason-templates.js';

export const MIGRATIONS = [
  InitialSchema1764000000000,
  UniqueFormReferences1764100000000,
  StaffSecondFactor1764200000000,
  StaffPasswordMustChange1764210000000,
  DocumentParameters1764220000000,
  PaperFormReferences1764230000000,
  IncompleteFollowUp1764240000000,
  RetentionAndHistory1764340000000,
  ListIndexes1764345000000,
  ContractEndNotices1764390000000,
  Recertification1764400000000,
  FoldedNames1764430000000,
  ReasonTemplates1764460000000,
];
