// « Du … au … » filter of every date column, with native date inputs: AdminJS's own picker shows
// its calendar in English and sends instants that moved the day. A calendar date is sent as the day
// ('2026-11-23', normalised by wholeDayFilters); a moment (journal, emails…) as the start of the
// first day and the end of the last, in the browser's time (the Caf's).
import React from 'react';
import { FormGroup, Input, Label } from '@adminjs/design-system';
import { useTranslation, type FilterPropertyProps } from 'adminjs';

const pad = (n: number) => String(n).padStart(2, '0');

/** The day a filter value stands for, as a date input shows it. */
function dayOf(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '' : `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

const DateRangeFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const { translateProperty } = useTranslation();
  const bound = (which: 'from' | 'to') => {
    const key = `${property.path}~~${which}`;
    const change = (day: string) => {
      if (!day || property.type === 'date') return onChange(key, day);
      return onChange(key, new Date(`${day}T${which === 'from' ? '00:00:00.000' : '23:59:59.999'}`).toISOString());
    };
    const id = `filter-${property.path}-${which}`;
    return (
      <>
        <Label htmlFor={id} mt={which === 'to' ? 'default' : undefined}>{translateProperty(which)}</Label>
        <Input id={id} type="date" value={dayOf(filter[key])} onChange={(e: React.ChangeEvent<HTMLInputElement>) => change(e.target.value)} />
      </>
    );
  };
  return (
    <FormGroup variant="filter">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      {bound('from')}
      {bound('to')}
    </FormGroup>
  );
};

export default DateRangeFilter;
