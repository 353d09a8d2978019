// The badge of a value chosen from a list (a state, a contract type…), coloured by what it means to
// the agent (state-tones.ts), with readable text.
import React from 'react';
import { TONE_COLOURS, type Tone } from './state-tones.js';

export const StateBadge: React.FC<{ tone: Tone; children: React.ReactNode }> = ({ tone, children }) => {
  const { color, background, border } = TONE_COLOURS[tone];
  return (
    <span data-tone={tone} style={{
      display: 'inline-block', whiteSpace: 'nowrap', borderRadius: 20, padding: '2px 10px', fontSize: 12, lineHeight: '18px',
      color, background, border: `1px solid ${border}`,
    }}>{children}</span>
  );
};
