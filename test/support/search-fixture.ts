// Records for the search tests: persons named Dupont (with and without accents or capitals), a
// partner, a printed DA- reference already keyed, a responsable, a suppression.
import type { DataSource } from 'typeorm';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Document } from '../../src/entities/document.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { SuppressionRequest } from '../../src/entities/suppression-request.entity.js';
import { accessRequestPayload, makeConvention, makeHabilitation, managerPayload } from './factories.js';

export interface SearchFixture { partner: Partner; conventionId: number; conventionNumber: string; habilitation: Habilitation; requestId: number; managerId: number; suppressionId: number }

export async function seedSearch(dataSource: DataSource): Promise<SearchFixture> {
  const convention = await makeConvention(dataSource, { status: 'signee', effectiveDate: '2026-01-15', cafSignedDate: '2026-01-15' });
  const partner = await dataSource.getRepository(Partner).findOneByOrFail({ id: convention.partnerId });
  await dataSource.getRepository(Partner).update(partner.id, { name: 'Commune de Poissy-Émeraude' });
  const habilitation = await makeHabilitation(dataSource, convention.id);
  await dataSource.getRepository(Habilitation).update(habilitation.id, { lastName: 'DUPONT', firstName: 'Jérôme', email: 'jerome.dupont@poissy.fr' });
  const other = await makeHabilitation(dataSource, convention.id);
  await dataSource.getRepository(Habilitation).update(other.id, { lastName: 'Dupontel', firstName: 'Anne' });
  const request = await dataSource.manager.insert(AccessRequest, { ...accessRequestPayload(convention.id), lastName: 'Dupont', firstName: 'Hélène', formReference: 'DA-2026-000123', status: 'recue' } as never);
  await dataSource.getRepository(Document).save({
    kind: 'access-request-form', subjectType: 'Convention', subjectId: convention.id, title: 'Demande d’accès pré-remplie', reference: 'DA-2026-000123',
    storagePath: 'documents/2026/x.pdf', sha256: '0'.repeat(64), size: 1, generatedById: null, generatedAt: new Date(),
  } as Partial<Document>);
  const manager = await dataSource.manager.insert(HabilitationManager, { ...managerPayload(convention.id), lastName: 'Dupond', firstName: 'Émile', currentFor: convention.id } as never);
  const suppression = await dataSource.manager.insert(SuppressionRequest, {
    habilitationId: habilitation.id, position: 'Agent', effectiveDate: '2026-12-01', receivedDate: '2026-11-20', employerSigned: true, status: 'recue',
  } as never);
  return {
    partner: await dataSource.getRepository(Partner).findOneByOrFail({ id: partner.id }), conventionId: convention.id, conventionNumber: convention.number,
    habilitation: await dataSource.getRepository(Habilitation).findOneByOrFail({ id: habilitation.id }),
    requestId: request.identifiers[0].id as number, managerId: manager.identifiers[0].id as number, suppressionId: suppression.identifiers[0].id as number,
  };
}

