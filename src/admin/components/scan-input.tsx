// « Formulaire signé numérisé » on the creation form of a paper form (demande d'accès, de
// suppression): the file goes with the form (AdminJS sends File values as multipart) and the use case
// stores it in the same transaction as the request. On an existing record the scan is attached or
// replaced by the « Joindre le formulaire numérisé » action, which journals it.
import React from 'react';
import { FormGroup, Label, Text } from '@adminjs/design-system';
import { useTranslation, type EditPropertyProps } from 'adminjs';

const ScanInput: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { translateProperty } = useTranslation();
  const label = translateProperty(property.label, property.resourceId);
  const error = record?.errors?.[property.path];
  if (record?.id) {
    return (
      <FormGroup>
        <Label>{label}</Label>
        <Text>Pour joindre ou remplacer le formulaire numérisé, utilisez l’action « Joindre le formulaire numérisé ».</Text>
      </FormGroup>
    );
  }
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={property.path}>{label}</Label>
      <input id={property.path} name={property.path} type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(property.path, e.target.files?.[0] ?? null)} />
      <Text mt="sm" style={{ fontSize: 12, color: '#6b7280' }}>PDF, JPEG ou PNG, 10 Mo au plus. Facultatif : il peut être joint plus tard.</Text>
      {error ? <div role="alert" style={{ color: '#c20012', marginTop: 4 }}>{error.message}</div> : null}
    </FormGroup>
  );
};

export default ScanInput;
