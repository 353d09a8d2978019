// The PDF file identifier (/ID in the trailer), made from the file's own bytes. PDFKit derives it
// from the Info dictionary and the creation instant to the millisecond, which the database does not
// keep (MySQL's DATETIME has no fraction): the same record would give another /ID, hence other bytes,
// and a lost file could never be regenerated with its recorded SHA-256. pdf-lib writes no /ID.
import { createHash } from 'node:crypto';

const ID_LENGTH = 16;
/** Written where the identifier goes, then replaced by withContentFileId. */
export const PLACEHOLDER_FILE_ID = '0'.repeat(ID_LENGTH * 2);

/**
 * The same PDF with both halves of its /ID set to the first 16 bytes of the SHA-256 of everything
 * before the trailer (header, objects, Info with its dates, cross-reference table). The identifier
 * keeps its length, so no offset moves.
 */
export function withContentFileId(pdf: Buffer): Buffer {
  const trailer = pdf.lastIndexOf('trailer');
  const match = trailer < 0 ? null : /\/ID\s*\[\s*<([0-9a-fA-F]{32})>\s*<([0-9a-fA-F]{32})>\s*\]/d.exec(pdf.toString('latin1', trailer));
  if (!match?.indices) throw new Error('PDF sans identifiant de fichier (/ID) de 16 octets dans sa fin de fichier');
  const id = createHash('sha256').update(pdf.subarray(0, trailer)).digest('hex').slice(0, ID_LENGTH * 2);
  const out = Buffer.from(pdf);
  for (const group of [1, 2]) out.write(id, trailer + match.indices[group]![0], 'latin1');
  return out;
}
