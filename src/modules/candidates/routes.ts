import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth, SESSION_COOKIE, staffRoles } from '../../http/access.ts';
import { ValidationError } from '../../http/errors.ts';
import { ErrorBody, PageQuery, pageOf } from '../../http/schemas.ts';
import { TerritoryCode, TerritoryParams } from '../territories/schema.ts';
import type { DuplicateService } from './duplicates.ts';
import type { CandidateImportService } from './import-service.ts';
import {
  CandidateDocument,
  CandidateExport,
  CandidateIdParams,
  CandidateListQuery,
  CandidatePage,
  CandidateProfile,
  ConsentBody,
  CreateCandidateBody,
  CreateCandidateResponse,
  DocumentParams,
  ErasureBody,
  ErasureResponse,
  InviteResponse,
  MyDocumentParams,
  RegisterBody,
  RegisterResponse,
  UpdateCandidateBody,
  UpdateMyProfileBody,
  VerifyBody,
  VerifyResponse,
} from './schema.ts';
import { MAX_DOCUMENT_BYTES, type CandidateService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** A CSV of 100,000 candidates is ~15 MB. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const tokenNote =
  'No email is sent yet: outside production (NODE_ENV other than "production", or GUICHET_EXPOSE_TOKENS=true) the answer carries the token ' +
  'the email would hold; in production it never does (GUICHET_EXPOSE_TOKENS=false by default there).';

const DuplicateSide = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  communeName: z.string().nullable(),
  source: z.string(),
  hasAccount: z.boolean(),
  createdAt: z.string(),
});
const DuplicatePair = z
  .object({
    id: z.string(),
    reasons: z.array(z.enum(['email', 'phone', 'birth_date_name'])),
    nameDistance: z.number().int().nullable(),
    status: z.enum(['open', 'merged', 'dismissed']),
    detectedAt: z.string(),
    a: DuplicateSide,
    b: DuplicateSide,
  })
  .meta({ id: 'DuplicatePair' });
const ImportResult = z
  .object({ imported: z.number().int(), duplicatesFlagged: z.number().int(), byTerritory: z.record(z.string(), z.number().int()), durationMs: z.number().int() })
  .meta({ id: 'CandidateImportResult' });

async function uploadedFile(request: FastifyRequest, maxBytes: number) {
  if (!request.isMultipart()) throw new ValidationError({ file: 'send the file as multipart/form-data in the field "file"' });
  const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5 } });
  if (!file) throw new ValidationError({ file: 'is required: a file in the field "file"' });
  const kindField = file.fields.kind as { value?: unknown } | undefined;
  return { filename: file.filename, content: await file.toBuffer(), kind: kindField?.value === 'other' ? ('other' as const) : ('cv' as const) };
}

function sendDocument(reply: FastifyReply, doc: { filename: string; mimeType: string; content: Buffer }) {
  return reply
    .type(doc.mimeType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
    .header('cache-control', 'private, no-store')
    .send(doc.content);
}

export function candidateRoutes(candidates: CandidateService, duplicates: DuplicateService, imports: CandidateImportService) {
  return async (app: FastifyInstance) => {
    // multipart/form-data for CV uploads and CSV imports, in this plugin only
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } });
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ---- territory lists, creation, import and export (agency staff) ----
    r.get('/api/territories/:code/candidates', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Candidates of a territory, by name, paginated (agency staff only; erased and merged records left out)',
        params: TerritoryParams,
        querystring: CandidateListQuery,
        response: { 200: CandidatePage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => candidates.list(requireAuth(request), request.params.code, request.query),
    });

    r.post('/api/territories/:code/candidates', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Record a candidate met at the agency, with the consents they gave (no account: invite them later)',
        description: 'Suspected duplicates (same email, same phone, or same birth date and a close name) are flagged and listed in the answer.',
        params: TerritoryParams,
        body: CreateCandidateBody,
        response: { 201: CreateCandidateResponse, ...errors },
      },
      handler: async (request, reply) => reply.code(201).send(await candidates.create(requireAuth(request), request.params.code, request.body)),
    });

    r.get('/api/territories/:code/candidates/export', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'The candidates of the territory as CSV (UTF-8 with BOM; the import columns plus id, commune name and latest pillar scores)',
        params: TerritoryParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV file'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request, reply) => {
        const stream = await imports.exportCsv(requireAuth(request), request.params.code);
        // a stream is sent as is (the response schema only documents it)
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="candidates-${request.params.code}.csv"`)
          .send(stream as unknown as string);
      },
    });

    r.post('/api/territories/:code/candidates/import', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Import candidates from a CSV file (multipart field "file"), all or nothing',
        description:
          'Header line with the columns first_name, last_name (required), email, phone, birth_date, commune_code, mobility_km, mobility_minutes, ' +
          'languages (fr:C2|en:B1), education_level, experience_months, shifts (morning|evening), work_time, contract_wishes (cdi|temp); French ' +
          'names accepted (prenom, nom, telephone, date_de_naissance, …); comma, semicolon or tab. On any problem nothing is stored: ' +
          '400 invalid_csv with fields such as { "line 14, column email": "\\"x@\\" must be an email address" }.',
        consumes: ['multipart/form-data'],
        params: TerritoryParams,
        response: { 200: ImportResult, 413: ErrorBody, 415: ErrorBody, ...errors },
      },
      handler: async (request) => {
        const auth = requireAuth(request);
        const file = await uploadedFile(request, MAX_IMPORT_BYTES);
        return imports.importCsv(auth, request.params.code, file.content);
      },
    });

    // ---- duplicates ----
    r.get('/api/territories/:code/candidate-duplicates', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Suspected duplicate pairs of the territory, newest first',
        params: TerritoryParams,
        querystring: PageQuery.extend({ status: z.enum(['open', 'merged', 'dismissed']).default('open') }),
        response: { 200: pageOf(DuplicatePair), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => duplicates.list(requireAuth(request), request.params.code, request.query),
    });

    r.post('/api/candidate-duplicates/:id/merge', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Merge a suspected pair: keep one record, move the history of the other to it, anonymise the other',
        params: z.object({ id: z.uuid({ error: 'must be a duplicate pair id (uuid)' }) }),
        body: z.strictObject({ keepId: z.uuid({ error: 'must be the id of the record to keep' }) }),
        response: {
          200: z.object({
            mergeId: z.string(),
            keptId: z.string(),
            mergedId: z.string(),
            moved: z.record(z.string(), z.number().int()).describe('rows moved to the kept record, by table'),
            leftBehind: z.record(z.string(), z.number().int()).describe('rows the kept record already had an equivalent of, by table'),
          }),
          ...errors,
        },
      },
      handler: async (request) => duplicates.merge(requireAuth(request), request.params.id, request.body.keepId),
    });

    r.post('/api/candidate-duplicates/:id/dismiss', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Mark a suspected pair as two different people',
        params: z.object({ id: z.uuid({ error: 'must be a duplicate pair id (uuid)' }) }),
        response: { 200: z.object({ status: z.literal('dismissed') }), ...errors },
      },
      handler: async (request) => duplicates.dismiss(requireAuth(request), request.params.id),
    });

    // ---- self-registration (public) ----
    r.get('/api/candidates/registration-options', {
      config: { access: { public: true } },
      schema: {
        tags: ['candidates'],
        summary: 'For the public registration form: the territories, and the communes of the one given in ?territory=',
        querystring: z.object({ territory: TerritoryCode.optional() }),
        response: {
          200: z.object({
            territories: z.array(z.object({ code: z.string(), name: z.string(), country: z.string() })),
            communes: z.array(z.object({ code: z.string(), name: z.string(), postcode: z.string().nullable() })),
            noticeVersion: z.string().describe('version of the privacy notice the consents refer to'),
          }),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
      handler: async (request) => candidates.registrationOptions(request.query.territory),
    });

    r.post('/api/candidates/register', {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: {
        tags: ['candidates'],
        summary: 'Register as a candidate: the account stays inactive until the email is verified (POST /api/candidates/verify)',
        description:
          'Consent to the processing of the data for job placement (consents.processing = true) is required. An email that already has an ' +
          `account answers the same 202 without a token, so the form does not reveal who is registered. ${tokenNote} Limited to 10 a 10 minutes per address.`,
        body: RegisterBody,
        response: { 202: RegisterResponse, 400: ErrorBody, 429: ErrorBody },
      },
      handler: async (request, reply) => reply.code(202).send(await candidates.register(request.body)),
    });

    r.post('/api/candidates/verify', {
      config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '10 minutes' } },
      schema: {
        tags: ['candidates'],
        summary: 'Verify the email of a registration (token), or accept an invitation (token and a new password); then log in',
        description: tokenNote,
        body: VerifyBody,
        response: { 200: VerifyResponse, 400: ErrorBody, 429: ErrorBody },
      },
      handler: async (request) => candidates.verify(request.body),
    });

    // ---- the candidate's own data ----
    r.get('/api/candidates/me', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['candidates'], summary: "The logged-in candidate's own profile", response: { 200: CandidateProfile, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
      handler: async (request) => candidates.mine(requireAuth(request)),
    });

    r.patch('/api/candidates/me', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['candidates'], summary: 'Change some fields of my profile', body: UpdateMyProfileBody, response: { 200: CandidateProfile, ...errors } },
      handler: async (request) => candidates.updateMine(requireAuth(request), request.body),
    });

    r.get('/api/candidates/me/export', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['candidates', 'gdpr'],
        summary: 'Download all my data as JSON (GDPR access and portability)',
        response: { 200: CandidateExport, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request, reply) => {
        reply.header('content-disposition', 'attachment; filename="guichet-my-data.json"').header('cache-control', 'private, no-store');
        return candidates.exportMine(requireAuth(request));
      },
    });

    r.post('/api/candidates/me/erasure', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['candidates', 'gdpr'],
        summary: 'Erase my personal data (GDPR): names, contact details, birth date and documents are deleted, my account closed; anonymous statistics stay',
        body: ErasureBody,
        response: { 200: ErasureResponse, ...errors },
      },
      handler: async (request, reply) => {
        const result = await candidates.eraseMine(requireAuth(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return result;
      },
    });

    r.post('/api/candidates/me/consents', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['candidates', 'gdpr'],
        summary: 'Give or withdraw a consent (withdrawing "processing" is done by erasure)',
        body: ConsentBody,
        response: { 200: CandidateProfile, ...errors },
      },
      handler: async (request) => {
        if (request.body.purpose === 'processing' && !request.body.given) {
          throw new ValidationError({ given: 'withdrawing consent to processing means erasing your data: use POST /api/candidates/me/erasure' });
        }
        return candidates.setMyConsent(requireAuth(request), request.body);
      },
    });

    r.post('/api/candidates/me/documents', {
      config: { access: { roles: ['candidate'] } },
      schema: {
        tags: ['candidates'],
        summary: 'Upload a CV (multipart field "file"; PDF, DOC, DOCX or ODT, 5 MB at most; optional field "kind": cv or other)',
        consumes: ['multipart/form-data'],
        response: { 201: CandidateDocument, 413: ErrorBody, 415: ErrorBody, ...errors },
      },
      handler: async (request, reply) => {
        const auth = requireAuth(request);
        return reply.code(201).send(await candidates.addMyDocument(auth, await uploadedFile(request, MAX_DOCUMENT_BYTES)));
      },
    });

    r.get('/api/candidates/me/documents/:documentId', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['candidates'], summary: 'Download one of my documents', params: MyDocumentParams, response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
      handler: async (request, reply) => sendDocument(reply, await candidates.getMyDocument(requireAuth(request), request.params.documentId)),
    });

    r.delete('/api/candidates/me/documents/:documentId', {
      config: { access: { roles: ['candidate'] } },
      schema: { tags: ['candidates'], summary: 'Delete one of my documents', params: MyDocumentParams, response: { 204: z.null(), ...errors } },
      handler: async (request, reply) => {
        await candidates.deleteMyDocument(requireAuth(request), request.params.documentId);
        return reply.code(204).send(null);
      },
    });

    // ---- one candidate, for agency staff of its territory ----
    r.get('/api/candidates/:id', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['candidates'], summary: 'A candidate of my territory', params: CandidateIdParams, response: { 200: CandidateProfile, ...errors } },
      handler: async (request) => candidates.get(requireAuth(request), request.params.id),
    });

    r.patch('/api/candidates/:id', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Change some fields of a candidate (the email only while they have no account)',
        params: CandidateIdParams,
        body: UpdateCandidateBody,
        response: { 200: CandidateProfile, ...errors },
      },
      handler: async (request) => candidates.updateOne(requireAuth(request), request.params.id, request.body),
    });

    r.post('/api/candidates/:id/invite', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: 'Invite a candidate recorded by the agency to open their account (they choose a password with the token)',
        description: tokenNote,
        params: CandidateIdParams,
        response: { 202: InviteResponse, ...errors },
      },
      handler: async (request, reply) => reply.code(202).send(await candidates.invite(requireAuth(request), request.params.id)),
    });

    r.get('/api/candidates/:id/export', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates', 'gdpr'],
        summary: "All of a candidate's data as JSON, for a GDPR access request received at the agency",
        params: CandidateIdParams,
        response: { 200: CandidateExport, ...errors },
      },
      handler: async (request, reply) => {
        reply.header('content-disposition', `attachment; filename="candidate-${request.params.id}.json"`).header('cache-control', 'private, no-store');
        return candidates.exportOne(requireAuth(request), request.params.id);
      },
    });

    r.post('/api/candidates/:id/erasure', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates', 'gdpr'],
        summary: "Erase a candidate's personal data on their request (same effect as their own erasure)",
        params: CandidateIdParams,
        body: ErasureBody,
        response: { 200: ErasureResponse, ...errors },
      },
      handler: async (request) => candidates.eraseOne(requireAuth(request), request.params.id),
    });

    r.post('/api/candidates/:id/documents', {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ['candidates'],
        summary: "Upload a candidate's CV (multipart field \"file\"; PDF, DOC, DOCX or ODT, 5 MB at most)",
        consumes: ['multipart/form-data'],
        params: CandidateIdParams,
        response: { 201: CandidateDocument, 413: ErrorBody, 415: ErrorBody, ...errors },
      },
      handler: async (request, reply) => {
        const auth = requireAuth(request);
        return reply.code(201).send(await candidates.addDocument(auth, request.params.id, await uploadedFile(request, MAX_DOCUMENT_BYTES)));
      },
    });

    r.get('/api/candidates/:id/documents/:documentId', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['candidates'], summary: "Download a candidate's document", params: DocumentParams, response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
      handler: async (request, reply) => sendDocument(reply, await candidates.getDocument(requireAuth(request), request.params.id, request.params.documentId)),
    });

    r.delete('/api/candidates/:id/documents/:documentId', {
      config: { access: { roles: staffRoles } },
      schema: { tags: ['candidates'], summary: "Delete a candidate's document", params: DocumentParams, response: { 204: z.null(), ...errors } },
      handler: async (request, reply) => {
        await candidates.deleteDocument(requireAuth(request), request.params.id, request.params.documentId);
        return reply.code(204).send(null);
      },
    });
  };
}
