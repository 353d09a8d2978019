import { describe, expect, it } from '@jest/globals';
import {
  bool, choice, date, email, FormCheck, formReference, integer, NOT_IN_FUTURE_MESSAGE, phone, reference, requiredText, text,
} from '../../../../src/domain/shared/form.validation.js';
import { REQUIRED_MESSAGE } from '../../../../src/domain/shared/validators.js';

describe('FormCheck', () => {
  it('checks every field on creation, even those the form leaves out', () => {
    const form = new FormCheck({});
    form.check('name', requiredText(10));
    expect(form.creating).toBe(true);
    expect(form.result()).toEqual([{ field: 'name', message: REQUIRED_MESSAGE }]);
  });

  it('checks on edit only the fields the form sends, and returns their normalised values', () => {
    const form = new FormCheck({ name: '  Ville   de  Poissy ' }, { id: 3, name: 'Poissy', city: '' });
    form.check('name', requiredText(40));
    form.check('city', requiredText(40));
    expect(form.result()).toEqual({ name: 'Ville de Poissy' });
  });

  it('checks a stored value again when forced (a rule across fields)', () => {
    const form = new FormCheck({ other: 'x' }, { name: '' });
    form.check('name', requiredText(40), form.sendsAny('name', 'other'));
    expect(form.result()).toEqual([{ field: 'name', message: REQUIRED_MESSAGE }]);
  });

  it('tells the value that will be stored: checked, else stored, else nothing when refused', () => {
    const form = new FormCheck({ a: ' 1 ', b: 'x' }, { a: '9', b: '8', c: '7' });
    form.check('a', integer({ min: 0, message: 'nombre' }));
    form.check('b', integer({ min: 0, message: 'nombre' }));
    expect(form.value('a')).toBe(1);
    expect(form.value('b')).toBeUndefined();
    expect(form.value('c')).toBe('7');
  });

  it('knows whether a field changes its stored value', () => {
    const form = new FormCheck({ code: 't2', label: 'Autre' }, { code: 'T2', label: 'Profil' });
    form.check('code', (raw) => ({ ok: true, value: raw!.toUpperCase() }));
    expect(form.changes('code')).toBe(false);
    expect(form.changes('label')).toBe(true);
    expect(form.changes('absent')).toBe(false);
    expect(new FormCheck({}).changes('anything')).toBe(true);
  });

  it('drops the value of a field once an error is added to it', () => {
    const form = new FormCheck({ a: 'x' });
    form.check('a', requiredText(5));
    form.error('a', 'Refusé.');
    expect(form.hasError('a')).toBe(true);
    expect(form.result()).toEqual([{ field: 'a', message: 'Refusé.' }]);
  });
});

describe('field validators', () => {
  it('text: collapses spaces, keeps lines when multiline, limits the length, blank is null unless required', () => {
    expect(text({ max: 20 })('  a   b ')).toEqual({ ok: true, value: 'a b' });
    expect(text({ max: 40, multiline: true })(' 1 rue  X \r\n 78000  Versailles ')).toEqual({ ok: true, value: '1 rue X\n78000 Versailles' });
    expect(text({ max: 3 })('abcd')).toEqual({ ok: false, message: 'Ce champ ne peut pas dépasser 3 caractères.' });
    expect(text({ max: 3 })('  ')).toEqual({ ok: true, value: null });
    expect(text({ max: 3, required: true, message: 'Dites-le.' })(null)).toEqual({ ok: false, message: 'Dites-le.' });
  });

  it('choice, bool, integer, reference', () => {
    expect(choice(['CDI', 'CDD'] as const, 'Choisissez.')('CDD')).toEqual({ ok: true, value: 'CDD' });
    expect(choice(['CDI', 'CDD'] as const, 'Choisissez.')('cdd')).toEqual({ ok: false, message: 'Choisissez.' });
    expect(bool('true')).toEqual({ ok: true, value: true });
    expect(bool(undefined)).toEqual({ ok: true, value: false });
    expect(integer({ min: 1, max: 10, message: 'Entre 1 et 10.' })('7')).toEqual({ ok: true, value: 7 });
    for (const bad of ['0', '11', '2.5', '-1', 'dix']) expect(integer({ min: 1, max: 10, message: 'Entre 1 et 10.' })(bad)).toEqual({ ok: false, message: 'Entre 1 et 10.' });
    expect(integer({ min: 1, message: 'x' })('')).toEqual({ ok: true, value: null });
    expect(integer({ min: 1, message: 'x', required: true })('')).toEqual({ ok: false, message: REQUIRED_MESSAGE });
    expect(reference('Choisissez.')('12')).toEqual({ ok: true, value: 12 });
    for (const bad of ['', '0', 'abc', null]) expect(reference('Choisissez.')(bad)).toEqual({ ok: false, message: 'Choisissez.' });
  });

  it('email and phone, required or not', () => {
    expect(email(true)(' Agent@Ville.FR ')).toEqual({ ok: true, value: 'agent@ville.fr' });
    expect(email(false)('')).toEqual({ ok: true, value: null });
    expect(email(true)('')).toEqual({ ok: false, message: REQUIRED_MESSAGE });
    expect(phone(false)('+33 1 30 87 20 00')).toEqual({ ok: true, value: '01 30 87 20 00' });
    expect(phone(false)(null)).toEqual({ ok: true, value: null });
  });

  it('date: a real calendar day from 2000 on, optionally not after today or within years ahead', () => {
    expect(date({ required: true })('2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
    expect(date({ required: true })('2026-02-29')).toEqual({ ok: false, message: "Cette date n'existe pas dans le calendrier." });
    expect(date({ required: false })('')).toEqual({ ok: true, value: null });
    expect(date({ required: true, notAfter: '2026-11-23' })('2026-11-23')).toEqual({ ok: true, value: '2026-11-23' });
    expect(date({ required: true, notAfter: '2026-11-23' })('2026-11-24')).toEqual({ ok: false, message: NOT_IN_FUTURE_MESSAGE });
    expect(date({ required: true })('0001-01-01')).toEqual({ ok: false, message: 'Cette date ne peut pas être antérieure au 1er janvier 2000.' });
    expect(date({ required: false, ahead: { from: '2026-11-23', years: 5 } })('9999-12-31'))
      .toEqual({ ok: false, message: 'Cette date ne peut pas être postérieure au 23 novembre 2031 (5 ans au plus).' });
  });

  it('formReference: the printed reference of the form, optional', () => {
    expect(formReference('DA')(' da-2026-000123 ')).toEqual({ ok: true, value: 'DA-2026-000123' });
    expect(formReference('DA')('')).toEqual({ ok: true, value: null });
    expect(formReference('DA')('DS-2026-000123')).toEqual({ ok: false, message: 'Référence du formulaire invalide (ex. DA-2026-000123).' });
  });
});
