import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/guichet.mjs', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });

describe('guichet import offers|sessions', () => {
  it('documents both kinds and needs a known --territory', () => {
    const help = run(['import', '--help']);
    expect(help.stdout).toMatch(/Kinds: candidates, offers, sessions/);
    expect(help.stdout).toContain('raises (telephone:15 language/en:10)');
    const dir = mkdtempSync(join(tmpdir(), 'guichet-import-offers-'));
    try {
      const file = join(dir, 'o.csv');
      writeFileSync(file, 'title,site,occupation,contract,work_time,seats,start_date,employer\nx,y,D1408,cdi,full_time,1,2027-01-04,z\n');
      const env = { GUICHET_DATA: join(dir, 'data') };
      const noTerritory = run(['import', 'offers', file], env);
      expect(noTerritory.status).toBe(1);
      expect(noTerritory.stderr).toContain('--territory is required');
      const unknown = run(['import', 'sessions', file, '--territory', 'amiens'], env);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('no territory "amiens"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
