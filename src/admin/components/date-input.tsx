// Edit field for calendar dates ('YYYY-MM-DD'): a native date input, so the day typed is the day
// stored. AdminJS's own date picker converts through the browser's time zone and saved the previous
// day for a user in France (AdminJS issue #1346).
// A date the agent records on the day the paper arrives (« Reçue le ») says so with
// `custom: { defaultToday: true }` (resources/support.ts RECORDED_TODAY): on a creation form it starts at
// today in Paris, which the agent corrects when the stamp says otherwise.
import React, { useEffect } from 'react';
import { FormGroup, Input, Label } from '@adminjs/design-system';
import { useTranslation, type EditPropertyProps } from 'adminjs';

/** Today in Paris, 'YYYY-MM-DD' (the Swedish format is the ISO one). */
const todayInParis = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

const DateInput: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { translateProperty } = useTranslation();
  const label = translateProperty(property.label, property.resourceId);
  const raw = record?.params?.[property.path];
  const value = typeof raw === 'string' ? raw.slice(0, 10) : '';
  const startsToday = Boolean(property.custom?.defaultToday) && !record?.id && !value;
  useEffect(() => {
    if (startsToday) onChange(property.path, todayInParis());
    // Once, when the creation form opens: a date the agent empties stays empty.
  }, []);
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
