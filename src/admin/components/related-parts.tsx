// The pieces of the « related records » panels of the record pages (record-with-related.tsx): a titled
// section, a list of linked lines, counts by state each opening the list of exactly those records.
import React from 'react';
import { Link } from 'react-router-dom';
import { Box, H4, Text } from '@adminjs/design-system';
import type { CountsByState, LatestOf, RecordLink, RelatedLine } from '../../domain/related/related-records.types.js';

const muted: React.CSSProperties = { color: '#5c5c6e' };
const list: React.CSSProperties = { listStyle: 'none', margin: 0, padding: 0 };
const item: React.CSSProperties = { padding: '6px 0', borderBottom: '1px solid #ececf1', overflowWrap: 'anywhere' };

/** A link inside the back-office (router navigation); files (scans, documents) open in a new tab. */
export const RelatedLink: React.FC<{ link: RecordLink; children?: React.ReactNode }> = ({ link, children }) => {
  const content = children ?? link.label;
  if (!link.href) return <span>{content}</span>;
  if (/^\/admin\/(scans|documents)\//.test(link.href)) return <a href={link.href} target="_blank" rel="noopener noreferrer">{content}</a>;
  return <Link to={link.href}>{content}</Link>;
};

export const Section: React.FC<{ id: string; title: string; children: React.ReactNode }> = ({ id, title, children }) => (
  <Box as="section" aria-labelledby={`related-${id}`} data-related={id} mb="xl">
    <H4 id={`related-${id}`} mb="default" style={{ fontSize: 16 }}>{title}</H4>
    {children}
  </Box>
);

export const Empty: React.FC<{ children: React.ReactNode }> = ({ children }) => <Text style={muted}>{children}</Text>;

export const Lines: React.FC<{ lines: RelatedLine[]; empty: string }> = ({ lines, empty }) => (lines.length ? (
  <ul style={list}>
    {lines.map((line) => (
      <li key={`${line.href}-${line.label}`} style={item} data-related-line>
        <RelatedLink link={line} />
        {line.details.length ? <span style={muted}> · {line.details.join(' · ')}</span> : null}
        {line.record ? <span> · <RelatedLink link={line.record} /></span> : null}
      </li>
    ))}
  </ul>
) : <Empty>{empty}</Empty>);

/** « 12 au total — Reçue : 3 · Incomplète : 1 », each figure opening the list of exactly those records. */
export const Counts: React.FC<{ counts: CountsByState; empty: string }> = ({ counts, empty }) => {
  if (!counts.total) return <Empty>{empty}</Empty>;
  return (
    <Box>
      <ul style={{ ...list, display: 'flex', flexWrap: 'wrap', gap: '4px 16px' }}>
        {counts.byState.map((s) => (
          <li key={s.state} data-state={s.state}>
            <RelatedLink link={{ label: s.label, href: s.href }}>{`${s.label} : ${s.count}`}</RelatedLink>
          </li>
        ))}
      </ul>
      <Text mt="sm"><RelatedLink link={{ label: 'Tout voir', href: counts.href }}>{`Tout voir (${counts.total})`}</RelatedLink></Text>
    </Box>
  );
};

/** The latest few, and « Tout voir (n) » when there are more or a list exists. */
export const Latest: React.FC<{ of: LatestOf; empty: string }> = ({ of, empty }) => (
  <Box>
    <Lines lines={of.latest} empty={empty} />
    {of.total > of.latest.length ? <Text mt="sm" style={muted}>{`${of.latest.length} plus récents sur ${of.total}.`}</Text> : null}
    {of.href && of.total ? <Text mt="sm"><RelatedLink link={{ label: 'Tout voir', href: of.href }}>{`Tout voir (${of.total})`}</RelatedLink></Text> : null}
  </Box>
);

/** Label → value lines (a convention's dates). */
export const Facts: React.FC<{ facts: Array<{ label: string; value: string }> }> = ({ facts }) => (
  <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px' }}>
    {facts.map((f) => (
      <React.Fragment key={f.label}>
        <dt style={muted}>{f.label}</dt>
        <dd style={{ margin: 0 }}>{f.value}</dd>
      </React.Fragment>
    ))}
  </dl>
);
