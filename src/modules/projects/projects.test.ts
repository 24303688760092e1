import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planHiring, planStaffing } from '../../core/staffing/plan.ts';
import { requiredAgents, sweepStaffing } from '../../core/staffing/required-agents.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const emails = [
  'admin@guichet.demo',
  'advisor@amiens.demo',
  'counselor@amiens.demo',
  'employer@amiens.demo',
  'trainer@amiens.demo',
  'candidate@amiens.demo',
  'advisor@besancon.demo',
  'advisor@tanger.demo',
  'employer@tanger.demo',
];
beforeAll(async () => {
  t = await createTestApp();
  for (const email of emails) cookies[email] = await t.login(email);
});
afterAll(async () => {
  await t?.close();
});

type Method = 'GET' | 'POST' | 'PATCH';
const call = (method: Method, url: string, email: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[email] }, ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (url: string, email: string) => call('GET', url, email);

/** A multipart/form-data body with one file field, as a browser sends it. */
function upload(url: string, email: string, csv: string, field = 'file') {
  const boundary = '----guichet-test-boundary';
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="forecast.csv"\r\nContent-Type: text/csv\r\n\r\n` +
    `${csv}\r\n--${boundary}--\r\n`;
  return t.app.inject({ method: 'POST', url, payload: body, headers: { cookie: cookies[email], 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function projectId(territory: string, companyPrefix: string, email = `advisor@${territory}.demo`) {
  const page = (await get(`/api/territories/${territory}/projects?pageSize=100`, email)).json();
  const found = page.items.find((p: { companyName: string }) => p.companyName.startsWith(companyPrefix));
  if (!found) throw new Error(`no demo project ${companyPrefix} in ${territory}`);
  return found.id as string;
}

async function newProject(email = 'advisor@amiens.demo', territory = 'amiens', body: object = {}) {
  const res = await call('POST', `/api/territories/${territory}/projects`, email, { companyName: 'Test Contact', activity: 'inbound_care', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('listing projects', () => {
  it('pages the territory’s projects, filters by stage and searches names', async () => {
    const all = (await get('/api/territories/amiens/projects', 'advisor@amiens.demo')).json();
    expect(all.items.map((p: { companyName: string }) => p.companyName).sort()).toEqual(
      ['Banque Picarde en Ligne', 'Picardie Contact SA — assistance informatique'].sort(),
    );
    const proposal = (await get('/api/territories/amiens/projects?stage=proposal', 'advisor@amiens.demo')).json();
    expect(proposal.items.map((p: { companyName: string }) => p.companyName)).toEqual(['Banque Picarde en Ligne']);
    expect(proposal.items[0]).toMatchObject({ stage: 'proposal', activity: 'inbound_care', jobsAnnounced: 120, goLiveOn: '2026-09-07', employerName: null });
    const search = (await get('/api/territories/amiens/projects?q=vasseur', 'advisor@amiens.demo')).json();
    expect(search.total).toBe(1);
    expect((await get('/api/territories/amiens/projects?q=%25', 'advisor@amiens.demo')).json().total).toBe(0);
    const first = (await get('/api/territories/amiens/projects?pageSize=1&page=1', 'advisor@amiens.demo')).json();
    const second = (await get('/api/territories/amiens/projects?pageSize=1&page=2', 'advisor@amiens.demo')).json();
    expect(first.total).toBeGreaterThanOrEqual(2);
    expect(first.items[0].id).not.toBe(second.items[0].id);
  });

  it('validates the query, naming the fields', async () => {
    const res = await get('/api/territories/amiens/projects?stage=signed&page=0', 'advisor@amiens.demo');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['page', 'stage']);
  });

  it('shows staff all projects of their territory and an employer only its own', async () => {
    for (const email of ['admin@guichet.demo', 'counselor@amiens.demo']) {
      expect((await get('/api/territories/amiens/projects', email)).json().total).toBeGreaterThanOrEqual(2);
    }
    const own = (await get('/api/territories/amiens/projects', 'employer@amiens.demo')).json();
    expect(own.items.map((p: { companyName: string }) => p.companyName)).toEqual(['Picardie Contact SA — assistance informatique']);
    expect(own.items[0].employerName).toBe('Picardie Contact SA');
    expect((await get('/api/territories/tanger/projects', 'employer@tanger.demo')).json().total).toBe(0);
  });

  it('refuses trainers, candidates and other territories', async () => {
    for (const email of ['trainer@amiens.demo', 'candidate@amiens.demo', 'advisor@besancon.demo']) {
      expect((await get('/api/territories/amiens/projects', email)).statusCode, email).toBe(403);
    }
  });
});

describe('one project', () => {
  it('returns the fields, the next stages and the stage history', async () => {
    const id = await projectId('tanger', 'Atlas');
    const res = await get(`/api/territories/tanger/projects/${id}`, 'advisor@tanger.demo');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      territoryCode: 'tanger',
      companyName: 'Atlas Relation Client',
      stage: 'decision',
      nextStages: ['implanted', 'proposal', 'lost'],
      languages: ['fr'],
      forecastMode: 'profile',
      weeklyCalls: 30000,
      patienceSeconds: 180,
      openingHours: { mon: { opens: '08:00', closes: '21:00' }, sun: null },
    });
    expect(p.stageChanges.map((c: { from: string | null; to: string }) => `${c.from}→${c.to}`)).toEqual(['null→lead', 'lead→proposal', 'proposal→decision']);
    expect(p.stageChanges[1]).toMatchObject({ byName: 'advisor Tanger-Tétouan', at: '2026-03-02T15:00:00.000Z' });
    expect(p.stageChanges[1].note).toContain('offshoring');
  });

  it('keeps projects within their territory and employer', async () => {
    const bank = await projectId('amiens', 'Banque');
    const own = await projectId('amiens', 'Picardie');
    // another territory's advisor: 403 on the territory, 404 through their own
    expect((await get(`/api/territories/amiens/projects/${bank}`, 'advisor@besancon.demo')).statusCode).toBe(403);
    expect((await get(`/api/territories/besancon/projects/${bank}`, 'advisor@besancon.demo')).statusCode).toBe(404);
    expect((await get(`/api/territories/besancon/projects/${bank}/sizing`, 'advisor@besancon.demo')).statusCode).toBe(404);
    expect((await call('PATCH', `/api/territories/besancon/projects/${bank}`, 'advisor@besancon.demo', { ahtSeconds: 100 })).statusCode).toBe(404);
    // an employer: its own project only, another company's answers 404 for every operation
    expect((await get(`/api/territories/amiens/projects/${own}`, 'employer@amiens.demo')).statusCode).toBe(200);
    expect((await get(`/api/territories/amiens/projects/${bank}`, 'employer@amiens.demo')).statusCode).toBe(404);
    expect((await get(`/api/territories/amiens/projects/${bank}/sizing`, 'employer@amiens.demo')).statusCode).toBe(404);
    expect((await call('PATCH', `/api/territories/amiens/projects/${bank}`, 'employer@amiens.demo', { contactName: 'x' })).statusCode).toBe(404);
    expect((await upload(`/api/territories/amiens/projects/${bank}/forecast-intervals`, 'employer@amiens.demo', 'weekday,start,calls\nmon,08:00,1\n')).statusCode).toBe(404);
    for (const email of ['trainer@amiens.demo', 'candidate@amiens.demo']) {
      expect((await get(`/api/territories/amiens/projects/${own}`, email)).statusCode).toBe(403);
      expect((await get(`/api/territories/amiens/projects/${own}/sizing`, email)).statusCode).toBe(403);
    }
    expect((await get('/api/territories/amiens/projects/not-a-uuid', 'advisor@amiens.demo')).json().error.fields).toEqual({ id: 'must be a project id (UUID)' });
  });
});

describe('creating and editing', () => {
  it('creates a lead with defaults and records its creation', async () => {
    const p = await newProject('advisor@amiens.demo', 'amiens', { contactEmail: 'ops@test.example', languages: ['fr', 'en'], jobsAnnounced: 30 });
    expect(p).toMatchObject({
      stage: 'lead',
      nextStages: ['proposal', 'lost'],
      employerId: null,
      intervalMinutes: 30,
      serviceLevel: 0.8,
      targetAnswerSeconds: 20,
      shrinkage: 0.3,
      weeklyCalls: null,
      forecastMode: 'profile',
      forecastIntervals: { count: 0, weeklyCalls: 0 },
    });
    expect(p.stageChanges).toEqual([{ from: null, to: 'lead', byName: 'advisor Amiens Métropole', at: expect.any(String), note: '' }]);
    expect((await get(`/api/territories/amiens/projects/${p.id}`, 'counselor@amiens.demo')).json().contactEmail).toBe('ops@test.example');
  });

  it('names every invalid field', async () => {
    const res = await call('POST', '/api/territories/amiens/projects', 'advisor@amiens.demo', {
      companyName: ' ',
      activity: 'telepathy',
      serviceLevel: 1.5,
      ahtSeconds: 0,
      contactEmail: 'nobody',
      intervalMinutes: 20,
      weekdayProfile: [1, 1],
      openingHours: { mon: { opens: '8h', closes: '20:00' } },
      goLiveOn: '2026-13-01',
      color: 'blue',
    });
    expect(res.statusCode).toBe(400);
    const { fields } = res.json().error;
    expect(fields).toMatchObject({
      companyName: 'is required',
      activity: 'must be one of inbound_care, outbound_sales, help_desk, back_office',
      serviceLevel: 'must be a fraction between 0 and 1 (0.8 = 80 %)',
      ahtSeconds: 'must be a number of seconds > 0 and ≤ 7200',
      contactEmail: 'must be an email address such as name@example.org',
      intervalMinutes: 'must be 15, 30 or 60',
      weekdayProfile: 'must list 7 non-negative weights, Monday first',
      'openingHours.mon.opens': 'must be a time HH:MM between 00:00 and 24:00',
      'openingHours.tue': 'is required',
      goLiveOn: 'must be a date YYYY-MM-DD',
    });
    expect(Object.values(fields).join(' ')).toContain('color');
    const missing = await call('POST', '/api/territories/amiens/projects', 'advisor@amiens.demo', {});
    expect(missing.json().error.fields).toEqual({ companyName: 'is required', activity: 'is required' });
  });

  it('checks fields against each other: hours on the interval grid, profile weight in the opening hours', async () => {
    const p = await newProject();
    const url = `/api/territories/amiens/projects/${p.id}`;
    const offGrid = await call('PATCH', url, 'advisor@amiens.demo', { openingHours: { ...p.openingHours, mon: { opens: '08:15', closes: '20:00' } } });
    expect(offGrid.json().error.fields).toEqual({ 'openingHours.mon.opens': 'must fall on the 30-minute interval grid' });
    const backwards = await call('PATCH', url, 'advisor@amiens.demo', { openingHours: { ...p.openingHours, tue: { opens: '18:00', closes: '09:00' } } });
    expect(backwards.json().error.fields).toEqual({ 'openingHours.tue.closes': 'must be after the opening time (18:00)' });
    const night = new Array(24).fill(0);
    night[3] = 1;
    const noWeight = await call('PATCH', url, 'advisor@amiens.demo', { weeklyCalls: 1000, hourlyProfile: night });
    expect(noWeight.json().error.fields.hourlyProfile).toMatch(/opening hours of mon/);
    const intervals = await call('PATCH', url, 'advisor@amiens.demo', { forecastMode: 'intervals' });
    expect(intervals.json().error.fields).toEqual({ forecastMode: 'upload forecast intervals as CSV before choosing intervals' });
    // nothing was saved by the refused requests
    expect((await get(url, 'advisor@amiens.demo')).json()).toMatchObject({ weeklyCalls: null, openingHours: p.openingHours });
  });

  it('updates only the fields sent', async () => {
    const p = await newProject();
    const res = await call('PATCH', `/api/territories/amiens/projects/${p.id}`, 'counselor@amiens.demo', { ahtSeconds: 240, patienceSeconds: 90, goLiveOn: '2027-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ahtSeconds: 240, patienceSeconds: 90, goLiveOn: '2027-03-01', companyName: 'Test Contact', serviceLevel: 0.8 });
    const cleared = await call('PATCH', `/api/territories/amiens/projects/${p.id}`, 'counselor@amiens.demo', { patienceSeconds: null });
    expect(cleared.json().patienceSeconds).toBeNull();
  });

  it('ties an employer’s projects to its own company', async () => {
    const p = await newProject('employer@amiens.demo');
    expect(p.employerName).toBe('Picardie Contact SA');
    const mine = (await get('/api/territories/amiens/projects?pageSize=100', 'employer@amiens.demo')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(p.id);
    const other = await call('POST', '/api/territories/amiens/projects', 'employer@amiens.demo', {
      companyName: 'Someone else',
      activity: 'help_desk',
      employerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(other.json().error.fields).toEqual({ employerId: 'must be your own company: an employer manages its own projects only' });
    const edited = await call('PATCH', `/api/territories/amiens/projects/${p.id}`, 'employer@amiens.demo', { jobsAnnounced: 12 });
    expect(edited.json().jobsAnnounced).toBe(12);
    // staff may link an employer of the territory, not one from elsewhere
    const tangerEmployer = (await t.database.db.selectFrom('employers').select('id').where('name', '=', 'Hispano Call').executeTakeFirstOrThrow()).id;
    const foreign = await call('PATCH', `/api/territories/amiens/projects/${p.id}`, 'advisor@amiens.demo', { employerId: tangerEmployer });
    expect(foreign.json().error.fields).toEqual({ employerId: 'must be the id of an employer of this territory' });
    const unlinked = await call('PATCH', `/api/territories/amiens/projects/${p.id}`, 'advisor@amiens.demo', { employerId: null });
    expect(unlinked.json().employerName).toBeNull();
    expect((await get(`/api/territories/amiens/projects/${p.id}`, 'employer@amiens.demo')).statusCode).toBe(404);
  });
});

describe('stage changes', () => {
  it('moves along the allowed transitions and keeps the history', async () => {
    const p = await newProject();
    const url = `/api/territories/amiens/projects/${p.id}/stage`;
    const skip = await call('POST', url, 'advisor@amiens.demo', { to: 'implanted' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toEqual({
      code: 'invalid_stage_transition',
      message: 'A project cannot move from lead to implanted; from lead it may move to proposal, lost.',
      fields: { to: 'must be one of proposal, lost (the project is at lead)' },
    });
    const toProposal = await call('POST', url, 'advisor@amiens.demo', { to: 'proposal', note: 'Sites envoyés' });
    expect(toProposal.statusCode).toBe(200);
    expect(toProposal.json()).toMatchObject({ stage: 'proposal', nextStages: ['decision', 'lead', 'lost'] });
    await call('POST', url, 'counselor@amiens.demo', { to: 'decision' });
    await call('POST', url, 'admin@guichet.demo', { to: 'implanted', note: 'Bail signé' });
    const final = await call('POST', url, 'advisor@amiens.demo', { to: 'lost' });
    expect(final.json().error.message).toBe('A project cannot move from implanted to lost; from implanted it may move to no other stage.');
    const history = (await get(`/api/territories/amiens/projects/${p.id}`, 'advisor@amiens.demo')).json().stageChanges;
    expect(history.map((c: { from: string | null; to: string; note: string; byName: string }) => [c.from, c.to, c.note, c.byName])).toEqual([
      [null, 'lead', '', 'advisor Amiens Métropole'],
      ['lead', 'proposal', 'Sites envoyés', 'advisor Amiens Métropole'],
      ['proposal', 'decision', '', 'counselor Amiens Métropole'],
      ['decision', 'implanted', 'Bail signé', 'Administration guichet'],
    ]);
  });

  it('lets a lost project come back as a lead, and validates the body', async () => {
    const p = await newProject();
    const url = `/api/territories/amiens/projects/${p.id}/stage`;
    expect((await call('POST', url, 'advisor@amiens.demo', { to: 'lost', note: 'Choisit un autre pays' })).json().stage).toBe('lost');
    expect((await call('POST', url, 'advisor@amiens.demo', { to: 'lead' })).json().stage).toBe('lead');
    expect((await call('POST', url, 'advisor@amiens.demo', { to: 'signed' })).json().error.fields).toEqual({
      to: 'must be one of lead, proposal, decision, implanted, lost',
    });
  });

  it('is for agency staff: employers, trainers and candidates are refused', async () => {
    const own = await projectId('amiens', 'Picardie');
    for (const email of ['employer@amiens.demo', 'trainer@amiens.demo', 'candidate@amiens.demo']) {
      expect((await call('POST', `/api/territories/amiens/projects/${own}/stage`, email, { to: 'proposal' })).statusCode, email).toBe(403);
    }
  });
});

describe('forecast upload (CSV)', () => {
  it('lists every bad line and column, and keeps nothing', async () => {
    const p = await newProject();
    const csv = [
      'weekday,start,calls',
      'mon,08:00,12',
      'mon,08:30,abc',
      'funday,09:00,3',
      'tue,09:15,4',
      'tue,25:00,-2',
      'mon,08:00,7',
      'wed,10:00',
    ].join('\n');
    const res = await upload(`/api/territories/amiens/projects/${p.id}/forecast-intervals`, 'advisor@amiens.demo', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_csv');
    expect(res.json().error.message).toBe('The file has 7 problems; nothing was imported. See "fields" (line and column).');
    expect(res.json().error.fields).toEqual({
      'line 3, column calls': '"abc" is not a number',
      'line 4, column weekday': '"funday" is not a weekday (mon … sun, lun … dim or 1 … 7)',
      'line 5, column start': `"09:15" is not on the project's 30-minute interval grid`,
      'line 6, column start': '"25:00" is not a time HH:MM between 00:00 and 23:59',
      'line 6, column calls': '"-2" is negative',
      'line 7, column start': 'mon 08:00 is already given on line 2',
      'line 8, column calls': 'is missing',
    });
    const after = (await get(`/api/territories/amiens/projects/${p.id}`, 'advisor@amiens.demo')).json();
    expect(after).toMatchObject({ forecastMode: 'profile', forecastIntervals: { count: 0, weeklyCalls: 0 } });
  });

  it('reports a missing column, an empty file and a broken quote', async () => {
    const p = await newProject();
    const url = `/api/territories/amiens/projects/${p.id}/forecast-intervals`;
    expect((await upload(url, 'advisor@amiens.demo', 'weekday,start,volume\nmon,08:00,1')).json().error.fields).toEqual({
      'line 1, column calls': 'missing column "calls" (the header must name weekday, start and calls)',
    });
    expect((await upload(url, 'advisor@amiens.demo', 'weekday,start,calls\n')).json().error.fields).toEqual({ 'line 2': 'the file has a header but no interval rows' });
    expect(Object.keys((await upload(url, 'advisor@amiens.demo', 'weekday,start,calls\nmon,"08:00,1\n')).json().error.fields)).toEqual(['line 2']);
    expect((await upload(url, 'advisor@amiens.demo', 'weekday,start,calls\nmon,08:00,1', 'other')).json().error.fields).toEqual({
      file: 'is required: a CSV file in the field "file"',
    });
    const json = await call('POST', url, 'advisor@amiens.demo', { csv: 'weekday,start,calls' });
    expect(json.json().error.fields).toEqual({ file: 'send the CSV file as multipart/form-data in the field "file"' });
  });

  it('accepts a French spreadsheet export (semicolons, decimal commas) and sizes on it', async () => {
    const p = await newProject();
    const url = `/api/territories/amiens/projects/${p.id}`;
    const csv = '\uFEFFjour;heure;appels\r\nlun;08:00;40,5\r\nlundi;8:30;60\r\n2;09:00;100\r\n';
    const res = await upload(`${url}/forecast-intervals`, 'advisor@amiens.demo', csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, weeklyCalls: 200.5, project: { forecastMode: 'intervals', forecastIntervals: { count: 3, weeklyCalls: 200.5 } } });
    const sizing = (await get(`${url}/sizing`, 'advisor@amiens.demo')).json();
    expect(sizing.weeklyCalls).toBe(200.5);
    const withCalls = sizing.intervals.filter((i: { calls: number }) => i.calls > 0);
    expect(withCalls.map((i: { weekday: number; start: string; calls: number }) => [i.weekday, i.start, i.calls])).toEqual([
      [1, '08:00', 40.5],
      [1, '08:30', 60],
      [2, '09:00', 100],
    ]);
    // a different interval length would misread the rows: refused while the intervals are in use
    const change = await call('PATCH', url, 'advisor@amiens.demo', { intervalMinutes: 15 });
    expect(change.json().error.fields.intervalMinutes).toMatch(/per 30 minutes/);
    const back = await call('PATCH', url, 'advisor@amiens.demo', { forecastMode: 'profile', intervalMinutes: 15 });
    expect(back.json()).toMatchObject({ forecastMode: 'profile', intervalMinutes: 15 });
  });
});

describe('sizing', () => {
  it('answers 409 until a forecast is entered', async () => {
    const p = await newProject();
    const res = await get(`/api/territories/amiens/projects/${p.id}/sizing`, 'advisor@amiens.demo');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('forecast_missing');
  });

  it('equals the core engine called directly, with the territory’s contract hours', async () => {
    const p = await newProject('advisor@tanger.demo', 'tanger');
    const weekdayHours = { opens: '09:00', closes: '11:00' };
    const patch = await call('PATCH', `/api/territories/tanger/projects/${p.id}`, 'advisor@tanger.demo', {
      openingHours: { mon: weekdayHours, tue: weekdayHours, wed: null, thu: null, fri: null, sat: null, sun: null },
      weeklyCalls: 1600,
      weekdayProfile: [1, 1, 1, 1, 1, 1, 1],
      hourlyProfile: Array.from({ length: 24 }, (_, h) => (h === 9 ? 3 : h === 10 ? 1 : 0)),
      ahtSeconds: 180,
      targetAnswerSeconds: 20,
      serviceLevel: 0.8,
      shrinkage: 0.3,
      seatSharing: 1,
      m2PerSeat: 12,
      annualAttritionRate: 0.26,
      trainingWeeks: 2,
      goLiveOn: '2026-11-02',
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const s = (await get(`/api/territories/tanger/projects/${p.id}/sizing`, 'advisor@tanger.demo')).json();
    // 800 calls a day; 09:00–10:00 holds 3/4 (300 per half hour), 10:00–11:00 1/4 (100)
    const expected = [300, 300, 100, 100];
    expect(s.intervals.map((i: { start: string }) => i.start)).toEqual(['09:00', '09:30', '10:00', '10:30', '09:00', '09:30', '10:00', '10:30']);
    const agents = expected.map((calls) => requiredAgents({ callsPerInterval: calls, intervalMinutes: 30, ahtSeconds: 180, targetAnswerSeconds: 20, serviceLevel: 0.8 }));
    expect(agents[2].agents).toBe(14); // the textbook 100 calls, 180 s, 80/20
    s.intervals.forEach((i: { calls: number; agents: number; serviceLevel: number; asaSeconds: number; occupancy: number }, k: number) => {
      const direct = agents[k % 4];
      expect(i.calls).toBeCloseTo(expected[k % 4], 9);
      expect(i.agents).toBe(direct.agents);
      expect(i.serviceLevel).toBeCloseTo(direct.evaluation.serviceLevel, 12);
      expect(i.asaSeconds).toBeCloseTo(direct.evaluation.asaSeconds!, 12);
      expect(i.occupancy).toBeCloseTo(direct.evaluation.occupancy, 12);
    });
    const grid = new Array(336).fill(0);
    for (const d of [0, 1]) agents.forEach((a, k) => (grid[d * 48 + 18 + k] = a.agents));
    const plan = planStaffing({ agentsPerInterval: grid, intervalMinutes: 30, shrinkage: 0.3, contractHoursPerWeek: 44, seatSharing: 1, m2PerSeat: 12 });
    expect(s.contractHoursPerWeek).toBe(44);
    expect(Object.keys(s.intervals[0]).sort()).toEqual(
      ['abandonRate', 'agents', 'asaSeconds', 'calls', 'occupancy', 'scheduledAgents', 'serviceLevel', 'start', 'trafficErlangs', 'weekday'],
    );
    expect(s.model).toBe('erlang-c');
    expect(s).toMatchObject({ peakAgents: plan.peakAgents, seats: plan.seats, floorAreaM2: plan.floorAreaM2, headcount: Math.ceil(plan.fte) });
    expect(s.fte).toBeCloseTo(plan.fte, 12);
    expect(s.scheduledPeak).toBeCloseTo(plan.scheduledPeak, 12);
    expect(s.peak).toEqual({ weekday: 1, start: '09:00', calls: expect.closeTo(300, 9), trafficErlangs: expect.closeTo(30, 9), agents: agents[0].agents });
    const sweep = sweepStaffing({ callsPerInterval: s.peak.calls, intervalMinutes: 30, ahtSeconds: 180, targetAnswerSeconds: 20, fromAgents: s.sweep[0].agents, toAgents: s.sweep.at(-1).agents });
    expect(s.sweep.map((x: { serviceLevel: number }) => x.serviceLevel)).toEqual(sweep.map((e) => e.serviceLevel));
    expect(s.sweep.find((x: { agents: number }) => x.agents === s.peakAgents).meetsTargets).toBe(true);
    expect(s.sweep.find((x: { agents: number }) => x.agents === s.peakAgents - 1).meetsTargets).toBe(false);
    const hiring = planHiring({ headcount: Math.ceil(plan.fte), annualAttritionRate: 0.26, trainingWeeks: 2, weeksAfterGoLive: 12 });
    expect(s.hiring.weeks.map(({ startsOn: _, ...w }: { startsOn: string }) => w)).toEqual(hiring.weeks);
    expect(s.hiring.weeks.slice(0, 3).map((w: { week: number; startsOn: string }) => [w.week, w.startsOn])).toEqual([
      [-2, '2026-10-19'],
      [-1, '2026-10-26'],
      [0, '2026-11-02'],
    ]);

    // The same project in France (35 h a week) needs proportionally more FTE.
    const amiens = await newProject('advisor@amiens.demo', 'amiens');
    const body = JSON.parse(patch.body);
    const keys = ['openingHours', 'weeklyCalls', 'weekdayProfile', 'hourlyProfile', 'ahtSeconds', 'm2PerSeat', 'trainingWeeks'];
    await call('PATCH', `/api/territories/amiens/projects/${amiens.id}`, 'advisor@amiens.demo', Object.fromEntries(keys.map((k) => [k, body[k]])));
    const france = (await get(`/api/territories/amiens/projects/${amiens.id}/sizing`, 'advisor@amiens.demo')).json();
    expect(france.contractHoursPerWeek).toBe(35);
    expect(france.fte).toBeCloseTo((s.fte * 44) / 35, 9);
    expect(france.seats).toBe(s.seats);
  });

  it('reports abandonment under Erlang A and suggests the sites that fit, smallest first', async () => {
    const id = await projectId('tanger', 'Atlas');
    const s = (await get(`/api/territories/tanger/projects/${id}/sizing`, 'advisor@tanger.demo')).json();
    expect(s.model).toBe('erlang-a');
    expect(s.weeklyCalls).toBeCloseTo(30000, 6);
    expect(s.week.abandonRate).toBeGreaterThan(0);
    expect(s.week.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(s.intervals.every((i: { abandonRate: number | null }) => i.abandonRate !== null)).toBe(true);
    expect(s.floorAreaM2).toBe(s.seats * 9);
    const sites = (await get('/api/territories/tanger/sites', 'advisor@tanger.demo')).json().items;
    const fitting = sites.filter((x: { availableM2: number }) => x.availableM2 >= s.floorAreaM2).sort((a: { availableM2: number }, b: { availableM2: number }) => a.availableM2 - b.availableM2);
    expect(s.suggestedSites).toEqual(fitting);
    expect(s.suggestedSites.length).toBeGreaterThan(0);
  });

  it('sizes the employer’s interval forecast for the employer', async () => {
    const id = await projectId('amiens', 'Picardie', 'employer@amiens.demo');
    const res = await get(`/api/territories/amiens/projects/${id}/sizing`, 'employer@amiens.demo');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ model: 'erlang-c', contractHoursPerWeek: 35, intervalMinutes: 30 });
    expect(res.json().intervals).toHaveLength(100);
    expect(res.json().peak).toMatchObject({ weekday: 1, start: '10:00', calls: 48 });
  });
});
