// Home page of the back-office (replaces AdminJS's marketing dashboard): who is logged in,
// « À traiter »: the work queues of the role, and « Échéances »: the dates coming for the convention
// desk; each count links to the list of exactly those records (src/domain/work-queues/work-queues.ts).
import React, { useEffect, useState } from 'react';
import { Box, H2, H5, Text } from '@adminjs/design-system';
import { ApiClient, useCurrentAdmin } from 'adminjs';
import type { DashboardData } from '../dashboard.js';

const ROLE_LABELS: Record<string, string> = {
  'administrateur': 'Administrateur',
  'gestionnaire-conventions': 'Gestionnaire conventions',
  'gestionnaire-habilitations': 'Gestionnaire habilitations',
  'directeur': 'Directeur',
  'consultation': 'Consultation',
};

const api = new ApiClient();

const waited = (days: number | null) =>
  days === null ? null : days <= 0 ? "le plus ancien : aujourd'hui" : `le plus ancien : il y a ${days} jour${days > 1 ? 's' : ''}`;

const QueueCards: React.FC<{ queues: DashboardData['queues']; color: string }> = ({ queues, color }) => (
  <Box flex flexDirection="row" style={{ flexWrap: 'wrap', gap: 16 }}>
    {queues.map((queue) => (
      <a key={queue.id} href={queue.href} data-queue={queue.id}
        style={{ display: 'block', width: 260, padding: 16, border: '1px solid #dde1e5', borderRadius: 4, textDecoration: 'none', color: 'inherit' }}>
        <Text style={{ fontSize: 28, fontWeight: 700, color: queue.count ? color : '#3b8d5c' }}>{queue.count}</Text>
        <Text style={{ fontWeight: 600 }}>{queue.label}</Text>
        <Text style={{ fontSize: 12, color: '#6b7280' }}>{queue.hint}</Text>
        {queue.count ? <Text style={{ fontSize: 12 }}>{waited(queue.oldestDays)}</Text> : null}
      </a>
    ))}
  </Box>
);

const WorkQueues: React.FC = () => {
  const [data, setData] = useState<DashboardData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.getDashboard().then((response) => setData(response.data as DashboardData)).catch(() => setFailed(true));
  }, []);
  if (failed) return <Text role="alert">Les files de travail n&apos;ont pas pu être chargées : rechargez la page.</Text>;
  if (!data) return <Text>Chargement des files de travail…</Text>;
  if (!data.queues.length) {
    return <Text mt="lg">Aucune file de travail pour votre rôle : toutes les rubriques du menu sont consultables.</Text>;
  }
  const todo = data.queues.filter((q) => q.group !== 'due');
  const due = data.queues.filter((q) => q.group === 'due');
  return (
    <>
      {todo.length ? (
        <Box mt="xl" data-testid="work-queues">
          <H5>À traiter</H5>
          <QueueCards queues={todo} color="#c20012" />
        </Box>
      ) : null}
      {/* Issue 13 §6: the dates coming for the convention desk, each card a link to exactly its conventions. */}
      {due.length ? (
        <Box mt="xl" data-testid="due-dates">
          <H5>Échéances</H5>
          <QueueCards queues={due} color="#9a4a00" />
        </Box>
      ) : null}
    </>
  );
};

const Dashboard: React.FC = () => {
  const [currentAdmin] = useCurrentAdmin();
  const role = ROLE_LABELS[String((currentAdmin as { role?: string } | null)?.role)] ?? '';
  return (
    <Box variant="grey">
      <Box variant="white" p="xl">
        <H2>Back-office Cafpro</H2>
        <Text>
          Connecté : {currentAdmin?.email} — rôle « {role} ».
        </Text>
        <WorkQueues />
        <Text mt="lg">
          Partenaires, conventions de service, responsables habilitations, demandes d&apos;accès,
          habilitations et demandes de suppression : choisissez une rubrique dans le menu.
        </Text>
        <H5 mt="xl">Mon compte</H5>
        <Text>
          <a href="/admin/mon-compte/mot-de-passe">Changer mon mot de passe</a>
          {' · '}
          <a href="/admin/mon-compte/sessions">Mes sessions</a>
        </Text>
        <Text>
          <a href="/admin/second-facteur/inscription">Second facteur (application d&apos;authentification)</a>
        </Text>
        {(currentAdmin as { role?: string } | null)?.role === 'administrateur' && (
          <>
            <H5 mt="xl">Reprise des données</H5>
            <Text>
              <a href="/admin/import">Importer des données existantes</a> (tableaux Excel ou CSV de la Caf)
            </Text>
          </>
        )}
      </Box>
    </Box>
  );
};

export default Dashboard;
