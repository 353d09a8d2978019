// Filter on several values of a select property at once (« Reçue » and « Incomplète »). AdminJS's
// own select filter takes one value; this one stores the chosen values comma-separated in
// `filters.<property>`, which resources/adapter.ts (anyOf) turns into an IN condition.
import React from 'react';
import { FormGroup, Label, Select } from '@adminjs/design-system';
import { useTranslation, type FilterPropertyProps } from 'adminjs';

type Option = { value: string; label: string };

const MultiSelectFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { translateProperty } = useTranslation();
  const label = translateProperty(property.label, property.resourceId);
  const options: Option[] = (property.availableValues ?? []).map((v) => ({ value: String(v.value), label: String(v.label ?? v.value) }));
  const raw = filter[property.path];
  const chosen = typeof raw === 'string' && raw ? raw.split(',') : [];
  const selected = options.filter((o) => chosen.includes(o.value));
  return (
    <FormGroup variant="filter">
      <Label htmlFor={`filter-${property.path}`}>{label}</Label>
      <Select
        inputId={`filter-${property.path}`}
        variant="filter"
        isMulti
        isClearable
        placeholder="Un ou plusieurs…"
        noOptionsMessage={() => 'Aucune autre valeur'}
        value={selected}
        options={options}
        onChange={(values: readonly Option[] | null) => onChange(property.path, (values ?? []).map((v) => v.value).join(','))}
      />
    </FormGroup>
  );
};

export default MultiSelectFilter;
