import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';

export const RoleSchema = z.enum(['admin', 'advisor', 'counselor', 'employer', 'trainer', 'candidate']);

export const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    territoryCode: z.string().nullable().describe('null for platform admins'),
    locale: z.enum(['fr', 'en']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const LoginBody = z.object({
  email: z.email({ error: 'must be an email address such as name@example.org' }).max(320),
  password: z.string().min(1, { error: 'is required' }).max(PASSWORD_MAX_LENGTH),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, { error: 'is required' }).max(PASSWORD_MAX_LENGTH),
  newPassword: z
    .string()
    .min(PASSWORD_MIN_LENGTH, { error: `must have at least ${PASSWORD_MIN_LENGTH} characters` })
    .max(PASSWORD_MAX_LENGTH, { error: `must have at most ${PASSWORD_MAX_LENGTH} characters` }),
});

export const MeResponse = z.object({ user: Me });
