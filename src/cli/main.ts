import type { Command } from './command.ts';
import { CliError } from './command.ts';

/** Commands are loaded lazily so that `guichet solve` does not pay for the web server's imports. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'start the web server and API (embedded database unless DATABASE_URL is set)', load: async () => (await import('./serve.ts')).default },
  migrate: { summary: 'apply pending database migrations and exit', load: async () => (await import('./migrate.ts')).default },
  users: { summary: 'create staff accounts (e.g. the first admin): guichet users add …', load: async () => (await import('./users.ts')).default },
  seed: { summary: 'load the demo territories, users and synthetic population (--demo)', load: async () => (await import('./seed.ts')).default },
  staffing: { summary: 'size a call centre from a JSON call forecast (Erlang C / Erlang A)', load: async () => (await import('./staffing.ts')).default },
  solve: { summary: 'solve a DIMACS minimum-cost-flow problem exactly', load: async () => (await import('./solve.ts')).default },
  stable: { summary: 'candidate-optimal stable matching with capacities (JSON in, JSON out)', load: async () => (await import('./stable.ts')).default },
  import: { summary: 'import a CSV file (candidates), all or nothing, with a line-by-line report', load: async () => (await import('./import.ts')).default },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'guichet — one-stop shop for hosting and staffing call centres',
    '',
    'Usage: guichet COMMAND [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `guichet COMMAND --help` for the options of one command.',
    '',
    'Environment: PORT (default 3000), GUICHET_DATA (embedded database folder, default ./data),',
    'DATABASE_URL (use a PostgreSQL server instead of the embedded database).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return name ? 0 : 1;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`guichet: unknown command "${name}"\n\n${mainHelp()}\n`);
    return 1;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.trimEnd() + '\n');
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`guichet: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`guichet: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
