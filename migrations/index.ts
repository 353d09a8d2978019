// Every migration, in order. Never edit a landed migration: add a new one.
import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';

export const MIGRATIONS = [InitialSchema1764000000000];
