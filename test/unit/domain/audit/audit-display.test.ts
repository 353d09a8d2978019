import { describe, expect, it } from '@jest/globals';
import { detailsSentence, displayIp, reasonLabel, stateLabel } from '../../../../src/domain/audit/audit-display.js';

describe('the journal in words', () => {
  it('names the states by their labels, per kind of record', () => {
    expect(stateLabel('Convention', 'envoyee')).toBe('Envoyée');
    expect(stateLabel('PasswordCampaign', 'planifiee')).toBe('Planifiée');
    expect(stateLabel('HabilitationManager', 'remplace')).toBe('Remplacé');
    expect(stateLabel('Convention', null)).toBeNull();
  });

  it('writes the details as sentences, dates the French way, codes by their labels', () => {
    expect(detailsSentence(JSON.stringify({ identifier: 'CP78-00012', revokedDate: '2026-12-01', alreadyRevoked: false, reasonCode: 'perte-ou-vol' })))
      .toBe(`Identifiant : CP78-00012. Révoquée le : 1er décembre 2026. Déjà révoquée : non. Motif : ${reasonLabel('perte-ou-vol')}.`);
    expect(reasonLabel('perte-ou-vol')).not.toBe('perte-ou-vol');
    expect(detailsSentence(JSON.stringify({ warnings: [], formReference: null }))).toBe('Avertissements : aucun.');
    expect(detailsSentence('pas du JSON')).toBe('pas du JSON');
    expect(detailsSentence(null)).toBeNull();
  });

  it('shows an IPv4 address without the ::ffff: prefix, IPv6 as it is', () => {
    expect(displayIp('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(displayIp('2001:db8::1')).toBe('2001:db8::1');
    expect(displayIp(null)).toBeNull();
  });
});
