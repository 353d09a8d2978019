// A worker of the RenderPool (render-pool.ts): renders each document it is sent and sends its bytes back.
import { parentPort } from 'node:worker_threads';
import { renderDocument, type DocumentKind } from './index.js';
import type { RenderAnswer } from './render-pool.js';

parentPort!.on('message', ({ id, kind, data }: { id: number; kind: DocumentKind; data: never }) => {
  renderDocument(kind, data).then(
    (pdf) => {
      // a copy of its own, transferred: pdfkit's Buffer may share its memory with others
      const bytes = new Uint8Array(pdf);
      parentPort!.postMessage({ id, pdf: bytes } satisfies RenderAnswer, [bytes.buffer]);
    },
    (error: Error) => parentPort!.postMessage({ id, error: error.message ?? String(error) } satisfies RenderAnswer),
  );
});
parentPort!.postMessage({ ready: true } satisfies RenderAnswer);
