import { DataSource } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export interface DataSourceOptions {
  url: string;
  /** Shown in pg_stat_activity, e.g. the service name. */
  applicationName?: string;
  poolSize?: number;
  logging?: boolean;
}

/** The one TypeORM data source every service uses. Schema changes only through migrations. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName ?? 'hamiltix',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    extra: {
      max: options.poolSize ?? 10,
      // Fail fast when Postgres is away instead of hanging a request.
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
    },
  });
}
