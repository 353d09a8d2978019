import type { DataSource } from 'typeorm';

/** SQL TypeORM would run to make the database match the entities: empty when the migrations are complete. */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
