import { describe, expect, it } from '@jest/globals';
import {
  canRecordReturn, dueReminderDays, isLastReminder, isUnanswered, lineEffectiveDate, lineOutcome, lineReport, parsePastedList, parseReminderDays,
  recertificationDueDate, toIsoDate, newManagerDueDate, newManagerRecertificationDue, reminderDaysCoveredBySending, revocationDetailsOf,
} from '../../../../src/domain/recertification/recertification.rules.js';

const TODAY = '2026-11-23';

describe('recertification rules', () => {
  it('the due date is the last day to denounce, or the anniversary for a notice issued after it', () => {
    expect(recertificationDueDate('2026-12-20', '2027-02-20', TODAY)).toBe('2026-12-20');
    expect(recertificationDueDate('2026-12-20', '2027-02-20', '2026-12-20')).toBe('2026-12-20');
    expect(recertificationDueDate('2026-11-10', '2027-01-10', TODAY)).toBe('2027-01-10');
  });

  it('states: a return is recorded once; « sans réponse » only after the due date, never once returned', () => {
    expect(canRecordReturn('envoyee')).toBe(true);
    expect(canRecordReturn('relancee')).toBe(true);
    expect(canRecordReturn('sans-reponse')).toBe(true);
    expect(canRecordReturn('retournee')).toBe(false);
    expect(isUnanswered('envoyee', '2026-11-23', TODAY)).toBe(false);
    expect(isUnanswered('envoyee', '2026-11-22', TODAY)).toBe(true);
    expect(isUnanswered('relancee', '2026-11-22', TODAY)).toBe(true);
    expect(isUnanswered('retournee', '2026-11-01', TODAY)).toBe(false);
    expect(isUnanswered('sans-reponse', '2026-11-01', TODAY)).toBe(false);
  });

  it('line outcomes: révoquée today or past, programmée in the future, déjà révoquée, introuvable, conservée', () => {
    const active = { status: 'active' as const, identifier: 'CP78-000001', revokedDate: null };
    expect(lineOutcome({ statusThen: 'active' }, active, 'supprimer', TODAY, TODAY)).toEqual({ outcome: 'revoquee', changed: null });
    expect(lineOutcome({ statusThen: 'active' }, active, 'supprimer', '2026-01-01', TODAY)).toEqual({ outcome: 'revoquee', changed: null });
    expect(lineOutcome({ statusThen: 'active' }, active, 'supprimer', '2026-11-24', TODAY)).toEqual({ outcome: 'programmee', changed: null });
    expect(lineOutcome({ statusThen: 'active' }, active, 'conserver', TODAY, TODAY)).toEqual({ outcome: 'conservee', changed: null });
    expect(lineOutcome({ statusThen: 'active' }, null, 'supprimer', TODAY, TODAY).outcome).toBe('introuvable');
    const revoked = { status: 'revoquee' as const, identifier: 'CP78-000001', revokedDate: '2026-11-02' };
    expect(lineOutcome({ statusThen: 'active' }, revoked, 'supprimer', TODAY, TODAY))
      .toEqual({ outcome: 'deja-revoquee', changed: 'active sur l’avis, révoquée aujourd’hui (le 2 novembre 2026)' });
  });

  it('a habilitation that changed since the list was frozen is reported, whatever the decision', () => {
    const suspended = { status: 'suspendue' as const, identifier: 'CP78-000001', revokedDate: null };
    expect(lineOutcome({ statusThen: 'active' }, suspended, 'conserver', TODAY, TODAY))
      .toEqual({ outcome: 'conservee', changed: 'active sur l’avis, suspendue aujourd’hui' });
    const result = lineOutcome({ statusThen: 'active' }, suspended, 'supprimer', TODAY, TODAY);
    expect(result.outcome).toBe('revoquee');
    expect(lineReport({ identifier: 'CP78-000001', name: 'Hélène LEFÈVRE' }, result, TODAY, TODAY))
      .toBe('CP78-000001 Hélène LEFÈVRE : révoquée le 23 novembre 2026 — changement depuis l’avis : active sur l’avis, suspendue aujourd’hui');
    expect(lineReport({ identifier: 'CP78-000002', name: 'Noël DUPRÉ' }, { outcome: 'programmee', changed: null }, '2027-02-20', null))
      .toBe('CP78-000002 Noël DUPRÉ : programmée le 20 février 2027');
  });

  it('effective dates: blank is the anniversary; French or ISO dates; anything else refused', () => {
    expect(lineEffectiveDate('', '2027-02-20')).toBe('2027-02-20');
    expect(lineEffectiveDate(undefined, '2027-02-20')).toBe('2027-02-20');
    expect(lineEffectiveDate('31/12/2026', '2027-02-20')).toBe('2026-12-31');
    expect(lineEffectiveDate('2026-12-31', '2027-02-20')).toBe('2026-12-31');
    expect(lineEffectiveDate('31/02/2026', '2027-02-20')).toBeNull();
    expect(lineEffectiveDate('demain', '2027-02-20')).toBeNull();
    expect(toIsoDate('1/3/2027')).toBe('2027-03-01');
  });

  it('a pasted list: identifiers or emails, a date on the line, header and blank lines dropped', () => {
    const pasted = 'Nom\tPrénom\tIdentifiant\tDate de départ\n'
      + 'Lefèvre\tHélène\tcp78-000123\t31/12/2026\n\n'
      + 'Dupré;Noël;noel.dupre@mairie.fr\n'
      + '  CP2A-000007  \n';
    expect(parsePastedList(pasted)).toEqual([
      { text: 'Lefèvre\tHélène\tcp78-000123\t31/12/2026', identifier: 'CP78-000123', email: null, date: '2026-12-31' },
      { text: 'Dupré;Noël;noel.dupre@mairie.fr', identifier: null, email: 'noel.dupre@mairie.fr', date: null },
      { text: 'CP2A-000007', identifier: 'CP2A-000007', email: null, date: null },
    ]);
    expect(parsePastedList('')).toEqual([]);
  });
});

describe('recertification reminders', () => {
  const open = (reminderDays: number | null, status: 'envoyee' | 'relancee' | 'retournee' | 'sans-reponse' = 'envoyee') => ({ status, dueDate: '2026-12-20', reminderDays });
  it('the Settings list « 30,7 », largest first; refused in French otherwise', () => {
    expect(parseReminderDays('7, 30')).toEqual({ ok: true, value: [30, 7] });
    expect(parseReminderDays('trente')).toMatchObject({ ok: false, message: expect.stringContaining('« 30,7 »') });
  });
  it('J-30 then J-7, each once; a late run sends only the closest; none once returned or after the due date', () => {
    expect(dueReminderDays(open(null), '2026-11-19', [30, 7])).toBeNull();
    expect(dueReminderDays(open(null), '2026-11-20', [30, 7])).toBe(30);
    expect(dueReminderDays(open(30, 'relancee'), '2026-11-21', [30, 7])).toBeNull();
    expect(dueReminderDays(open(30, 'relancee'), '2026-12-13', [30, 7])).toBe(7);
    expect(dueReminderDays(open(null), '2026-12-15', [30, 7])).toBe(7);
    expect(dueReminderDays(open(7, 'relancee'), '2026-12-20', [30, 7])).toBeNull();
    expect(dueReminderDays(open(null), '2026-12-21', [30, 7])).toBeNull();
    expect(dueReminderDays(open(null, 'retournee'), '2026-11-20', [30, 7])).toBeNull();
    expect(isLastReminder(7, [30, 7])).toBe(true);
    expect(isLastReminder(30, [30, 7])).toBe(false);
  });
});

describe('a new responsable habilitations (issue 15 §3)', () => {
  const before = { email: 'gaetan.francois@montigny.example', firstName: 'François', lastName: 'Gaëtan' };
  const newcomer = { email: 'anais.perez@montigny.example', firstName: 'Anaïs', lastName: 'Pérez' };
  it('a new person with habilitations to take over confirms them; the same person designated again, or nobody to confirm, does not', () => {
    expect(newManagerRecertificationDue(newcomer, before, 3)).toBe(true);
    expect(newManagerRecertificationDue(newcomer, null, 1)).toBe(true);
    expect(newManagerRecertificationDue(newcomer, before, 0)).toBe(false);
    // A form signed anew by the responsable in office (new phone, address written differently).
    expect(newManagerRecertificationDue({ ...before, email: ' Gaetan.Francois@Montigny.example ' }, before, 3)).toBe(false);
    expect(newManagerRecertificationDue({ ...before, email: 'f.gaetan@mairie.example', firstName: 'francois', lastName: 'GAETAN' }, before, 3)).toBe(false);
  });
  it('due 30 days after it is sent; the reminders inside those 30 days are stood for by the sending, the J-7 one still comes', () => {
    expect(newManagerDueDate('2026-11-23')).toBe('2026-12-23');
    expect(reminderDaysCoveredBySending('2026-12-23', '2026-11-23', [30, 7])).toBe(30);
    expect(dueReminderDays({ status: 'envoyee', dueDate: '2026-12-23', reminderDays: 30 }, '2026-11-23', [30, 7])).toBeNull();
    expect(dueReminderDays({ status: 'envoyee', dueDate: '2026-12-23', reminderDays: 30 }, '2026-12-16', [30, 7])).toBe(7);
    expect(reminderDaysCoveredBySending('2026-12-23', '2026-11-23', [60, 45, 7])).toBe(45);
    expect(reminderDaysCoveredBySending('2026-12-23', '2026-11-23', [14, 7])).toBeNull();
  });
  it('what the returned list revokes says where it came from', () => {
    expect(revocationDetailsOf('anniversaire')).toBe('Suppression demandée — recertification annuelle');
    expect(revocationDetailsOf('nouveau-responsable')).toBe('Suppression demandée — recertification à la désignation d’un nouveau responsable');
  });
});
