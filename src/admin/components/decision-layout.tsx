// A decision on a record in one screen (issue 13 §5): the record's fields as its page shows them and
// the form under them (workflow-action.tsx), the scan of the signed paper form beside them, so the
// agent checks one against the other and decides without leaving the page; what will be sent below.
import React from 'react';
import { Box, H4, Text } from '@adminjs/design-system';
import { BasePropertyComponent, type RecordJSON, type ResourceJSON } from 'adminjs';

/** The fields of the paper form, in its order (those the resource does not have are skipped). */
const FIELDS = [
  'partnerId', 'conventionId', 'formReference', 'receivedDate', 'civility', 'lastName', 'firstName', 'position',
  'professionalAddress', 'phone', 'email', 'contractType', 'contractEndDate', 'userSigned', 'employerSigned',
];
const SCAN_PARAM = 'scanId';

export const scanUrlOf = (record: RecordJSON): string | null => {
  const id = record.params?.[SCAN_PARAM];
  return id ? `/admin/scans/${encodeURIComponent(String(id))}` : null;
};

export const DecisionLayout: React.FC<{ resource: ResourceJSON; record: RecordJSON; children: React.ReactNode; after: React.ReactNode }> = ({ resource, record, children, after }) => {
  const properties = FIELDS.map((path) => resource.properties[path]).filter(Boolean);
  const scanUrl = scanUrlOf(record);
  return (
    <Box data-decision-screen>
      <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 24 }} mb="xl">
        <Box style={{ flex: '1 1 340px', minWidth: 300 }}>
          <Box as="section" aria-labelledby="decision-fields" variant="white" px="xl" pt="lg" pb="sm" mb="lg">
            <H4 id="decision-fields" mb="default">La demande</H4>
            {/* The show page's value groups, tighter: the form must stay in sight under them. */}
            <style>{'[data-decision-fields] section { margin-bottom: 10px; } [data-decision-fields] label { margin-bottom: 2px; }'}</style>
            <Box data-decision-fields style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', columnGap: 16 }}>
              {properties.map((property) => (
                <BasePropertyComponent key={property.propertyPath} where="show" property={property} resource={resource} record={record} />
              ))}
            </Box>
          </Box>
          {children}
        </Box>
        <Box as="section" aria-labelledby="decision-scan" variant="white" p="lg" style={{ flex: '1 1 380px', minWidth: 320, alignSelf: 'flex-start', position: 'sticky', top: 0 }}>
          <H4 id="decision-scan">Le formulaire numérisé</H4>
          {scanUrl ? (
            <>
              <iframe src={scanUrl} title="Formulaire numérisé de la demande" style={{ width: '100%', height: '75vh', minHeight: 420, border: '1px solid #c0c0ca' }} />
              <Text variant="sm" mt="sm"><a href={scanUrl} target="_blank" rel="noopener noreferrer">Ouvrir le fichier numérisé dans un nouvel onglet</a></Text>
            </>
          ) : (
            <Text>Aucun fichier numérisé n’est joint à cette demande : vérifiez le formulaire papier.</Text>
          )}
        </Box>
      </Box>
      {after ? <Box variant="white" px="xl" pb="xl">{after}</Box> : null}
    </Box>
  );
};
