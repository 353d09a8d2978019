// formidable 1.x (the version express-formidable, hence AdminJS, uses) ships no types: the part we call.
declare module 'formidable' {
  import type { IncomingMessage } from 'node:http';
  import type { EventEmitter } from 'node:events';

  interface Options { uploadDir?: string; maxFileSize?: number; maxFieldsSize?: number; maxFields?: number }
  interface IncomingForm extends EventEmitter {
    parse(req: IncomingMessage, callback: (error: Error | null, fields: Record<string, unknown>, files: Record<string, unknown>) => void): this;
  }
  const formidable: { IncomingForm: new (options?: Options) => IncomingForm };
  export default formidable;
}
