// The page of a partner, a convention, a habilitation or a demande d'accès: the record's fields as
// AdminJS shows them, and beside them (below on a narrow screen) the related records the `show`
// action's `after` hook sent with the record (src/admin/related-show.ts). The page's heading and
// buttons stay the back-office's own (action-header.tsx).
import React from 'react';
import { Box, DrawerContent } from '@adminjs/design-system';
import { BasePropertyComponent, type ActionProps } from 'adminjs';
import type { RelatedRecords } from '../../domain/related/related-records.types.js';
import { AccessRequestPanel, ConventionPanel, HabilitationPanel, PartnerPanel } from './related-panels.js';

function relatedOf(params: Record<string, unknown> | undefined): RelatedRecords | null {
  try {
    return typeof params?.related === 'string' ? JSON.parse(params.related) as RelatedRecords : null;
  } catch {
    return null;
  }
}

const Panel: React.FC<{ related: RelatedRecords }> = ({ related }) => {
  switch (related.kind) {
    case 'Partner': return <PartnerPanel related={related} />;
    case 'Convention': return <ConventionPanel related={related} />;
    case 'Habilitation': return <HabilitationPanel related={related} />;
    case 'AccessRequest': return <AccessRequestPanel related={related} />;
    default: return null;
  }
};

const RecordWithRelated: React.FC<ActionProps> = ({ resource, record, action }) => {
  const related = relatedOf(record?.params);
  // A scan is read side by side with the fields: it gets half of the page, the other panels less.
  const side = related?.kind === 'AccessRequest' ? '1 1 420px' : '1 1 340px';
  return (
    <DrawerContent data-css={`${resource.id}-${action.name}-drawer-content`}>
      <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 32 }} alignItems="flex-start">
        <Box style={{ flex: '1 1 380px', minWidth: 0 }} data-record-fields>
          {resource.showProperties.map((property) => (
            <BasePropertyComponent key={property.propertyPath} where="show" property={property} resource={resource} record={record} />
          ))}
        </Box>
        {related ? (
          <Box as="aside" aria-label="Fiches liées" style={{ flex: side, minWidth: 0 }} data-related-panel>
            <Panel related={related} />
          </Box>
        ) : null}
      </Box>
    </DrawerContent>
  );
};

export default RecordWithRelated;
