import { describe, it, expect } from '@jest/globals';
import { approvalFailures, extendedHabilitation, type ApprovalFacts } from '../../../../src/domain/access-request/access-request.checks.js';

const valid: ApprovalFacts = {
  decisionDate: '2026-11-23',
  convention: { status: 'signee', kind: 'cafpro', effectiveDate: '2024-03-15', endDate: null },
  cap: 5,
  activeCount: 4,
  applicant: { nom: 'Dupont', prenom: 'Hélène', email: 'helene.dupont@mairie.fr' },
  liveHabilitations: [{ nom: 'Martin', prenom: 'Paul', email: 'paul.martin@mairie.fr', status: 'active' }],
  userSignaturePresent: true,
  employerSignaturePresent: true,
  contract: 'CDI',
  contractEndDate: null,
  receivedDate: '2026-11-02',
};

const codes = (facts: ApprovalFacts) => approvalFailures(facts).map((f) => f.code);

describe('approvalFailures', () => {
  it('is empty for a valid request', () => {
    expect(approvalFailures(valid)).toEqual([]);
  });

  describe('convention active on the decision date', () => {
    it.each([
      ['not signed yet', { status: 'envoyee', kind: 'cafpro', effectiveDate: null, endDate: null }],
      ['not yet effective', { status: 'signee', kind: 'cafpro', effectiveDate: '2026-11-24', endDate: null }],
      ['ended by a dénonciation', { status: 'denoncee', kind: 'cafpro', effectiveDate: '2024-03-15', endDate: '2026-03-15' }],
      ['ends that very day', { status: 'resiliee', kind: 'cafpro', effectiveDate: '2024-03-15', endDate: '2026-11-23' }],
    ] as const)('fails when the convention is %s', (_label, convention) => {
      expect(approvalFailures({ ...valid, convention })).toEqual([
        { code: 'convention-inactive', message: "La convention n'est pas active à la date de la décision." },
      ]);
    });

    it('passes for a dénoncée convention still running', () => {
      expect(approvalFailures({ ...valid, convention: { status: 'denoncee', kind: 'cafpro', effectiveDate: '2024-03-15', endDate: '2027-03-15' } })).toEqual([]);
    });

    it('fails under a data-provision convention, which gives no Cafpro access', () => {
      expect(approvalFailures({ ...valid, convention: { ...valid.convention, kind: 'data-provision' } })).toEqual([{
        code: 'convention-sans-acces-cafpro',
        message: 'Cette convention de mise à disposition de données ne donne aucun accès à Cafpro : aucune habilitation ne peut être délivrée à son titre.',
      }]);
    });
  });

  describe('cap', () => {
    it('fails when the cap is reached', () => {
      expect(approvalFailures({ ...valid, activeCount: 5 })).toEqual([
        { code: 'plafond-atteint', message: "Le nombre maximal d'habilitations de la convention est atteint (5 sur 5)." },
      ]);
    });
    it('passes without a cap', () => {
      expect(approvalFailures({ ...valid, cap: null, activeCount: 500 })).toEqual([]);
    });
  });

  describe('existing habilitation of the same person', () => {
    it('fails when the person already holds an active one, accents, case and spaces folded', () => {
      const facts = { ...valid, liveHabilitations: [{ nom: ' DUPONT', prenom: 'helene ', email: 'Helene.Dupont@Mairie.fr', status: 'active' as const }] };
      expect(approvalFailures(facts)).toEqual([
        { code: 'habilitation-active-existante', message: 'Cette personne a déjà une habilitation active sur cette convention.' },
      ]);
    });
    it('fails with another message when the existing one is suspended', () => {
      const facts = { ...valid, liveHabilitations: [{ ...valid.applicant, status: 'suspendue' as const }] };
      expect(approvalFailures(facts)).toEqual([
        {
          code: 'habilitation-suspendue-existante',
          message: "Cette personne a une habilitation suspendue sur cette convention : réactivez-la plutôt que d'en créer une nouvelle.",
        },
      ]);
    });
    it('reports only the active one when both exist', () => {
      const facts = {
        ...valid,
        liveHabilitations: [
          { ...valid.applicant, status: 'suspendue' as const },
          { ...valid.applicant, status: 'active' as const },
        ],
      };
      expect(codes(facts)).toEqual(['habilitation-active-existante']);
    });
    it('passes for a namesake with another email', () => {
      const facts = { ...valid, liveHabilitations: [{ ...valid.applicant, email: 'h.dupont@ccas.fr', status: 'active' as const }] };
      expect(approvalFailures(facts)).toEqual([]);
    });
  });

  describe('« lu et approuvé » signatures', () => {
    it('fails for each missing signature', () => {
      expect(approvalFailures({ ...valid, userSignaturePresent: false, employerSignaturePresent: false })).toEqual([
        { code: 'signature-utilisateur-absente', message: "La signature de l'utilisateur précédée de « lu et approuvé » est absente." },
        { code: 'signature-employeur-absente', message: "Le cachet et la signature de l'employeur précédés de « lu et approuvé » sont absents." },
      ]);
    });
  });

  describe('contract', () => {
    it('fails when the contract type is not given', () => {
      expect(approvalFailures({ ...valid, contract: null })).toEqual([
        { code: 'contrat-non-precise', message: "Le type de contrat (CDI ou CDD) n'est pas précisé." },
      ]);
    });
    it('fails for a CDD without end date', () => {
      expect(approvalFailures({ ...valid, contract: 'CDD', contractEndDate: null })).toEqual([
        { code: 'date-fin-cdd-absente', message: 'La date de fin du CDD est obligatoire.' },
      ]);
    });
    it('fails for a CDD ending on or before the received date', () => {
      for (const end of ['2026-11-02', '2026-10-01']) {
        expect(approvalFailures({ ...valid, contract: 'CDD', contractEndDate: end })).toEqual([
          { code: 'date-fin-cdd-avant-reception', message: 'La date de fin du CDD doit être postérieure à la date de réception de la demande.' },
        ]);
      }
    });
    it('fails for a CDD already over at the decision date', () => {
      expect(approvalFailures({ ...valid, contract: 'CDD', contractEndDate: '2026-11-22' })).toEqual([
        { code: 'cdd-termine', message: 'Le CDD est terminé à la date de la décision.' },
      ]);
    });
    it('passes for a CDD ending on the decision date or later', () => {
      expect(approvalFailures({ ...valid, contract: 'CDD', contractEndDate: '2026-11-23' })).toEqual([]);
      expect(approvalFailures({ ...valid, contract: 'CDD', contractEndDate: '2027-06-30' })).toEqual([]);
    });
    it('ignores an end date given for a CDI', () => {
      expect(approvalFailures({ ...valid, contract: 'CDI', contractEndDate: '2020-01-01' })).toEqual([]);
    });
  });

  it('reports every failure at once, in a stable order', () => {
    expect(
      codes({
        ...valid,
        convention: { status: 'brouillon', kind: 'cafpro', effectiveDate: null, endDate: null },
        cap: 1,
        activeCount: 1,
        liveHabilitations: [{ ...valid.applicant, status: 'active' }],
        userSignaturePresent: false,
        employerSignaturePresent: false,
        contract: 'CDD',
        contractEndDate: null,
      }),
    ).toEqual([
      'convention-inactive',
      'plafond-atteint',
      'habilitation-active-existante',
      'signature-utilisateur-absente',
      'signature-employeur-absente',
      'date-fin-cdd-absente',
    ]);
  });

  describe('extension of a CDD (the « fin de CDD » notice\'s form)', () => {
    const held = { ...valid.applicant, status: 'active' as const, endDate: '2026-12-31' };
    const extension: ApprovalFacts = {
      ...valid, cap: 5, activeCount: 5, liveHabilitations: [held], contract: 'CDD', contractEndDate: '2027-06-30',
    };

    it('a later CDD end, or a CDI, for the holder of an active CDD extends it: no second habilitation, the cap is not hit', () => {
      expect(extendedHabilitation(extension)).toBe(held);
      expect(approvalFailures(extension)).toEqual([]);
      expect(extendedHabilitation({ ...extension, contract: 'CDI', contractEndDate: null })).toBe(held);
    });

    it('an end not later than the one held, a CDI holder, a suspended holder: no extension, the usual refusal', () => {
      expect(extendedHabilitation({ ...extension, contractEndDate: '2026-12-31' })).toBeNull();
      expect(codes({ ...extension, contractEndDate: '2026-12-31' })).toEqual(['plafond-atteint', 'habilitation-active-existante']);
      expect(extendedHabilitation({ ...extension, liveHabilitations: [{ ...held, endDate: null }] })).toBeNull();
      expect(codes({ ...extension, liveHabilitations: [{ ...held, status: 'suspendue' }] })).toContain('habilitation-suspendue-existante');
    });

    it('never past the convention\'s end', () => {
      const ending = { ...extension, convention: { status: 'denoncee' as const, kind: 'cafpro' as const, effectiveDate: '2024-03-15', endDate: '2027-03-15' } };
      expect(approvalFailures(ending)).toEqual([{
        code: 'cdd-apres-fin-convention',
        message: 'La fin du CDD (30 juin 2027) dépasse la fin de la convention, le 15 mars 2027 : l’habilitation ne peut pas aller au-delà.',
      }]);
      expect(approvalFailures({ ...ending, contractEndDate: '2027-03-15' })).toEqual([]);
    });
  });
});
