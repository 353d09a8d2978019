// Dates as a French reader writes them, in every list and record page (it replaces AdminJS's own
// date display, which shows « 2026-11-23 » and times in the browser's zone): « 23/11/2026 », and
// « 23/11/2026 14:05 » in Paris time for the moments (décidée le, journal…).
import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type ShowPropertyProps } from 'adminjs';

const MOMENT = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

function frenchDate(value: unknown, type: string): string {
  if (value === null || value === undefined || value === '') return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // A calendar date ('YYYY-MM-DD') has no time zone: shown as stored.
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10).split('-').reverse().join('/');
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? text : MOMENT.format(instant);
}

const DateValue: React.FC<ShowPropertyProps & { where?: string }> = ({ property, record, where }) => {
  const { translateProperty } = useTranslation();
  const value = frenchDate(record?.params?.[property.path], property.type);
  if (where === 'show') return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
  return <span style={{ whiteSpace: 'nowrap' }}>{value}</span>; // never « 13/04/2 / 023 » in a narrow column
};

export default DateValue;
