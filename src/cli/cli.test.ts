import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations } from '../db/migrate.ts';

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/guichet.mjs', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });

describe('guichet CLI', () => {
  it('lists every command in --help, and each has its own --help', () => {
    const res = run(['--help']);
    expect(res.status).toBe(0);
    for (const name of ['serve', 'migrate', 'seed', 'users', 'staffing', 'solve', 'stable']) {
      expect(res.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
      const own = run([name, '--help']);
      expect(own.status, name).toBe(0);
      expect(own.stdout).toContain(`guichet ${name}`);
    }
  });

  it('fails with the list of commands on an unknown one', () => {
    const res = run(['frobnicate']);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('unknown command "frobnicate"');
    expect(res.stderr).toContain('Commands:');
  });

  it('refuses to seed without --demo and reports bad configuration by name', () => {
    const seed = run(['seed']);
    expect(seed.status).toBe(1);
    expect(seed.stderr).toContain('--demo');
    const bad = run(['migrate'], { PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('PORT');
    expect(bad.stderr).toContain('LOG_LEVEL');
  });

  it('creates the first admin of an empty database, with the password from standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
    try {
      const env = { GUICHET_DATA: join(dir, 'data') };
      const add = (args: string[], input: string) =>
        spawnSync(process.execPath, ['bin/guichet.mjs', 'users', 'add', ...args], { encoding: 'utf8', input, env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });
      expect(add(['--email', 'ops@example.org', '--role', 'admin'], 'short\n').stderr).toContain('at least 10');
      expect(add(['--email', 'ops@example.org', '--role', 'advisor'], 'a-long-password\n').stderr).toContain('--territory');
      const ok = add(['--email', 'Ops@Example.org', '--role', 'admin'], 'a-long-password\n');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain('created admin ops@example.org');
      const again = add(['--email', 'ops@example.org', '--role', 'admin'], 'a-long-password\n');
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already exists');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrates an embedded database in a new folder, then finds nothing to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
    try {
      const data = join(dir, 'nested', 'data');
      const first = run(['migrate'], { GUICHET_DATA: data });
      expect(first.stderr).toBe('');
      const latest = listMigrations().at(-1)!;
      expect(first.stdout).toMatch(/applied 0001/);
      expect(first.stdout).toContain(`current version ${latest.version}_${latest.name} (pglite)`);
      const second = run(['migrate'], { GUICHET_DATA: data });
      expect(second.stdout).toMatch(/nothing to apply/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
