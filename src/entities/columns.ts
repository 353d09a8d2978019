// Column helpers shared by every entity, so that SQLite and MySQL get the same portable types
// (explicit types everywhere: tsx/esbuild emit no decorator metadata).
import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions } from 'typeorm';

export const VarChar = (length: number, options: ColumnOptions = {}) => Column({ type: 'varchar', length, ...options });
export const Text = (options: ColumnOptions = {}) => Column({ type: 'text', ...options });
export const Int = (options: ColumnOptions = {}) => Column({ type: 'int', ...options });
// width 1: MySQL stores booleans as tinyint(1) and reports that width back.
export const Bool = (defaultValue: boolean) => Column({ type: 'boolean', width: 1, default: defaultValue });
/** A calendar date, kept as 'YYYY-MM-DD' (no time zone games with Europe/Paris). */
export const DateOnly = (options: ColumnOptions = {}) => Column({ type: 'date', ...options });
export const DateTime = (options: ColumnOptions = {}) => Column({ type: 'datetime', ...options });
export const CreatedAt = () => CreateDateColumn({ type: 'datetime' });
export const UpdatedAt = () => UpdateDateColumn({ type: 'datetime' });
