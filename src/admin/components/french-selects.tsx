// Every drop-down of the interface (AdminJS's filters, forms and reference pickers) is a react-select
// whose texts default to English: « Select... », « No options », « Loading... ». They are set in
// French once, here, on the design system's Select and SelectAsync that every component shares.
// This module has no screen of its own: it is bundled (components/index.ts) for this side effect.
import React from 'react';
import { Select, SelectAsync } from '@adminjs/design-system';

const FRENCH = {
  placeholder: 'Choisir…',
  noOptionsMessage: () => 'Aucun choix',
  loadingMessage: () => 'Recherche…',
};

for (const component of [Select, SelectAsync] as Array<{ defaultProps?: Record<string, unknown> }>) {
  component.defaultProps = { ...component.defaultProps, ...FRENCH };
}

const FrenchSelects: React.FC = () => null;

export default FrenchSelects;
