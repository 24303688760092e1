import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { InvalidCredentialsError, ValidationError } from '../../http/errors.ts';
import { createAuthRepository } from './repository.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import type { Me } from './schema.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Sessions are extended at most this often, so reads do not each write a row. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toMe(auth: AuthContext): Me {
  return {
    id: auth.userId,
    email: auth.email,
    displayName: auth.displayName,
    role: auth.role,
    territoryCode: auth.territoryCode,
    locale: auth.locale,
  };
}

export function createAuthService({ db, clock = systemClock, sessionHours }: { db: Kysely<DB>; clock?: Clock; sessionHours: number }) {
  const repo = createAuthRepository(db);
  const sessionMs = sessionHours * 3_600_000;

  return {
    /** Checks the password and opens a session; returns the cookie token (only its hash is stored). */
    async login(input: { email: string; password: string; userAgent: string | null }) {
      const user = await repo.findUserByEmail(input.email);
      const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
      if (!user || !ok || !user.is_active) throw new InvalidCredentialsError();
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await repo.insertSession({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(now.getTime() + sessionMs),
        userAgent: input.userAgent?.slice(0, 500) ?? null,
      });
      const me: Me = {
        id: user.id,
        email: user.email,
        displayName: user.display_name,
        role: user.role,
        territoryCode: user.territory_code,
        locale: user.locale,
      };
      return { token, user: me, maxAgeSeconds: sessionMs / 1000 };
    },

    async logout(token: string) {
      await repo.deleteSession(hashToken(token));
    },

    async authenticate(token: string): Promise<AuthContext | null> {
      if (token.length > 200) return null;
      const tokenHash = hashToken(token);
      const now = clock.now();
      const s = await repo.findLiveSession(tokenHash, now);
      if (!s) return null;
      if (now.getTime() - s.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
        await repo.extendSession(tokenHash, now, new Date(now.getTime() + sessionMs));
      }
      return {
        userId: s.user_id,
        email: s.email,
        displayName: s.display_name,
        role: s.role,
        territoryId: s.territory_id,
        territoryCode: s.territory_code,
        employerId: s.employer_id,
        trainingBodyId: s.training_body_id,
        locale: s.locale,
        sessionTokenHash: tokenHash,
      };
    },

    /** Changes the password and closes the user's other sessions (a stolen session does not survive it). */
    async changePassword(auth: AuthContext, input: { currentPassword: string; newPassword: string }) {
      const user = await repo.findUserById(auth.userId);
      if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw new ValidationError({ currentPassword: 'is not your current password' });
      }
      if (input.newPassword === input.currentPassword) {
        throw new ValidationError({ newPassword: 'must differ from the current password' });
      }
      await repo.updatePasswordHash(auth.userId, await hashPassword(input.newPassword), clock.now());
      await repo.deleteOtherSessions(auth.userId, auth.sessionTokenHash);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
