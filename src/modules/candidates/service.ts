import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ConsentPurpose, DB } from '../../db/schema.ts';
import type { AuthContext } from '../../http/access.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { hashPassword } from '../auth/password.ts';
import { createAuthRepository } from '../auth/repository.ts';
import { hashToken, systemClock, type Clock } from '../auth/service.ts';
import { createTerritoryRepository } from '../territories/repository.ts';
import { resolveTerritory } from '../territories/service.ts';
import { detectDuplicates } from './duplicates.ts';
import { createCandidateRepository, type CandidatePatch, type CandidateProfileRow } from './repository.ts';
import {
  PRIVACY_NOTICE_VERSION,
  type CandidateExport,
  type CandidatePage,
  type CandidateProfile,
  type ConsentChoice,
  type CreateCandidateBody,
  type ProfileFields,
  type RegisterBody,
  type UpdateCandidateBody,
} from './schema.ts';

const VERIFY_TOKEN_HOURS = 48;
const INVITATION_TOKEN_HOURS = 7 * 24;
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const MAX_DOCUMENTS = 10;

/** Accepted CV formats: by file extension, with the leading bytes each must start with. */
const documentTypes: Record<string, { mime: string; magic: (b: Buffer) => boolean }> = {
  pdf: { mime: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  doc: { mime: 'application/msword', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: (b) => b.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) },
  odt: {
    mime: 'application/vnd.oasis.opendocument.text',
    // an ODF package starts with an uncompressed "mimetype" entry holding the media type
    magic: (b) => b.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) && b.subarray(30, 100).toString('latin1').includes('application/vnd.oasis.opendocument.text'),
  },
};

type ProfileInput = Partial<z.infer<typeof ProfileFields>>;

function consentPurposes(choice: z.infer<typeof ConsentChoice>): ConsentPurpose[] {
  return ['processing', ...(choice.jobAlerts ? ['job_alerts' as const] : []), ...(choice.trainingContact ? ['training_contact' as const] : [])];
}

function toPatch(input: ProfileInput & { email?: string | null }): CandidatePatch {
  const patch: CandidatePatch = {};
  if (input.firstName !== undefined) patch.first_name = input.firstName;
  if (input.lastName !== undefined) patch.last_name = input.lastName;
  if (input.email !== undefined) patch.email = input.email;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.birthDate !== undefined) patch.birth_date = input.birthDate;
  if (input.communeCode !== undefined) patch.commune_code = input.communeCode;
  if (input.mobilityKm !== undefined) patch.mobility_km = input.mobilityKm;
  if (input.mobilityMinutes !== undefined) patch.mobility_minutes = input.mobilityMinutes;
  if (input.languages !== undefined) patch.languages = JSON.stringify(input.languages);
  if (input.educationLevel !== undefined) patch.education_level = input.educationLevel;
  if (input.educationDetail !== undefined) patch.education_detail = input.educationDetail;
  if (input.experienceMonths !== undefined) patch.experience_months = input.experienceMonths;
  if (input.experienceDetail !== undefined) patch.experience_detail = input.experienceDetail;
  if (input.shifts !== undefined) patch.shifts = input.shifts;
  if (input.workTime !== undefined) patch.work_time = input.workTime;
  if (input.contractWishes !== undefined) patch.contract_wishes = input.contractWishes;
  return patch;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A one-time token for a link sent by email; only its SHA-256 is stored. */
function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export interface CandidateServiceOptions {
  db: Kysely<DB>;
  clock?: Clock;
  /**
   * Return verification and invitation tokens in API answers (no email is sent yet). Off in
   * production; see `exposeTokens` in src/config.ts.
   */
  exposeTokens: boolean;
}

export function createCandidateService({ db, clock = systemClock, exposeTokens }: CandidateServiceOptions) {
  const repo = createCandidateRepository(db);

  async function toProfile(row: CandidateProfileRow, r = repo): Promise<CandidateProfile> {
    const [consents, documents] = await Promise.all([r.listConsents(row.id), r.listDocuments(row.id)]);
    return {
      id: row.id,
      territoryCode: row.territory_code,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      phone: row.phone,
      birthDate: row.birth_date,
      communeCode: row.commune_code,
      communeName: row.commune_name,
      postcode: row.postcode,
      mobilityKm: row.mobility_km,
      mobilityMinutes: row.mobility_minutes,
      languages: row.languages,
      educationLevel: row.education_level,
      educationDetail: row.education_detail,
      experienceMonths: row.experience_months,
      experienceDetail: row.experience_detail,
      shifts: row.shifts,
      workTime: row.work_time,
      contractWishes: row.contract_wishes,
      source: row.source,
      account: row.user_id === null ? 'none' : row.user_is_active ? 'active' : row.has_pending_token ? 'pending' : 'disabled',
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      anonymisedAt: iso(row.anonymised_at),
      mergedIntoId: row.merged_into_id,
      consents: consents.map((c) => ({
        id: c.id,
        purpose: c.purpose,
        noticeVersion: c.notice_version,
        givenAt: c.given_at.toISOString(),
        withdrawnAt: iso(c.withdrawn_at),
        recordedByStaff: c.recorded_by !== null,
      })),
      documents: documents.map((d) => ({ id: d.id, kind: d.kind, filename: d.filename, mimeType: d.mime_type, sizeBytes: d.size_bytes, uploadedAt: d.uploaded_at.toISOString() })),
    };
  }

  /** The candidate record of a candidate user. */
  async function own(auth: AuthContext): Promise<CandidateProfileRow> {
    const row = await repo.findProfileByUserId(auth.userId);
    if (!row) throw new NotFoundError('candidate profile');
    return row;
  }

  /** A candidate a staff member may act on: admins anywhere, others in their territory (else 404). */
  async function staffCandidate(auth: AuthContext, id: string): Promise<CandidateProfileRow> {
    const row = await repo.findProfileById(id);
    if (!row || (auth.role !== 'admin' && row.territory_id !== auth.territoryId)) throw new NotFoundError('candidate', id);
    return row;
  }

  async function checkCommune(code: string | null | undefined, country: string) {
    if (code && !(await repo.communeExists(code, country))) {
      throw new ValidationError({ communeCode: `"${code}" is not a commune of ${country}: use its INSEE code (France) or city code (Morocco)` });
    }
  }

  function assertEditable(row: CandidateProfileRow) {
    if (row.anonymised_at || row.merged_into_id) throw new ConflictError('This record was erased or merged into another; it can no longer be changed.');
  }

  async function update(row: CandidateProfileRow, input: ProfileInput & { email?: string | null }) {
    assertEditable(row);
    await checkCommune(input.communeCode, row.territory_country);
    if (input.email !== undefined && input.email !== row.email && row.user_id) {
      throw new ConflictError('This candidate has an account: the email is their login and only they can change it.', { email: 'cannot be changed for a candidate with an account' });
    }
    const patch = toPatch(input);
    if (Object.keys(patch).length > 0) await repo.updateCandidate(row.id, patch, clock.now());
    const identityChanged = ['first_name', 'last_name', 'email', 'phone', 'birth_date'].some((k) => k in patch);
    if (identityChanged) await detectDuplicates(db, row.territory_id, [row.id]);
    return toProfile((await repo.findProfileById(row.id))!);
  }

  async function exportOf(row: CandidateProfileRow): Promise<CandidateExport> {
    const [attempts, results, disclosures, duplicates, merges, references] = await Promise.all([
      repo.listAttempts(row.id),
      repo.listResults(row.id),
      repo.listDisclosures(row.id),
      repo.listDuplicatesOf(row.id),
      repo.listMergesOf(row.id),
      repo.referencingColumns(),
    ]);
    // Tables of other modules (applications, enrolments, placements, …) come as plain rows.
    const mine = new Set(['candidates', 'candidate_consents', 'candidate_documents', 'candidate_disclosures', 'candidate_duplicates', 'candidate_merges', 'evaluation_attempts', 'evaluation_results']);
    const other: Record<string, Record<string, unknown>[]> = {};
    for (const ref of references) {
      if (mine.has(ref.table)) continue;
      const rows = await repo.rowsReferencing(ref.table, ref.column, row.id);
      if (rows.length) other[ref.column === 'candidate_id' ? ref.table : `${ref.table}.${ref.column}`] = rows;
    }
    return {
      exportedAt: clock.now().toISOString(),
      candidate: await toProfile(row),
      account: row.user_id
        ? { email: row.user_email!, locale: row.user_locale!, isActive: row.user_is_active!, createdAt: row.user_created_at!.toISOString() }
        : null,
      evaluationAttempts: attempts.map((a) => ({
        id: a.id,
        pillar: a.pillar,
        languageCode: a.language_code,
        startedAt: a.started_at.toISOString(),
        finishedAt: iso(a.finished_at),
        durationSeconds: a.duration_seconds,
        status: a.status,
        score: a.score,
        typingWpm: a.typing_wpm,
        typingAccuracy: a.typing_accuracy,
        // the questions as shown and the answers given; the right answers stay in the item bank
        questions: ((a.items as { id: string; prompt: string; kind: string }[]) ?? []).map((i) => ({ id: i.id, kind: i.kind, prompt: i.prompt })),
        answers: a.answers,
        itemScores: a.item_scores,
      })),
      evaluationResults: results.map((r) => ({
        id: r.id,
        pillar: r.pillar,
        languageCode: r.language_code,
        score: r.score,
        cefrLevel: r.cefr_level,
        source: r.source,
        assessedAt: r.assessed_at.toISOString(),
        rubric: r.rubric,
        ratings: r.ratings,
        comment: r.comment,
      })),
      disclosures: disclosures.map((d) => ({ employer: d.employer, reason: d.reason, disclosedAt: d.disclosed_at.toISOString() })),
      duplicates: duplicates.map((d) => ({ ...d, detected_at: d.detected_at.toISOString(), resolved_at: iso(d.resolved_at) })),
      merges: merges.map((m) => ({ ...m, merged_at: m.merged_at.toISOString() })),
      other: JSON.parse(JSON.stringify(other)) as Record<string, Record<string, unknown>[]>,
    };
  }

  /**
   * Erasure (GDPR art. 17): names, email, phone, birth date and free texts emptied, documents deleted,
   * consents withdrawn, the account disabled and anonymised, its sessions closed. Territory, commune,
   * languages, wishes, scores and dates stay, so the statistics do not change.
   */
  async function erase(candidateId: string, by: string) {
    const now = clock.now();
    return db.transaction().execute(async (tx) => {
      const r = createCandidateRepository(tx);
      const row = await r.lockCandidate(candidateId);
      if (!row) throw new NotFoundError('candidate', candidateId);
      if (row.anonymised_at) throw new ConflictError('This record is already erased.');
      const documentsDeleted = await r.deleteDocuments(candidateId);
      await r.withdrawConsents(candidateId, 'all', now);
      const sessionsClosed = row.user_id ? await r.disableUser(row.user_id, `erased-${candidateId}@erased.invalid`) : 0;
      await r.anonymise(candidateId, by, now);
      return { status: 'anonymised' as const, anonymisedAt: now.toISOString(), documentsDeleted, sessionsClosed };
    });
  }

  async function addDocument(row: CandidateProfileRow, by: string, file: { filename: string; content: Buffer; kind: 'cv' | 'other' }) {
    assertEditable(row);
    const filename = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(-255) || 'document';
    const ext = filename.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? '';
    const type = documentTypes[ext];
    if (!type) throw new AppError(415, 'unsupported_media_type', 'Only PDF, DOC, DOCX and ODT documents are accepted.', { file: 'must be a .pdf, .doc, .docx or .odt file' });
    if (file.content.length === 0) throw new ValidationError({ file: 'is empty' });
    if (file.content.length > MAX_DOCUMENT_BYTES) throw new AppError(413, 'payload_too_large', 'Documents are limited to 5 MB.', { file: 'must be at most 5 MB' });
    if (!type.magic(file.content)) throw new AppError(415, 'unsupported_media_type', `The file's content is not a ${ext.toUpperCase()} document.`, { file: `is not a valid .${ext} file` });
    if ((await repo.listDocuments(row.id)).length >= MAX_DOCUMENTS) throw new ConflictError(`At most ${MAX_DOCUMENTS} documents per candidate: delete one first.`);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const id = await repo.insertDocument({ candidateId: row.id, kind: file.kind, filename, mimeType: type.mime, content: file.content, sha256, uploadedBy: by });
    const doc = (await repo.listDocuments(row.id)).find((d) => d.id === id)!;
    return { id: doc.id, kind: doc.kind, filename: doc.filename, mimeType: doc.mime_type, sizeBytes: doc.size_bytes, uploadedAt: doc.uploaded_at.toISOString() };
  }

  async function getDocument(row: CandidateProfileRow, documentId: string) {
    const doc = await repo.findDocument(row.id, documentId);
    if (!doc) throw new NotFoundError('document', documentId);
    return { filename: doc.filename, mimeType: doc.mime_type, content: doc.content };
  }

  async function deleteDocument(row: CandidateProfileRow, documentId: string) {
    assertEditable(row);
    if ((await repo.deleteDocuments(row.id, documentId)) === 0) throw new NotFoundError('document', documentId);
  }

  async function setConsent(row: CandidateProfileRow, input: { purpose: ConsentPurpose; given: boolean }, recordedBy: string | null) {
    assertEditable(row);
    const now = clock.now();
    const live = (await repo.listConsents(row.id)).some((c) => c.purpose === input.purpose && c.withdrawn_at === null);
    if (input.given && !live) await repo.giveConsents(row.id, [input.purpose], PRIVACY_NOTICE_VERSION, recordedBy, now);
    if (!input.given && live) await repo.withdrawConsents(row.id, [input.purpose], now);
    return toProfile((await repo.findProfileById(row.id))!);
  }

  return {
    /** Agency staff list the candidates of a territory they act on. */
    async list(auth: AuthContext, code: string, query: { page: number; pageSize: number; q?: string }): Promise<z.infer<typeof CandidatePage>> {
      const t = await resolveTerritory(db, auth, code);
      const { items, total } = await repo.findPage(t.id, query);
      return {
        items: items.map((c) => ({
          id: c.id,
          firstName: c.first_name,
          lastName: c.last_name,
          communeName: c.commune_name,
          postcode: c.postcode,
          languages: c.languages,
          createdAt: c.created_at.toISOString(),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** What the public registration form offers: the territories, and the communes of the one chosen. */
    async registrationOptions(territoryCode: string | undefined) {
      const territories = await createTerritoryRepository(db).findAll();
      const chosen = territoryCode ? territories.find((t) => t.code === territoryCode) : undefined;
      if (territoryCode && !chosen) throw new NotFoundError('territory', territoryCode);
      return {
        territories: territories.map((t) => ({ code: t.code, name: t.name, country: t.country })),
        communes: chosen ? (await repo.catchmentCommunes(chosen)).map((c) => ({ code: c.code, name: c.name, postcode: c.postcode })) : [],
        noticeVersion: PRIVACY_NOTICE_VERSION,
      };
    },

    /**
     * Self-registration: an inactive candidate account and its record, the consents given, and a
     * verification token. An email that already has an account answers the same (no token), so the
     * form does not reveal who is registered.
     */
    async register(input: z.infer<typeof RegisterBody>): Promise<{ status: 'verification_pending'; verificationToken?: string }> {
      const territory = await createTerritoryRepository(db).findByCode(input.territoryCode);
      if (!territory) throw new ValidationError({ territoryCode: `no territory "${input.territoryCode}"` });
      await checkCommune(input.communeCode, territory.country);
      const passwordHash = await hashPassword(input.password); // before the check: same time either way
      if (await repo.userByEmail(input.email)) return { status: 'verification_pending' };
      const now = clock.now();
      const { token, tokenHash } = newToken();
      try {
        await db.transaction().execute(async (tx) => {
          const r = createCandidateRepository(tx);
          const userId = await createAuthRepository(tx).insertUser({
            email: input.email,
            displayName: `${input.firstName} ${input.lastName}`,
            passwordHash,
            role: 'candidate',
            territoryId: territory.id,
            locale: input.locale,
          });
          await r.disableUser(userId, null); // active once the email is verified
          const candidateId = await r.insertCandidate({
            territory_id: territory.id,
            user_id: userId,
            first_name: input.firstName,
            last_name: input.lastName,
            email: input.email,
            phone: input.phone ?? null,
            birth_date: input.birthDate ?? null,
            commune_code: input.communeCode ?? null,
            source: 'self_registration',
          });
          await r.giveConsents(candidateId, consentPurposes(input.consents), PRIVACY_NOTICE_VERSION, null, now);
          await r.insertToken({ tokenHash, userId, purpose: 'verify_email', expiresAt: new Date(now.getTime() + VERIFY_TOKEN_HOURS * 3_600_000) });
          await detectDuplicates(tx, territory.id, [candidateId]);
        });
      } catch (err) {
        // a concurrent registration with the same email won the race
        if ((err as { code?: string }).code === '23505') return { status: 'verification_pending' };
        throw err;
      }
      return { status: 'verification_pending', ...(exposeTokens ? { verificationToken: token } : {}) };
    },

    /** Uses a verification or invitation token: activates the account (an invitation also sets the password). */
    async verify(input: { token: string; password?: string }): Promise<{ status: 'verified'; email: string }> {
      const now = clock.now();
      const passwordHash = input.password ? await hashPassword(input.password) : undefined;
      return db.transaction().execute(async (tx) => {
        const r = createCandidateRepository(tx);
        const found = await r.findLiveToken(hashToken(input.token), now);
        if (!found) throw new ValidationError({ token: 'is unknown, already used or expired: ask for a new link' });
        if (found.purpose === 'invitation' && !passwordHash) throw new ValidationError({ password: 'is required to accept an invitation: choose a password' });
        await r.useToken(found.token_hash, now);
        await r.activateUser(found.user_id, found.purpose === 'invitation' ? passwordHash : undefined);
        return { status: 'verified' as const, email: found.email };
      });
    },

    /** A counsellor or advisor records a candidate met at the agency (no account: they can be invited later). */
    async create(auth: AuthContext, code: string, input: z.infer<typeof CreateCandidateBody>) {
      const t = await resolveTerritory(db, auth, code);
      await checkCommune(input.communeCode, t.country);
      const now = clock.now();
      const { candidateId, pairs } = await db.transaction().execute(async (tx) => {
        const r = createCandidateRepository(tx);
        const patch = toPatch(input);
        const candidateId = await r.insertCandidate({
          ...patch,
          territory_id: t.id,
          first_name: input.firstName,
          last_name: input.lastName,
          source: 'staff',
          created_by: auth.userId,
        });
        await r.giveConsents(candidateId, consentPurposes(input.consents), PRIVACY_NOTICE_VERSION, auth.userId, now);
        const pairs = await detectDuplicates(tx, t.id, [candidateId]);
        return { candidateId, pairs };
      });
      return {
        candidate: await toProfile((await repo.findProfileById(candidateId))!),
        suspectedDuplicates: pairs.map((p) => ({ duplicateId: p.id, otherCandidateId: p.a === candidateId ? p.b : p.a, reasons: p.reasons })),
      };
    },

    /** Creates the candidate's account (inactive, no password) and an invitation token to choose one. */
    async invite(auth: AuthContext, id: string): Promise<{ status: 'invited'; invitationToken?: string }> {
      const row = await staffCandidate(auth, id);
      assertEditable(row);
      if (row.user_id) throw new ConflictError('This candidate already has an account.');
      if (!row.email) throw new ValidationError({ email: 'the candidate has no email address: add one first' });
      if (await repo.userByEmail(row.email)) throw new ConflictError('Another account already uses this email address.', { email: 'is already used by an account' });
      const now = clock.now();
      const { token, tokenHash } = newToken();
      await db.transaction().execute(async (tx) => {
        const r = createCandidateRepository(tx);
        const userId = await createAuthRepository(tx).insertUser({
          email: row.email!,
          displayName: `${row.first_name} ${row.last_name}`,
          passwordHash: '!', // never verifies: the password is chosen with the invitation
          role: 'candidate',
          territoryId: row.territory_id,
        });
        await r.disableUser(userId, null);
        await r.linkUser(row.id, userId);
        await r.insertToken({ tokenHash, userId, purpose: 'invitation', expiresAt: new Date(now.getTime() + INVITATION_TOKEN_HOURS * 3_600_000) });
      });
      return { status: 'invited', ...(exposeTokens ? { invitationToken: token } : {}) };
    },

    /** A candidate's own profile. */
    async mine(auth: AuthContext): Promise<CandidateProfile> {
      return toProfile(await own(auth));
    },
    async updateMine(auth: AuthContext, input: ProfileInput) {
      return update(await own(auth), input);
    },
    async get(auth: AuthContext, id: string): Promise<CandidateProfile> {
      return toProfile(await staffCandidate(auth, id));
    },
    async updateOne(auth: AuthContext, id: string, input: z.infer<typeof UpdateCandidateBody>) {
      return update(await staffCandidate(auth, id), input);
    },

    async exportMine(auth: AuthContext) {
      return exportOf(await own(auth));
    },
    async exportOne(auth: AuthContext, id: string) {
      return exportOf(await staffCandidate(auth, id));
    },
    async eraseMine(auth: AuthContext) {
      return erase((await own(auth)).id, auth.userId);
    },
    async eraseOne(auth: AuthContext, id: string) {
      return erase((await staffCandidate(auth, id)).id, auth.userId);
    },

    async setMyConsent(auth: AuthContext, input: { purpose: ConsentPurpose; given: boolean }) {
      return setConsent(await own(auth), input, null);
    },

    async addMyDocument(auth: AuthContext, file: { filename: string; content: Buffer; kind: 'cv' | 'other' }) {
      return addDocument(await own(auth), auth.userId, file);
    },
    async addDocument(auth: AuthContext, id: string, file: { filename: string; content: Buffer; kind: 'cv' | 'other' }) {
      return addDocument(await staffCandidate(auth, id), auth.userId, file);
    },
    async getMyDocument(auth: AuthContext, documentId: string) {
      return getDocument(await own(auth), documentId);
    },
    async getDocument(auth: AuthContext, id: string, documentId: string) {
      return getDocument(await staffCandidate(auth, id), documentId);
    },
    async deleteMyDocument(auth: AuthContext, documentId: string) {
      return deleteDocument(await own(auth), documentId);
    },
    async deleteDocument(auth: AuthContext, id: string, documentId: string) {
      return deleteDocument(await staffCandidate(auth, id), documentId);
    },

    /** For the evaluations module: the candidate record of a candidate user, or a staff-reachable one. */
    ownCandidate: own,
    staffCandidate,
  };
}
export type CandidateService = ReturnType<typeof createCandidateService>;
