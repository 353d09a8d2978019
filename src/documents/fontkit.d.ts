// fontkit (pdfkit's font engine) ships no types: the part we call.
declare module 'fontkit' {
  interface Font { hasGlyphForCodePoint(codePoint: number): boolean }
  export function create(buffer: Buffer): Font;
}
