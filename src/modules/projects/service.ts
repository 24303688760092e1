import type { Kysely } from 'kysely';
import { sizeWeek } from '../../core/staffing/week-sizing.ts';
import { checkProfileForecast, intervalsForecast, openSlots, profileForecast, type OpeningHours } from '../../core/staffing/weekly-forecast.ts';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { AppError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { createSiteRepository } from '../sites/repository.ts';
import { toSite } from '../sites/service.ts';
import { resolveTerritory } from '../territories/service.ts';
import { parseForecastCsv, problemFields } from './forecast-csv.ts';
import { createProjectRepository, type ProjectRow } from './repository.ts';
import { PROJECT_DEFAULTS, type CreateProjectBody, type Project, type Sizing, type Stage, type UpdateProjectBody } from './schema.ts';

/**
 * The pipeline of an investor project. Forward one step at a time; back one step when a proposal or
 * a decision is reopened; any open stage may be lost, and a lost project may come back as a lead.
 * An implanted project is final (its jobs are then followed by the observatory).
 */
export const STAGE_TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  lead: ['proposal', 'lost'],
  proposal: ['decision', 'lead', 'lost'],
  decision: ['implanted', 'proposal', 'lost'],
  implanted: [],
  lost: ['lead'],
};

export class StageTransitionError extends AppError {
  constructor(from: Stage, to: Stage) {
    const allowed = STAGE_TRANSITIONS[from];
    super(
      409,
      'invalid_stage_transition',
      `A project cannot move from ${from} to ${to}; from ${from} it may move to ${allowed.length > 0 ? allowed.join(', ') : 'no other stage'}.`,
      { to: allowed.length > 0 ? `must be one of ${allowed.join(', ')} (the project is at ${from})` : `the project is at ${from}, a final stage` },
    );
  }
}

export class ForecastMissingError extends AppError {
  constructor(mode: 'profile' | 'intervals') {
    super(
      409,
      'forecast_missing',
      mode === 'profile'
        ? 'The project has no call forecast yet: set weeklyCalls (with the weekday and hourly profiles) or upload intervals as CSV.'
        : 'The project has no forecast intervals yet: upload them as CSV, or switch forecastMode to profile.',
    );
  }
}

/** Camel-case fields of the project as stored (the editable ones). */
export type Fields = Required<UpdateProjectBody>;

function fieldsOf(row: ProjectRow): Fields {
  return {
    companyName: row.company_name,
    employerId: row.employer_id,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    activity: row.activity,
    languages: row.languages,
    openingHours: row.opening_hours as Fields['openingHours'],
    goLiveOn: row.go_live_on,
    jobsAnnounced: row.jobs_announced,
    forecastMode: row.forecast_mode,
    weeklyCalls: row.weekly_calls,
    weekdayProfile: row.weekday_profile,
    hourlyProfile: row.hourly_profile,
    intervalMinutes: row.interval_minutes as Fields['intervalMinutes'],
    ahtSeconds: row.aht_seconds,
    targetAnswerSeconds: row.target_answer_seconds,
    serviceLevel: row.service_level,
    maxOccupancy: row.max_occupancy,
    asaSeconds: row.asa_seconds,
    patienceSeconds: row.patience_seconds,
    shrinkage: row.shrinkage,
    seatSharing: row.seat_sharing,
    m2PerSeat: row.m2_per_seat,
    annualAttritionRate: row.annual_attrition_rate,
    trainingWeeks: row.training_weeks,
  };
}

/** Table columns of some project fields (for inserts and updates; the demo seed uses it too). */
export function projectColumns(f: Partial<Fields>) {
  const pick = <K extends keyof Fields, V>(key: K, to: (value: Fields[K]) => V) => (f[key] === undefined ? undefined : to(f[key] as Fields[K]));
  const columns = {
    company_name: pick('companyName', (v) => v),
    employer_id: pick('employerId', (v) => v),
    contact_name: pick('contactName', (v) => v),
    contact_email: pick('contactEmail', (v) => v),
    contact_phone: pick('contactPhone', (v) => v),
    activity: pick('activity', (v) => v),
    languages: pick('languages', (v) => v),
    opening_hours: pick('openingHours', (v) => JSON.stringify(v)),
    go_live_on: pick('goLiveOn', (v) => v),
    jobs_announced: pick('jobsAnnounced', (v) => v),
    forecast_mode: pick('forecastMode', (v) => v),
    weekly_calls: pick('weeklyCalls', (v) => v),
    weekday_profile: pick('weekdayProfile', (v) => v),
    hourly_profile: pick('hourlyProfile', (v) => v),
    interval_minutes: pick('intervalMinutes', (v) => v),
    aht_seconds: pick('ahtSeconds', (v) => v),
    target_answer_seconds: pick('targetAnswerSeconds', (v) => v),
    service_level: pick('serviceLevel', (v) => v),
    max_occupancy: pick('maxOccupancy', (v) => v),
    asa_seconds: pick('asaSeconds', (v) => v),
    patience_seconds: pick('patienceSeconds', (v) => v),
    shrinkage: pick('shrinkage', (v) => v),
    seat_sharing: pick('seatSharing', (v) => v),
    m2_per_seat: pick('m2PerSeat', (v) => v),
    annual_attrition_rate: pick('annualAttritionRate', (v) => v),
    training_weeks: pick('trainingWeeks', (v) => v),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as { [K in keyof typeof columns]: Exclude<(typeof columns)[K], undefined> };
}

/**
 * Rules across fields, on the project as it would be saved: opening hours on the interval grid, and
 * a profile forecast that can place its calls. Field paths as in the body.
 */
function checkFields(f: Fields, intervalRows: number): Record<string, string> {
  const problems: Record<string, string> = {};
  const isProfile = f.forecastMode === 'profile' && f.weeklyCalls !== null;
  for (const issue of checkProfileForecast(f)) {
    // the profiles matter only when they place a weekly volume
    if (!isProfile && (issue.path === 'weekdayProfile' || issue.path === 'hourlyProfile')) continue;
    problems[issue.path] ??= issue.message;
  }
  if (f.forecastMode === 'intervals' && intervalRows === 0) problems.forecastMode = 'upload forecast intervals as CSV before choosing intervals';
  return problems;
}

export function createProjectService({ db }: { db: Kysely<DB> }) {
  const repo = createProjectRepository(db);
  const sites = createSiteRepository(db);

  /** The territory, and the employer the caller is limited to (employers see their own projects only). */
  async function scope(auth: AuthContext, code: string) {
    const territory = await resolveTerritory(db, auth, code);
    const employerId = auth.role === 'employer' ? (auth.employerId ?? '') : undefined;
    return { territory, employerId };
  }

  /**
   * A project the caller may see, else 404 (whether it exists elsewhere is not revealed). `r` may be
   * a transaction's repository; the scope is resolved before the transaction opens (PGlite runs one
   * transaction at a time, so no query may go around it).
   */
  async function load(r: typeof repo, { territory, employerId }: Awaited<ReturnType<typeof scope>>, id: string, options: { lock?: boolean } = {}) {
    if (options.lock) await r.lockById(territory.id, id);
    const row = await r.findById(territory.id, id);
    if (!row || (employerId !== undefined && row.employer_id !== employerId)) throw new NotFoundError('project', id);
    return row;
  }

  async function checkEmployer(r: typeof repo, auth: AuthContext, territoryId: string, employerId: string | null | undefined) {
    if (employerId === undefined) return;
    if (auth.role === 'employer') {
      if (employerId !== auth.employerId) throw new ValidationError({ employerId: 'must be your own company: an employer manages its own projects only' });
      return;
    }
    if (employerId !== null && !(await r.findEmployer(territoryId, employerId))) {
      throw new ValidationError({ employerId: 'must be the id of an employer of this territory' });
    }
  }

  async function present(r: typeof repo, code: string, row: ProjectRow): Promise<Project> {
    const [changes, summary] = await Promise.all([r.findStageChanges(row.id), r.forecastIntervalSummary(row.id)]);
    return {
      id: row.id,
      territoryCode: code,
      ...fieldsOf(row),
      employerName: row.employer_name,
      stage: row.stage,
      nextStages: [...STAGE_TRANSITIONS[row.stage]],
      forecastIntervals: summary,
      stageChanges: changes.map((c) => ({ from: c.from_stage, to: c.to_stage, byName: c.display_name, at: c.changed_at.toISOString(), note: c.note })),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  return {
    async list(auth: AuthContext, code: string, query: { page: number; pageSize: number; stage?: Stage; q?: string }) {
      const { territory, employerId } = await scope(auth, code);
      const { items, total } = await repo.findPage(territory.id, { ...query, employerId });
      return {
        items: items.map((p) => ({
          id: p.id,
          companyName: p.company_name,
          activity: p.activity,
          stage: p.stage,
          employerName: p.employer_name,
          jobsAnnounced: p.jobs_announced,
          goLiveOn: p.go_live_on,
          updatedAt: p.updated_at.toISOString(),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async get(auth: AuthContext, code: string, id: string): Promise<Project> {
      const row = await load(repo, await scope(auth, code), id);
      return present(repo, code, row);
    },

    /** A new project at the lead stage; an employer's project is its own company's. */
    async create(auth: AuthContext, code: string, body: CreateProjectBody): Promise<Project> {
      const { territory } = await scope(auth, code);
      const fields: Fields = { ...PROJECT_DEFAULTS, forecastMode: 'profile', ...body } as Fields;
      if (auth.role === 'employer') fields.employerId = body.employerId === undefined ? auth.employerId : body.employerId;
      const problems = checkFields(fields, 0);
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      return db.transaction().execute(async (tx) => {
        const r = createProjectRepository(tx);
        await checkEmployer(r, auth, territory.id, fields.employerId);
        const { id } = await r.insert({ territory_id: territory.id, created_by: auth.userId, ...projectColumns(fields) });
        await r.insertStageChange({ projectId: id, from: null, to: 'lead', by: auth.userId, note: '' });
        return present(r, code, (await r.findById(territory.id, id))!);
      });
    },

    async update(auth: AuthContext, code: string, id: string, body: UpdateProjectBody): Promise<Project> {
      const s = await scope(auth, code);
      return db.transaction().execute(async (tx) => {
        const r = createProjectRepository(tx);
        const row = await load(r, s, id, { lock: true });
        await checkEmployer(r, auth, s.territory.id, body.employerId);
        const current = fieldsOf(row);
        const merged: Fields = { ...current, ...body } as Fields;
        const { count } = await r.forecastIntervalSummary(id);
        const problems = checkFields(merged, count);
        if (merged.forecastMode === 'intervals' && count > 0 && merged.intervalMinutes !== current.intervalMinutes) {
          problems.intervalMinutes = `the uploaded forecast is per ${current.intervalMinutes} minutes: upload a new file to change the interval, or switch forecastMode to profile`;
        }
        if (Object.keys(problems).length > 0) throw new ValidationError(problems);
        await r.update(id, projectColumns(body as Partial<Fields>));
        return present(r, code, (await r.findById(s.territory.id, id))!);
      });
    },

    /** Moves the project along the pipeline (STAGE_TRANSITIONS) and records who did it, when and why. */
    async changeStage(auth: AuthContext, code: string, id: string, body: { to: Stage; note?: string }): Promise<Project> {
      const s = await scope(auth, code);
      return db.transaction().execute(async (tx) => {
        const r = createProjectRepository(tx);
        const row = await load(r, s, id, { lock: true });
        if (!STAGE_TRANSITIONS[row.stage].includes(body.to)) throw new StageTransitionError(row.stage, body.to);
        await r.update(id, { stage: body.to });
        await r.insertStageChange({ projectId: id, from: row.stage, to: body.to, by: auth.userId, note: body.note ?? '' });
        return present(r, code, (await r.findById(s.territory.id, id))!);
      });
    },

    /** Replaces the interval forecast with the rows of a CSV file, all or nothing, and switches to it. */
    async uploadForecast(auth: AuthContext, code: string, id: string, text: string) {
      const s = await scope(auth, code);
      return db.transaction().execute(async (tx) => {
        const r = createProjectRepository(tx);
        const row = await load(r, s, id, { lock: true });
        const { rows, problems } = parseForecastCsv(text, row.interval_minutes);
        if (problems.length > 0) {
          throw new AppError(400, 'invalid_csv', `The file has ${problems.length} problem${problems.length > 1 ? 's' : ''}; nothing was imported. See "fields" (line and column).`, problemFields(problems));
        }
        await r.replaceForecastIntervals(id, rows);
        await r.update(id, { forecast_mode: 'intervals' });
        const project = await present(r, code, (await r.findById(s.territory.id, id))!);
        return { rows: rows.length, weeklyCalls: project.forecastIntervals.weeklyCalls, project };
      });
    },

    /** Sizes the project with the core engine and the territory's contract hours; suggests sites that fit. */
    async sizing(auth: AuthContext, code: string, id: string): Promise<Sizing> {
      const s = await scope(auth, code);
      const row = await load(repo, s, id);
      const territory = s.territory;
      const f = fieldsOf(row);
      let calls: number[];
      if (f.forecastMode === 'profile') {
        if (f.weeklyCalls === null) throw new ForecastMissingError('profile');
        calls = profileForecast({ ...f, weeklyCalls: f.weeklyCalls });
      } else {
        const intervals = await repo.findForecastIntervals(id);
        if (intervals.length === 0) throw new ForecastMissingError('intervals');
        calls = intervalsForecast({
          intervals: intervals.map((i) => ({ weekday: i.weekday, startMinute: i.start_minute, calls: i.calls })),
          intervalMinutes: f.intervalMinutes,
        });
      }
      const sized = sizeWeek({
        ...weekSizingParameters(f),
        calls,
        isOpen: openSlots({ openingHours: f.openingHours as OpeningHours, intervalMinutes: f.intervalMinutes }),
        contractHoursPerWeek: Number(territory.contract_hours_per_week),
      });
      const fitting = await sites.findWithAvailableArea(territory.id, sized.floorAreaM2);
      // the response schema leaves out the grid slot numbers of intervals and peak
      return {
        ...sized,
        contractHoursPerWeek: Number(territory.contract_hours_per_week),
        intervalMinutes: f.intervalMinutes,
        suggestedSites: fitting.map(toSite),
      };
    },
  };
}
export type ProjectService = ReturnType<typeof createProjectService>;

/** The staffing parameters of a project as sizeWeek takes them (nulls left out). */
function weekSizingParameters(f: Fields) {
  return {
    intervalMinutes: f.intervalMinutes,
    ahtSeconds: f.ahtSeconds,
    targetAnswerSeconds: f.targetAnswerSeconds,
    serviceLevel: f.serviceLevel,
    ...(f.maxOccupancy !== null ? { maxOccupancy: f.maxOccupancy } : {}),
    ...(f.asaSeconds !== null ? { asaSeconds: f.asaSeconds } : {}),
    ...(f.patienceSeconds !== null ? { patienceSeconds: f.patienceSeconds } : {}),
    shrinkage: f.shrinkage,
    seatSharing: f.seatSharing,
    m2PerSeat: f.m2PerSeat,
    annualAttritionRate: f.annualAttritionRate,
    trainingWeeks: f.trainingWeeks,
    goLiveOn: f.goLiveOn,
  };
}
