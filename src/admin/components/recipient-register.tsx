// « Registre des destinataires » (Partenaires): the two downloads of the day's register (the route
// GET /admin/registre-destinataires/:format checks the policy and journals the download).
import React from 'react';
import { Box, Button, H3, Text } from '@adminjs/design-system';

const RecipientRegister: React.FC = () => (
  <Box variant="white" p="xl">
    <H3>Registre des destinataires</H3>
    <Text mb="lg">
      Les partenaires dont une convention est en vigueur aujourd’hui, avec le profil d’accès et le nombre d’habilitations actives :
      en PDF daté et signé, ou en XLSX. Le téléchargement est inscrit au journal.
    </Text>
    <Box flex flexDirection="row" style={{ gap: 16 }}>
      <Button as="a" href="/admin/registre-destinataires/pdf" variant="contained">Télécharger le PDF signé</Button>
      <Button as="a" href="/admin/registre-destinataires/xlsx" variant="outlined">Télécharger en XLSX (Excel)</Button>
    </Box>
  </Box>
);

export default RecipientRegister;
