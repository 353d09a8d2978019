// The scan of a signed paper form, from its record and its list: a link to the download route
// (GET /admin/scans/:id, which checks the policy and journals the download).
import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type ShowPropertyProps } from 'adminjs';

const ScanLink: React.FC<ShowPropertyProps & { where?: string }> = ({ property, record, where }) => {
  const { translateProperty } = useTranslation();
  const id = record?.params?.[property.path];
  const content = id
    ? <a href={`/admin/scans/${encodeURIComponent(String(id))}`} target="_blank" rel="noopener noreferrer">Ouvrir le fichier numérisé</a>
    : <span>Aucun</span>;
  if (where === 'show') return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{content}</ValueGroup>;
  return content;
};

export default ScanLink;
