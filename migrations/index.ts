// Every migration, in order. Never edit a landed migration: add a new one.
import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { UniqueFormReferences1764100000000 } from './1764100000000-unique-form-references.js';
import { PaperFormReferences1764230000000 } from './1764230000000-paper-form-references.js';

export const MIGRATIONS = [InitialSchema1764000000000, UniqueFormReferences1764100000000, PaperFormReferences1764230000000];
