// Home page of the back-office (replaces AdminJS's marketing dashboard): who is logged in, where to go.
import React from 'react';
import { Box, H2, H5, Text } from '@adminjs/design-system';
import { useCurrentAdmin } from 'adminjs';

const ROLE_LABELS: Record<string, string> = {
  'administrateur': 'Administrateur',
  'gestionnaire-conventions': 'Gestionnaire conventions',
  'gestionnaire-habilitations': 'Gestionnaire habilitations',
  'directeur': 'Directeur',
  'consultation': 'Consultation',
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
        <Text mt="lg">
          Partenaires, conventions de service, responsables habilitations, demandes d&apos;accès,
          habilitations et demandes de suppression : choisissez une rubrique dans le menu.
        </Text>
        <H5 mt="xl">Mon compte</H5>
        <Text>
          <a href="/admin/mon-compte/mot-de-passe">Changer mon mot de passe</a>
        </Text>
      </Box>
    </Box>
  );
};

export default Dashboard;
