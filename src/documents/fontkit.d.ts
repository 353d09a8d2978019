// fontkit (pdfkit's font engine) ships no types: the part we call (fonts.ts narrows it further).
declare module 'fontkit' {
  export function create(buffer: Buffer): unknown;
}
