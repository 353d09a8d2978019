// The scan of a signed paper form, shown where the agent reads the record: a PDF in a frame, an image
// as such, served by the download route (GET /admin/scans/:id: policy check, SHA-256 check, journal).
// Standalone: the record page of a demande d'accès and the approval screen both show it.
import React from 'react';
import { Box, Text } from '@adminjs/design-system';

export interface ScanViewerProps {
  /** The download route of the scan (/admin/scans/:id). */
  href: string;
  /** The file's name as uploaded. */
  name: string;
  display: 'pdf' | 'image' | 'other';
  /** Height of the frame of a PDF (CSS). */
  height?: string;
}

const frame: React.CSSProperties = { width: '100%', border: '1px solid #c8c8d0', borderRadius: 4, background: '#f4f4f7' };

const ScanViewer: React.FC<ScanViewerProps> = ({ href, name, display, height = '75vh' }) => (
  <Box data-scan-viewer>
    {/* Without the viewer's page thumbnails, the page as wide as the frame: the form is read, not browsed. */}
    {display === 'pdf' ? <iframe src={`${href}#navpanes=0&view=FitH`} title={`Numérisation : ${name}`} style={{ ...frame, height }} /> : null}
    {display === 'image' ? <img src={href} alt={`Numérisation : ${name}`} style={{ ...frame, height: 'auto', maxHeight: height, objectFit: 'contain' }} /> : null}
    {display === 'other' ? <Text>Ce format ne s’affiche pas dans la page.</Text> : null}
    <Text mt="sm">
      <a href={href} target="_blank" rel="noopener noreferrer">Ouvrir la numérisation dans un nouvel onglet</a>
      <span style={{ color: '#6b6b6b' }}> ({name})</span>
    </Text>
  </Box>
);

export default ScanViewer;
