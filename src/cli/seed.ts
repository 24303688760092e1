import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { CliError, type Command } from './command.ts';

const command: Command = {
  name: 'seed',
  summary: 'load demo data',
  help: `Usage: guichet seed --demo

Loads the demo territories (Amiens, Besançon / Franche-Comté, Tanger-Tétouan), their hosting sites,
call centres and employment targets, a deterministic synthetic labour pool on real communes, and one
demo user per role (ROLE@TERRITORY.demo and admin@guichet.demo, password "guichet-demo").
Applies pending migrations first. Does nothing if the demo is already loaded. One transaction: an
interrupted seed leaves no partial data.
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } } });
    if (!values.demo) throw new CliError('nothing to seed: pass --demo to load the demo data (see guichet seed --help)');
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    try {
      await migrate(database.db);
      const report = await seedDemo(database.db);
      process.stdout.write(
        report.seeded
          ? `demo loaded: ${report.territories} territories, ${report.communes} communes, ${report.candidates} candidates, ${report.users.length} users\n`
          : 'demo data already present: nothing done\n',
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
export default command;
