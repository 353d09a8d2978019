// The SQL a DataSource sends while some code runs (to check which statements a page costs).
import type { DataSource } from 'typeorm';

/** The SQL the database received while `run` ran. */
export async function sqlOf(dataSource: DataSource, run: () => Promise<unknown>): Promise<string[]> {
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  const seen: string[] = [];
  logger.logQuery = (query, parameters, runner) => { seen.push(query); logQuery(query, parameters, runner); };
  try { await run(); } finally { logger.logQuery = logQuery; }
  return seen;
}
