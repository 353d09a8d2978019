// « Modèle de motif » (issue 13 §5): the wordings the Administrateur prepared, already filled with the
// request's partner, convention and person; picking one puts its text in the reason field (and its
// motif for « incomplète »), where the agent edits it before confirming.
import React from 'react';
import { FormGroup, Label, Text } from '@adminjs/design-system';
import type { ReasonTemplateOption } from '../workflow-form.types.js';

export const ReasonTemplatePicker: React.FC<{ templates: ReasonTemplateOption[]; onPick: (template: ReasonTemplateOption) => void }> = ({ templates, onPick }) => {
  if (!templates.length) return null;
  return (
    <FormGroup>
      <Label htmlFor="f-reason-template">Modèle de motif</Label>
      <select id="f-reason-template" defaultValue="" style={{ width: '100%', padding: 8 }}
        onChange={(e) => { const picked = templates.find((t) => String(t.id) === e.target.value); if (picked) onPick(picked); }}>
        <option value="">— Choisir un modèle —</option>
        {templates.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
      </select>
      <Text variant="sm" color="grey60">Le texte du modèle, rempli pour cette demande, remplace le motif ci-dessous : modifiez-le si besoin.</Text>
    </FormGroup>
  );
};
