import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';

/** The only SQL of users and sessions. Takes a db or a transaction. */
export function createAuthRepository(db: Kysely<DB>) {
  const userWithTerritory = () =>
    db
      .selectFrom('users')
      .leftJoin('territories', 'territories.id', 'users.territory_id')
      .select([
        'users.id',
        'users.email',
        'users.display_name',
        'users.password_hash',
        'users.role',
        'users.territory_id',
        'users.employer_id',
        'users.training_body_id',
        'users.locale',
        'users.is_active',
        'territories.code as territory_code',
      ]);

  return {
    findUserByEmail(email: string) {
      return userWithTerritory().where('users.email', '=', email.toLowerCase()).executeTakeFirst();
    },

    findUserById(id: string) {
      return userWithTerritory().where('users.id', '=', id).executeTakeFirst();
    },

    async insertUser(user: {
      email: string;
      displayName: string;
      passwordHash: string;
      role: Role;
      territoryId: string | null;
      employerId?: string | null;
      trainingBodyId?: string | null;
      locale?: 'fr' | 'en';
    }): Promise<string> {
      const row = await db
        .insertInto('users')
        .values({
          email: user.email.toLowerCase(),
          display_name: user.displayName,
          password_hash: user.passwordHash,
          role: user.role,
          territory_id: user.territoryId,
          employer_id: user.employerId ?? null,
          training_body_id: user.trainingBodyId ?? null,
          locale: user.locale ?? 'fr',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async insertSession(session: { tokenHash: string; userId: string; expiresAt: Date; userAgent: string | null }) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: session.tokenHash,
          user_id: session.userId,
          expires_at: session.expiresAt,
          user_agent: session.userAgent,
        })
        .execute();
    },

    /** The live session and its user, or undefined when unknown, expired or the user is disabled. */
    findLiveSession(tokenHash: string, now: Date) {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .leftJoin('territories', 'territories.id', 'users.territory_id')
        .select([
          'sessions.token_hash',
          'sessions.last_seen_at',
          'users.id as user_id',
          'users.email',
          'users.display_name',
          'users.role',
          'users.territory_id',
          'users.employer_id',
          'users.training_body_id',
          'users.locale',
          'territories.code as territory_code',
        ])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now)
        .where('users.is_active', '=', true)
        .executeTakeFirst();
    },

    async extendSession(tokenHash: string, now: Date, expiresAt: Date) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteSession(tokenHash: string) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteOtherSessions(userId: string, keepTokenHash: string) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '<>', keepTokenHash).execute();
    },

    async deleteExpiredSessions(now: Date) {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },

    async updatePasswordHash(userId: string, passwordHash: string, now: Date) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: now })
        .where('id', '=', userId)
        .execute();
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
