import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/guichet.mjs', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });

describe('guichet CLI', () => {
  it('lists every command in --help, and each has its own --help', () => {
    const res = run(['--help']);
    expect(res.status).toBe(0);
    for (const name of ['serve', 'migrate', 'seed', 'staffing', 'solve', 'stable']) {
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

  it('migrates an embedded database in a new folder, then finds nothing to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
    try {
      const data = join(dir, 'nested', 'data');
      const first = run(['migrate'], { GUICHET_DATA: data });
      expect(first.stderr).toBe('');
      expect(first.stdout).toMatch(/applied 0001.*current version 0001_foundation \(pglite\)/);
      const second = run(['migrate'], { GUICHET_DATA: data });
      expect(second.stdout).toMatch(/nothing to apply/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
