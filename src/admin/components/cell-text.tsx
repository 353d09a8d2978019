// A value in a list cell: AdminJS's cells break words anywhere (« 1 / 0 », « Antoi / ne ») when the
// table is short of room. A name, a number or a date stays on one line, a long one cut with an
// ellipsis and shown whole on hover; a sentence (`custom: { listSentence: true }`: « Révocation
// prévue le … ») wraps between words, on two lines at most.
import React from 'react';

/** Widest a text column may grow before its values are cut. */
export const CELL_MAX_WIDTH = '16rem';

const ONE_LINE: React.CSSProperties = { display: 'inline-block', whiteSpace: 'nowrap', textOverflow: 'ellipsis' };
const TWO_LINES: React.CSSProperties = {
  display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', whiteSpace: 'normal', wordBreak: 'normal', overflowWrap: 'normal',
};

export const CellText: React.FC<{ text: string; children?: React.ReactNode; sentence?: boolean }> = ({ text, children, sentence = false }) => (
  <span title={text} data-cell-text style={{ ...(sentence ? TWO_LINES : ONE_LINE), maxWidth: CELL_MAX_WIDTH, overflow: 'hidden', verticalAlign: 'middle' }}>
    {children ?? text}
  </span>
);
