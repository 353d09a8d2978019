// Edit field for calendar dates ('YYYY-MM-DD'): a native date input, so the day typed is the day
// stored. AdminJS's own date picker converts through the browser's time zone and saved the previous
// day for a user in France (AdminJS issue #1346).
import React from 'react';
import { FormGroup, Input, Label } from '@adminjs/design-system';
import { useTranslation, type EditPropertyProps } from 'adminjs';

const DateInput: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { translateProperty } = useTranslation();
  const label = translateProperty(property.label, property.resourceId);
  const raw = record?.params?.[property.path];
  const value = typeof raw === 'string' ? raw.slice(0, 10) : '';
  const error = record?.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={property.path} required={property.isRequired}>{label}</Label>
      <Input id={property.path} name={property.path} type="date" value={value}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(property.path, e.target.value)} />
      {error ? <div role="alert" style={{ color: '#c20012', marginTop: 4 }}>{error.message}</div> : null}
    </FormGroup>
  );
};

export default DateInput;
