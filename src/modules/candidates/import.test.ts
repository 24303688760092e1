import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { multipart } from './test-helpers.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const email of ['advisor@amiens.demo', 'counselor@besancon.demo', 'employer@amiens.demo', 'candidate@amiens.demo']) cookies[email] = await t.login(email);
});
afterAll(async () => {
  await t?.close();
});

const upload = (csv: string, code = 'amiens', who = 'advisor@amiens.demo') => {
  const m = multipart('candidats.csv', csv, 'text/csv');
  return t.app.inject({ method: 'POST', url: `/api/territories/${code}/candidates/import`, payload: m.payload, headers: { ...m.headers, cookie: cookies[who] } });
};
const count = async () => Number((await t.database.db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('CSV import', () => {
  it('imports a French spreadsheet export (BOM, semicolons, French headers and dates) and flags duplicates', async () => {
    const existing = await t.database.db.selectFrom('candidates').select(['email']).where('email', 'like', '%@amiens.example').orderBy('email').limit(1).executeTakeFirstOrThrow();
    const csv = [
      '\uFEFFPrénom;Nom;Courriel;Téléphone;Date de naissance;Commune;Langues;Horaires;Contrats;temps_de_travail;Mobilite km',
      `Aïcha;Benhamou;aicha.b@example.org;06 10 20 30 40;14/07/1992;80021;fr:C2|ar:B2;morning|afternoon;cdi;full_time;30`,
      `Paul;Leclerc;${existing.email};;1985-01-31;;en:B1;;temp|cdd;;`,
      '',
      `"Marie-Claire";"D'Arc";;+33 6 99 88 77 66;;80021;;weekend;;part_time;5`,
    ].join('\r\n');
    const before = await count();
    const res = await upload(csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 3, byTerritory: { amiens: 3 } });
    expect(res.json().duplicatesFlagged).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(before + 3);
    const aicha = await t.database.db.selectFrom('candidates').selectAll().where('email', '=', 'aicha.b@example.org').executeTakeFirstOrThrow();
    expect(aicha).toMatchObject({
      first_name: 'Aïcha',
      birth_date: '1992-07-14',
      commune_code: '80021',
      languages: [{ code: 'fr', level: 'C2' }, { code: 'ar', level: 'B2' }],
      shifts: ['morning', 'afternoon'],
      contract_wishes: ['cdi'],
      work_time: 'full_time',
      mobility_km: 30,
      source: 'import',
    });
  });

  it('stores nothing when a line is wrong, and names every bad line and column', async () => {
    const before = await count();
    const csv = [
      'first_name,last_name,email,birth_date,commune_code,languages,shifts,mobility_km',
      'Ana,Valide,ana@example.org,1990-01-01,80021,fr:C2,morning,20',
      ',SansPrenom,pas-un-email,1990-13-45,99999,fr:Z9,dawn,900',
      'Ok,Encore,,,,,,',
      'Trop,De,Champs,,,,,,extra',
    ].join('\n');
    const res = await upload(csv);
    expect(res.statusCode).toBe(400);
    const { code, fields } = res.json().error;
    expect(code).toBe('invalid_csv');
    expect(Object.keys(fields).sort()).toEqual(
      [
        'line 3, column first_name',
        'line 3, column email',
        'line 3, column birth_date',
        'line 3, column commune_code',
        'line 3, column languages',
        'line 3, column shifts',
        'line 3, column mobility_km',
        'line 5',
        'line 5, column email',
      ].sort(),
    );
    expect(fields['line 3, column commune_code']).toMatch(/99999/);
    expect(fields['line 5']).toMatch(/9 fields, the header 8/);
    expect(await count()).toBe(before);
  });

  it('refuses an unknown column, an empty file and a header without candidates', async () => {
    expect((await upload('first_name,last_name,salary\nA,B,3000')).json().error.fields).toHaveProperty('line 1, column salary');
    expect((await upload('')).json().error.code).toBe('invalid_csv');
    expect((await upload('nom,prenom\n')).json().error.fields).toHaveProperty('line 2');
    expect((await upload('first_name\nA')).json().error.fields).toHaveProperty('line 1, column last_name');
  });

  it('is for the staff of the territory', async () => {
    expect((await upload('first_name,last_name\nA,B', 'amiens', 'counselor@besancon.demo')).statusCode).toBe(403);
    expect((await upload('first_name,last_name\nA,B', 'amiens', 'employer@amiens.demo')).statusCode).toBe(403);
    expect((await upload('first_name,last_name\nA,B', 'amiens', 'candidate@amiens.demo')).statusCode).toBe(403);
  });
});

describe('CSV export', () => {
  it('exports the live candidates with their latest scores, and the file imports back', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/territories/besancon/candidates/export', headers: { cookie: cookies['counselor@besancon.demo'] } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,last_name,first_name,email,phone,birth_date,commune_code,commune_name,postcode,mobility_km,mobility_minutes,languages,education_level,experience_months,shifts,work_time,contract_wishes,source,created_at,telephone_score,information_search_score,it_tools_score');
    const listed = (await t.app.inject({ method: 'GET', url: '/api/territories/besancon/candidates?pageSize=1', headers: { cookie: cookies['counselor@besancon.demo'] } })).json();
    expect(lines.length - 1).toBe(listed.total);
    expect((await t.app.inject({ method: 'GET', url: '/api/territories/besancon/candidates/export', headers: { cookie: cookies['advisor@amiens.demo'] } })).statusCode).toBe(403);

    // the first 50 lines go back in (as duplicates of themselves, flagged)
    const again = await upload(lines.slice(0, 51).join('\n'), 'besancon', 'counselor@besancon.demo');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ imported: 50 });
    expect(again.json().duplicatesFlagged).toBeGreaterThanOrEqual(50);
  });
});
