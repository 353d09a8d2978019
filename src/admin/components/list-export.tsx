// « Exporter » of a list: each link downloads every row of the list's filters and sort, as XLSX or
// CSV, from the export route (GET /admin/exports/:resource/:format, which checks the policy and
// journals the export). AdminJS does not carry the list's address to a resource action: the list's
// parameters are those of the page the agent came from (AdminJS's own router state, `from`), or of
// this page's address when a link gave them.
import React from 'react';
import { useSelector } from 'react-redux';
import { Box, Button, H3, Text } from '@adminjs/design-system';
import { type ActionProps } from 'adminjs';

interface RouterState { router?: { from?: { pathname?: string; search?: string } } }

const ListExport: React.FC<ActionProps> = ({ resource }) => {
  const from = useSelector((state: RouterState) => state.router?.from);
  const cameFromList = from?.pathname === `/admin/resources/${resource.id}`;
  const params = new URLSearchParams(window.location.search || (cameFromList ? from?.search ?? '' : ''));
  // The page being viewed does not matter: every row of the filters is exported.
  params.delete('page');
  params.delete('perPage');
  const query = params.toString() ? `?${params.toString()}` : '';
  const filtered = [...params.keys()].some((key) => key.startsWith('filters.'));
  const href = (format: string) => `/admin/exports/${encodeURIComponent(resource.id)}/${format}${query}`;
  return (
    <Box variant="white" p="xl">
      <H3>Exporter la liste « {resource.name} »</H3>
      <Text mb="lg">
        {filtered ? 'Toutes les lignes qui répondent aux filtres de la liste, ' : 'Toutes les lignes de la liste (aucun filtre), '}
        dans l’ordre de la liste, avec ses colonnes. L’export est inscrit au journal.
      </Text>
      <Box flex flexDirection="row" style={{ gap: 16 }}>
        <Button as="a" href={href('xlsx')} variant="contained" data-testid="export-xlsx">Télécharger en XLSX (Excel)</Button>
        <Button as="a" href={href('csv')} variant="outlined" data-testid="export-csv">Télécharger en CSV (;)</Button>
      </Box>
    </Box>
  );
};

export default ListExport;
