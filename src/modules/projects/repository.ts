import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Stage } from './schema.ts';

type ProjectInsert = Insertable<DB['projects']>;
type ProjectUpdate = Updateable<DB['projects']>;

/** LIKE pattern matching `word` anywhere, with the LIKE metacharacters escaped. */
function containing(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The projects domain's SQL; `db` may be a transaction. */
export function createProjectRepository(db: Kysely<DB>) {
  const withEmployer = () =>
    db
      .selectFrom('projects')
      .leftJoin('employers', 'employers.id', 'projects.employer_id')
      .selectAll('projects')
      .select('employers.name as employer_name');

  return {
    async findPage(territoryId: string, options: { page: number; pageSize: number; stage?: Stage; q?: string; employerId?: string }) {
      let base = db.selectFrom('projects').leftJoin('employers', 'employers.id', 'projects.employer_id').where('projects.territory_id', '=', territoryId);
      if (options.employerId !== undefined) base = base.where('projects.employer_id', '=', options.employerId);
      if (options.stage) base = base.where('projects.stage', '=', options.stage);
      // every word must appear in the company or contact name
      for (const word of options.q?.split(/\s+/).filter(Boolean) ?? []) {
        const pattern = containing(word);
        base = base.where((eb) => eb.or([eb('projects.company_name', 'ilike', pattern), eb('projects.contact_name', 'ilike', pattern)]));
      }
      const [items, total] = await Promise.all([
        base
          .select([
            'projects.id',
            'projects.company_name',
            'projects.activity',
            'projects.stage',
            'projects.jobs_announced',
            'projects.go_live_on',
            'projects.updated_at',
            'employers.name as employer_name',
          ])
          .orderBy('projects.updated_at', 'desc')
          .orderBy('projects.id')
          .limit(options.pageSize)
          .offset((options.page - 1) * options.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    findById(territoryId: string, id: string) {
      return withEmployer().where('projects.territory_id', '=', territoryId).where('projects.id', '=', id).executeTakeFirst();
    },

    /** Locks the row until the transaction ends: edits, stage changes and uploads are serialised per project. */
    async lockById(territoryId: string, id: string) {
      await db.selectFrom('projects').select('id').where('territory_id', '=', territoryId).where('id', '=', id).forUpdate().execute();
    },

    async insert(values: ProjectInsert) {
      return db.insertInto('projects').values(values).returning('id').executeTakeFirstOrThrow();
    },

    async update(id: string, values: ProjectUpdate) {
      await db
        .updateTable('projects')
        .set({ ...values, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    },

    async insertStageChange(values: { projectId: string; from: Stage | null; to: Stage; by: string; note: string; at?: Date }) {
      await db
        .insertInto('project_stage_changes')
        .values({
          project_id: values.projectId,
          from_stage: values.from,
          to_stage: values.to,
          changed_by: values.by,
          note: values.note,
          ...(values.at ? { changed_at: values.at } : {}),
        })
        .execute();
    },

    findStageChanges(projectId: string) {
      return db
        .selectFrom('project_stage_changes')
        .leftJoin('users', 'users.id', 'project_stage_changes.changed_by')
        .select([
          'project_stage_changes.from_stage',
          'project_stage_changes.to_stage',
          'project_stage_changes.changed_at',
          'project_stage_changes.note',
          'users.display_name',
        ])
        .where('project_stage_changes.project_id', '=', projectId)
        .orderBy('project_stage_changes.changed_at')
        .orderBy('project_stage_changes.id')
        .execute();
    },

    findForecastIntervals(projectId: string) {
      return db
        .selectFrom('project_forecast_intervals')
        .select(['weekday', 'start_minute', 'calls'])
        .where('project_id', '=', projectId)
        .orderBy('weekday')
        .orderBy('start_minute')
        .execute();
    },

    async forecastIntervalSummary(projectId: string) {
      const row = await db
        .selectFrom('project_forecast_intervals')
        .select((eb) => [eb.fn.countAll<number>().as('count'), sql<number>`coalesce(sum(calls), 0)`.as('calls')])
        .where('project_id', '=', projectId)
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), weeklyCalls: Number(row.calls) };
    },

    /** Replaces the interval forecast of a project (call inside a transaction: all or nothing). */
    async replaceForecastIntervals(projectId: string, rows: { weekday: number; startMinute: number; calls: number }[]) {
      await db.deleteFrom('project_forecast_intervals').where('project_id', '=', projectId).execute();
      if (rows.length === 0) return;
      await db
        .insertInto('project_forecast_intervals')
        .values(rows.map((r) => ({ project_id: projectId, weekday: r.weekday, start_minute: r.startMinute, calls: r.calls })))
        .execute();
    },

    findEmployer(territoryId: string, employerId: string) {
      return db.selectFrom('employers').select(['id', 'name']).where('territory_id', '=', territoryId).where('id', '=', employerId).executeTakeFirst();
    },
  };
}
export type ProjectRepository = ReturnType<typeof createProjectRepository>;
export type ProjectRow = NonNullable<Awaited<ReturnType<ProjectRepository['findById']>>>;
