/*
 * Writes a migration with the SQL that brings a database migrated to the current
 * migrations in line with the entities: `npm run migration:generate -- AddThing`.
 * Review the file, then add the class to migrations/index.ts.
 */
import { writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { createDataSource } from '../data-source.js';
import { dropDatabase, ensureDatabase, splitDatabaseUrl } from '../database.js';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  process.stderr.write('usage: npm run migration:generate -- PascalCaseName\n');
  process.exit(2);
}
const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hamiltix';
const scratch = new URL(base);
scratch.pathname = `/hamiltix_gen_${randomBytes(4).toString('hex')}`;
const url = scratch.toString();
await ensureDatabase(url);
const ds = createDataSource({ url, poolSize: 1 });
try {
  await ds.initialize();
  await ds.runMigrations();
  const sql = await ds.driver.createSchemaBuilder().log();
  if (!sql.upQueries.length) {
    process.stdout.write('entities and migrations agree: nothing to generate\n');
  } else {
    const ts = Date.now();
    const q = (s: string) => '`' + s.replace(/`/g, '\\`') + '`';
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((x) => `    await queryRunner.query(${q(x.query)});`)
      .join('\n');
    const file = new URL(`file://${process.cwd()}/libs/persistence/src/migrations/${ts}-${name}.ts`);
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`;
    await writeFile(file, body);
    process.stdout.write(`wrote ${file.pathname} (${splitDatabaseUrl(url).database} used as scratch)\n`);
  }
} finally {
  if (ds.isInitialized) await ds.destroy();
  await dropDatabase(url);
}
