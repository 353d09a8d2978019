// « Campagne de recertification » (Recertifications annuelles): for an anniversary month, how many
// notices went out, came back, were reminded or stayed unanswered, the habilitations confirmed and
// revoked, each recertification of the month, and the evidence file (XLSX, served by
// src/http/recertification-campaign.ts, which checks the policy and journals the download).
import React, { useEffect, useState } from 'react';
import { Box, Button, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import type { Campaign } from '../../domain/recertification/recertification-campaign.use-cases.js';

const api = new ApiClient();

const FIGURES: Array<[keyof Campaign['figures'], string]> = [
  ['notices', 'Avis envoyés'],
  ['returned', 'Listes retournées'],
  ['reminded', 'Relancées'],
  ['unanswered', 'Sans réponse'],
  ['closed', 'Classées sans retour'],
  ['pending', 'En attente (échéance non passée)'],
  ['confirmed', 'Habilitations confirmées'],
  ['revoked', 'Habilitations révoquées ou programmées'],
  ['other', 'Lignes déjà révoquées ou introuvables'],
];

const frenchDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The months offered around `month` (« AAAA-MM »): a list in French, where a native month input follows the browser's language. */
function monthsAround(month: string): Array<{ value: string; label: string }> {
  const [year, m] = month.split('-').map(Number);
  return Array.from({ length: 37 }, (_, i) => {
    const index = year * 12 + (m - 1) + i - 24;
    const value = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { value, label: `${MONTH_NAMES[index % 12]} ${Math.floor(index / 12)}` };
  });
}
const initialMonth = () => new URLSearchParams(window.location.search).get('mois') ?? '';

const RecertificationCampaign: React.FC = () => {
  const [month, setMonth] = useState(initialMonth());
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    api.resourceAction({ resourceId: 'Recertification', actionName: 'campaign', method: 'post', data: { mois: month } })
      .then((response) => {
        const data = response.data as { campaign?: Campaign; notice?: { message: string } };
        if (data.campaign) {
          setCampaign(data.campaign);
          if (!month) setMonth(data.campaign.month);
        } else setError(data.notice?.message ?? 'La campagne n’a pas pu être chargée.');
      })
      .catch(() => setError('La campagne n’a pas pu être chargée : rechargez la page.'));
  }, [month]);
  const choose = (value: string) => {
    if (!value) return;
    window.history.replaceState(null, '', `${window.location.pathname}?mois=${value}`);
    setMonth(value);
  };
  return (
    <Box variant="white" p="xl" data-testid="recertification-campaign">
      <Text mb="lg">
        Les avis de reconduction des conventions dont la date anniversaire tombe dans le mois, avec la liste des habilitations
        figée à leur production : ce qui est revenu, ce qui a été relancé, ce qui reste sans réponse. Le fichier de preuve donne,
        pour chaque habilitation, la réponse du partenaire, son signataire, l’agent qui l’a enregistrée et la date d’effet.
      </Text>
      <Box mb="lg">
        <Label htmlFor="campaign-month">Mois anniversaire</Label>
        <select id="campaign-month" value={month} onChange={(e) => choose(e.target.value)} style={{ padding: 6, fontSize: 14 }}>
          {(month ? monthsAround(month) : []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </Box>
      {error ? <Text role="alert">{error}</Text> : null}
      {!campaign && !error ? <Text>Chargement de la campagne…</Text> : null}
      {campaign ? (
        <>
          <Box flex flexDirection="row" style={{ flexWrap: 'wrap', gap: 12 }} mb="lg" data-testid="campaign-figures">
            {FIGURES.map(([key, label]) => (
              <Box key={key} data-figure={key} style={{ width: 190, padding: 12, border: '1px solid #dde1e5', borderRadius: 4 }}>
                <Text style={{ fontSize: 24, fontWeight: 700 }}>{campaign.figures[key]}</Text>
                <Text>{label}</Text>
              </Box>
            ))}
          </Box>
          <Box mb="lg">
            <Button as="a" href={`/admin/recertifications/campagne/${campaign.month}.xlsx`} variant="contained">
              Télécharger le fichier de preuve (XLSX)
            </Button>
          </Box>
          {campaign.recertifications.length ? (
            <Table>
              <TableHead>
                <TableRow>
                  <TableCell>Convention</TableCell><TableCell>Partenaire</TableCell><TableCell>Anniversaire</TableCell>
                  <TableCell>À retourner le</TableCell><TableCell>État</TableCell><TableCell>Liste reçue le</TableCell><TableCell>Habilitations</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {campaign.recertifications.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell><a href={`/admin/resources/Recertification/records/${r.id}/show`}>{r.conventionNumber}</a></TableCell>
                    <TableCell>{r.partnerName}</TableCell>
                    <TableCell>{frenchDate(r.anniversary)}</TableCell>
                    <TableCell>{frenchDate(r.dueDate)}</TableCell>
                    <TableCell>{r.statusLabel}</TableCell>
                    <TableCell>{frenchDate(r.returnedDate)}</TableCell>
                    <TableCell>{r.lines}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : <Text>Aucun avis de reconduction pour ce mois.</Text>}
        </>
      ) : null}
    </Box>
  );
};

export default RecertificationCampaign;
