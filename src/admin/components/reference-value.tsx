// Replaces AdminJS's link to a referenced record (a partner, a convention…): the same link, but in a
// list on one line, cut with an ellipsis and whole on hover (« Communauté d'agglomération de
// Saint-Quentin-en-Yvelines » was broken into four lines, convention numbers letter by letter).
import React from 'react';
import { Link } from 'react-router-dom';
import { ViewHelpers, type ShowPropertyProps } from 'adminjs';
import { CellText } from './cell-text.js';

const h = new ViewHelpers();

const ReferenceValue: React.FC<ShowPropertyProps & { where?: string }> = ({ property, record, where }) => {
  const id = record?.params?.[property.path];
  const populated = record?.populated?.[property.path];
  const title = String(populated?.title ?? id ?? '');
  if (!property.reference || id === undefined || id === null || id === '') return null;
  const text = where === 'list' ? <CellText text={title} /> : title;
  if (!populated?.recordActions?.some((a) => a.name === 'show')) return <span>{text}</span>;
  // Stops the row's own click (which opens the row's record) from following the link's.
  return (
    <Link to={h.recordActionUrl({ resourceId: property.reference, recordId: String(id), actionName: 'show' })}
      onClick={(e) => e.stopPropagation()} style={{ color: '#3040d6', textDecoration: 'none' }}>{text}</Link>
  );
};

export default ReferenceValue;
