import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTime, Text, VarChar } from './columns.js';

export const JOB_RUN_STATUSES = ['en-cours', 'termine', 'echec'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

/** One run of a scheduled job (start, end, counts, error), shown in the back-office. */
@Entity('job_run')
export class JobRun extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index() @VarChar(48) job: string;
  @Index() @DateTime() startedAt: Date;
  @DateTime({ nullable: true }) endedAt: Date | null;
  @VarChar(16, { default: 'en-cours' }) status: JobRunStatus;
  /** JSON of what the run did, e.g. {"revoked": 3}. */
  @Text({ nullable: true }) counts: string | null;
  @Text({ nullable: true }) error: string | null;
  /** Host and process of the instance that ran it. */
  @VarChar(64, { nullable: true }) instance: string | null;
}
