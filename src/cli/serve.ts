import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { startServer } from '../http/server.ts';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoRoles, demoTerritories, demoEmail } from '../modules/demo/demo-data.ts';
import type { Command } from './command.ts';

const help = `Usage: guichet serve [--seed-demo]

Starts the API and the web app. Applies pending migrations first.

Options:
  --seed-demo   load the demo territories and users if the database has none yet
  -h, --help    show this help

Environment:
  PORT          port to listen on (default 3000; 0 picks a free one)
  HOST          address to bind (default 127.0.0.1; 0.0.0.0 to accept remote clients)
  GUICHET_DATA  folder of the embedded database (default ./data)
  DATABASE_URL  postgres://… to use a PostgreSQL server instead of the embedded database
  LOG_LEVEL     fatal|error|warn|info|debug|trace|silent (default info)
  GUICHET_SECURE_COOKIES  true behind HTTPS (default: true when NODE_ENV=production)
`;

const serve: Command = {
  name: 'serve',
  summary: 'start the web server and API',
  help,
  async run(args) {
    const { values } = parseArgs({ args, options: { 'seed-demo': { type: 'boolean', default: false } } });
    const config = loadConfig();
    const started = Date.now();
    const server = await startServer({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, { seedDemo: values['seed-demo'] });
    const engine = server.database.engine === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)';
    const lines = [`guichet listening on ${server.url} — database: ${engine} — ready in ${((Date.now() - started) / 1000).toFixed(1)} s`];
    lines.push(`API docs: ${server.url}/api/docs`);
    if (values['seed-demo']) {
      lines.push(server.seeded ? 'Demo data loaded.' : 'Demo data already present.');
      lines.push(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_ADMIN_EMAIL}`);
      for (const t of demoTerritories) lines.push(`  ${demoRoles.map((r) => demoEmail(r, t.code)).join('  ')}`);
    }
    process.stdout.write(lines.join('\n') + '\n');

    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        process.stdout.write(`\n${signal}: stopping…\n`);
        server.stop().then(resolve, (err) => {
          process.stderr.write(`error while stopping: ${String(err)}\n`);
          resolve();
        });
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
    return 0;
  },
};
export default serve;
