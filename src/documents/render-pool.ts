// Documents rendered in worker threads (the renewal run: thousands of notices, the CPU time of the
// run being their rendering). Each worker runs the same renderDocument as the caller: the same data
// gives the same bytes there (the fonts, layouts and streams are shared within a worker as in the
// process). A worker that cannot start or fails leaves the caller to render the document itself.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentDataByKind, DocumentKind } from './index.js';

interface Task {
  id: number;
  kind: DocumentKind;
  data: unknown;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

/** What a worker says: ready (its modules loaded), or for a task the PDF's bytes (transferred) or the error's message. */
export type RenderAnswer = { ready: true } | { id: number; pdf: Uint8Array } | { id: number; error: string };

/** The cores this process may use: the pool's size by default. */
export const availableCores = (): number => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/**
 * A new worker running the module next to this one: `.js` once built; `.ts` under tsx or Jest, loaded
 * after registering tsx's loader in the worker (a worker does not inherit the loaders of its process).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./render-pool.worker.js', import.meta.url));
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx')), 'esm', 'api', 'index.mjs')).href;
  const module = new URL('./render-pool.worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(module)}, ${JSON.stringify(module)}));`, { eval: true });
}

export class RenderPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly running = new Map<Worker, Task>();
  private nextId = 1;
  private closed = false;
  private started = 0;
  private readonly readyWaiters: Array<() => void> = [];

  constructor(readonly size: number = availableCores()) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = startWorker();
      worker.on('message', (answer: RenderAnswer) => this.answered(worker, answer));
      worker.on('error', (error) => this.failed(worker, error));
      worker.on('exit', () => this.failed(worker, new Error('Le processus de rendu s’est arrêté.')));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Whether a worker has loaded its modules (until then, a task would wait for it to start). */
  get ready(): boolean {
    return this.started > 0 && this.workers.length > 0;
  }

  /** Resolves once a worker has loaded its modules (or none is left to). */
  whenReady(): Promise<void> {
    return this.ready || !this.workers.length ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** The PDF of `kind` from `data`, made by a worker: the bytes renderDocument(kind, data) gives. */
  render<K extends DocumentKind>(kind: K, data: DocumentDataByKind[K]): Promise<Buffer> {
    if (this.closed || !this.workers.length) return Promise.reject(new Error('Aucun processus de rendu disponible.'));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, kind, data, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the workers; the documents not rendered yet are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('Rendu annulé.'));
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.running.set(worker, task);
      worker.postMessage({ id: task.id, kind: task.kind, data: task.data });
    }
  }

  private answered(worker: Worker, answer: RenderAnswer): void {
    if ('ready' in answer) {
      this.started++;
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      return;
    }
    const task = this.running.get(worker);
    this.running.delete(worker);
    if (task && task.id === answer.id) {
      if ('pdf' in answer) task.resolve(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength));
      else task.reject(new Error(answer.error));
    }
    if (!this.closed) this.idle.push(worker);
    this.dispatch();
  }

  /** A worker that died: its task refused, the pool goes on with the others (none left: every task refused). */
  private failed(worker: Worker, error: Error): void {
    const index = this.workers.indexOf(worker);
    if (index < 0) return;
    this.workers.splice(index, 1);
    const idle = this.idle.indexOf(worker);
    if (idle >= 0) this.idle.splice(idle, 1);
    this.running.get(worker)?.reject(error);
    this.running.delete(worker);
    if (!this.workers.length) {
      for (const task of this.queue.splice(0)) task.reject(error);
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    }
    void worker.terminate();
  }
}
