import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { currentMigration, migrate } from '../db/migrate.ts';
import type { Command } from './command.ts';

const command: Command = {
  name: 'migrate',
  summary: 'apply pending migrations',
  help: `Usage: guichet migrate

Applies the pending migrations (migrations/NNNN_name.sql, forward-only, one transaction each) to the
embedded database in GUICHET_DATA (default ./data), or to the PostgreSQL server of DATABASE_URL,
then prints the current version.
`,
  async run() {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    try {
      const applied = await migrate(database.db);
      const version = await currentMigration(database.db);
      process.stdout.write(`${applied.length ? `applied ${applied.join(', ')}` : 'nothing to apply'}; current version ${version} (${database.engine})\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
export default command;
