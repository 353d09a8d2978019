// Replaces AdminJS's value display (lists and record pages): a value chosen from a list is a badge
// coloured by its meaning (state-tones.ts) instead of white on light grey; in a list a text stays on
// one line, cut with an ellipsis and whole on hover.
import React from 'react';
import { useTranslation, type ShowPropertyProps } from 'adminjs';
import { StateBadge } from './state-badge.js';
import { toneOf } from './state-tones.js';
import { CellText } from './cell-text.js';

const PropertyValue: React.FC<ShowPropertyProps & { where?: string }> = ({ property, record, resource, where }) => {
  const { tl } = useTranslation();
  const raw = record?.params?.[property.path];
  if (raw === undefined || raw === null) return null;
  // The stored value may be a number, the option's a string (AdminJS compares them loosely too).
  const option = property.availableValues?.find((o) => String(o.value) === String(raw));
  if (option) {
    const label = String(option.label || raw);
    return <StateBadge tone={toneOf(resource.id, property.path, String(raw))}>{tl(`${property.propertyPath}.${label}`, resource.id, { defaultValue: label })}</StateBadge>;
  }
  return where === 'list' ? <CellText text={String(raw)} sentence={Boolean(property.custom?.listSentence)} /> : <>{String(raw)}</>;
};

export default PropertyValue;
