// Several generated PDFs as one file to print (renewal run, notices to post), with pdf-lib. Like the
// other documents, the same parts, title and generation instant give the same bytes: pdf-lib would
// otherwise stamp « now » as CreationDate/ModDate and write no /ID.
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { PLACEHOLDER_FILE_ID, withContentFileId } from './file-id.js';
import { toDate } from './format.js';

export interface MergedPdfOptions {
  /** PDF metadata title. */
  title: string;
  /** The Document's generatedAt: the PDF CreationDate/ModDate. */
  generatedAt: string | Date;
}

export async function mergePdfs(parts: Buffer[], options: MergedPdfOptions): Promise<Buffer> {
  const generatedAt = toDate(options.generatedAt);
  const merged = await PDFDocument.create({ updateMetadata: false });
  merged.setTitle(options.title);
  merged.setCreator('cafpro-backoffice');
  merged.setProducer('cafpro-backoffice (pdf-lib)');
  merged.setCreationDate(generatedAt);
  merged.setModificationDate(generatedAt);
  merged.context.trailerInfo.ID = merged.context.obj([PDFHexString.of(PLACEHOLDER_FILE_ID), PDFHexString.of(PLACEHOLDER_FILE_ID)]);
  for (const part of parts) {
    const source = await PDFDocument.load(part, { updateMetadata: false });
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return withContentFileId(Buffer.from(await merged.save({ useObjectStreams: false })));
}
