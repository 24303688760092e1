import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/guichet.mjs', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });

describe('guichet import', () => {
  it('documents its kinds, and refuses an unknown kind or a missing file', () => {
    const help = run(['import', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('guichet import KIND FILE.csv');
    expect(help.stdout).toMatch(/Kinds: .*candidates/);
    expect(run(['--help']).stdout).toMatch(/^ {2}import /m);
    const kind = run(['import', 'aliens', 'x.csv']);
    expect(kind.status).toBe(1);
    expect(kind.stderr).toContain('unknown kind "aliens"');
    const missing = run(['import', 'candidates', '/no/such/file.csv']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no file');
  });

  it('lists every bad line and column, stores nothing and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-import-cli-'));
    try {
      const file = join(dir, 'c.csv');
      writeFileSync(file, 'territory,first_name,last_name,email\nnowhere,Ana,Silva,ana@example.org\namiens,,Sans,x@\n');
      const res = run(['import', 'candidates', file], { GUICHET_DATA: join(dir, 'data') });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('nothing imported: 4 problem(s)');
      expect(res.stderr).toContain('line 2, column territory: "nowhere" is not a territory you may import into');
      expect(res.stderr).toContain('line 3, column first_name: is required');
      expect(res.stderr).toContain('line 3, column email');
      expect(run(['import', 'candidates', file, '--territory', 'amiens'], { GUICHET_DATA: join(dir, 'data') }).stderr).toContain('no territory "amiens"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
