import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../modules/auth/password.ts';
import { createAuthRepository } from '../modules/auth/repository.ts';
import { createTerritoryRepository } from '../modules/territories/repository.ts';
import { CliError, readInput, type Command } from './command.ts';

const help = `Usage: guichet users add --email EMAIL --role admin|advisor|counselor [--territory CODE] [--name NAME]

Creates a staff account, e.g. the first platform admin of a database created without --demo.
The password is read from standard input (first line), so it stays out of the shell history:
  printf '%s\\n' 'a-long-password' | guichet users add --email ops@example.org --role admin

  --email      login email (stored lower-case)
  --role       admin (all territories) | advisor | counselor (one territory: --territory required)
  --territory  territory code, e.g. amiens
  --name       display name (default: the email)
Other roles (employers, trainers, candidates) are created in the application.
`;

const Args = z
  .object({
    email: z.email({ error: '--email must be an email address' }),
    role: z.enum(['admin', 'advisor', 'counselor'], { error: '--role must be admin, advisor or counselor' }),
    territory: z.string().optional(),
    name: z.string().optional(),
  })
  .refine((a) => (a.role === 'admin') === (a.territory === undefined), {
    error: '--territory is required for advisor and counselor, and not allowed for admin',
  });

const command: Command = {
  name: 'users',
  summary: 'create staff accounts',
  help,
  async run(args) {
    const [verb, ...rest] = args;
    if (verb !== 'add') throw new CliError('usage: guichet users add --email EMAIL --role ROLE [--territory CODE] (see guichet users --help)');
    const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' }, territory: { type: 'string' }, name: { type: 'string' } } });
    const parsed = Args.safeParse(values);
    if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('; '));
    const password = (await readInput('-')).split(/\r?\n/)[0] ?? '';
    if (password.length < PASSWORD_MIN_LENGTH) throw new CliError(`the password (standard input) must have at least ${PASSWORD_MIN_LENGTH} characters`);
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    try {
      await migrate(database.db);
      const a = parsed.data;
      let territoryId: string | null = null;
      if (a.territory) {
        const t = await createTerritoryRepository(database.db).findByCode(a.territory);
        if (!t) throw new CliError(`--territory: no territory "${a.territory}"`);
        territoryId = t.id;
      }
      const auth = createAuthRepository(database.db);
      if (await auth.findUserByEmail(a.email)) throw new CliError(`--email: a user ${a.email.toLowerCase()} already exists`);
      await auth.insertUser({ email: a.email, displayName: a.name ?? a.email, passwordHash: await hashPassword(password), role: a.role, territoryId });
      process.stdout.write(`created ${a.role} ${a.email.toLowerCase()}${a.territory ? ` in ${a.territory}` : ''}\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
export default command;
