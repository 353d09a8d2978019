// The back-office's own confirmation, in French (window.confirm's buttons follow the browser's
// language): a modal dialog that takes the focus, « Annuler » with Escape.
import React, { useEffect, useRef } from 'react';
import { Box, Button, H4, Text } from '@adminjs/design-system';

export const ConfirmDialog: React.FC<{ question: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }> = ({ question, confirmLabel, onConfirm, onCancel }) => {
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmButton.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onCancel(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <Box style={{ position: 'fixed', inset: 0, background: 'rgba(0, 0, 0, 0.45)', zIndex: 1000, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Box role="dialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-question" variant="white" p="xl" style={{ maxWidth: 560, width: '90%' }}>
        <H4 id="confirm-title">Confirmation</H4>
        <Text id="confirm-question" mb="xl">{question}</Text>
        <Box flex flexDirection="row" justifyContent="flex-end" style={{ gap: 8 }}>
          <Button type="button" variant="outlined" onClick={onCancel}>Annuler</Button>
          <Button type="button" variant="contained" ref={confirmButton} onClick={onConfirm}>{confirmLabel}</Button>
        </Box>
      </Box>
    </Box>
  );
};
