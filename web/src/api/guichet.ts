/** One function per API route used by the web app. */
import { http } from './client';
import type {
  AttemptAnswer,
  AttemptScore,
  CandidateDocument,
  CandidateImportResult,
  CandidateProfile,
  CandidateProfileFields,
  ConsentPurpose,
  DuplicatePair,
  DuplicateReason,
  EvaluationAttempt,
  EvaluationHistory,
  EvaluationItem,
  EvaluationItemInput,
  EvaluationTest,
  Pillar,
  RegisterBody,
  RegistrationOptions,
  Rubric,
  CandidateRow,
  Dashboard,
  Me,
  MyCandidateProfile,
  Page,
  Project,
  ProjectFields,
  ProjectListItem,
  ProjectStage,
  Site,
  Sizing,
  Territory,
} from './types';

const territoryPath = (code: string) => `/api/territories/${encodeURIComponent(code)}`;
const projectPath = (code: string, id: string) => `${territoryPath(code)}/projects/${encodeURIComponent(id)}`;

export const api = {
  login: (body: { email: string; password: string }) =>
    http.post<{ user: Me }>('/api/auth/login', body).then((answer) => answer.user),
  logout: () => http.post<void>('/api/auth/logout'),
  me: () => http.get<{ user: Me }>('/api/auth/me').then((answer) => answer.user),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    http.post<void>('/api/auth/password', body),

  territories: () => http.get<{ items: Territory[] }>('/api/territories').then((answer) => answer.items),
  dashboard: (code: string) => http.get<Dashboard>(`${territoryPath(code)}/dashboard`),
  candidates: (code: string, query: { page: number; pageSize: number; q?: string }) =>
    http.get<Page<CandidateRow>>(`${territoryPath(code)}/candidates`, query),
  sites: (code: string) =>
    http.get<{ items: Site[] }>(`${territoryPath(code)}/sites`).then((answer) => answer.items),
  myCandidateProfile: () => http.get<MyCandidateProfile>('/api/candidates/me'),

  projects: (code: string, query: { page: number; pageSize: number; stage?: ProjectStage; q?: string }) =>
    http.get<Page<ProjectListItem>>(`${territoryPath(code)}/projects`, query),
  project: (code: string, id: string) => http.get<Project>(projectPath(code, id)),
  createProject: (code: string, body: Partial<ProjectFields> & Pick<ProjectFields, 'companyName' | 'activity'>) =>
    http.post<Project>(`${territoryPath(code)}/projects`, body),
  updateProject: (code: string, id: string, body: Partial<ProjectFields>) => http.patch<Project>(projectPath(code, id), body),
  changeProjectStage: (code: string, id: string, body: { to: ProjectStage; note?: string }) =>
    http.post<Project>(`${projectPath(code, id)}/stage`, body),
  uploadForecast: (code: string, id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<{ rows: number; weeklyCalls: number; project: Project }>(`${projectPath(code, id)}/forecast-intervals`, form);
  },
  projectSizing: (code: string, id: string) => http.get<Sizing>(`${projectPath(code, id)}/sizing`),

  // candidates: registration, profile, GDPR, staff pages
  registrationOptions: (territory?: string) => http.get<RegistrationOptions>('/api/candidates/registration-options', { territory }),
  register: (body: RegisterBody) => http.post<{ status: 'verification_pending'; verificationToken?: string }>('/api/candidates/register', body),
  verify: (body: { token: string; password?: string }) => http.post<{ status: 'verified'; email: string }>('/api/candidates/verify', body),
  myProfile: () => http.get<CandidateProfile>('/api/candidates/me'),
  updateMyProfile: (body: Partial<CandidateProfileFields>) => http.patch<CandidateProfile>('/api/candidates/me', body),
  setMyConsent: (body: { purpose: ConsentPurpose; given: boolean }) => http.post<CandidateProfile>('/api/candidates/me/consents', body),
  uploadMyDocument: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<CandidateDocument>('/api/candidates/me/documents', form);
  },
  deleteMyDocument: (id: string) => http.delete<void>(`/api/candidates/me/documents/${encodeURIComponent(id)}`),
  eraseMyData: () => http.post<{ status: 'anonymised' }>('/api/candidates/me/erasure', { confirm: true }),
  createCandidate: (
    code: string,
    body: Partial<CandidateProfileFields> & { firstName: string; lastName: string; email?: string; consents: { processing: true; jobAlerts: boolean; trainingContact: boolean } },
  ) =>
    http.post<{ candidate: CandidateProfile; suspectedDuplicates: { duplicateId: string; otherCandidateId: string; reasons: DuplicateReason[] }[] }>(
      `${territoryPath(code)}/candidates`,
      body,
    ),
  candidate: (id: string) => http.get<CandidateProfile>(`/api/candidates/${encodeURIComponent(id)}`),
  updateCandidate: (id: string, body: Partial<CandidateProfileFields> & { email?: string | null }) =>
    http.patch<CandidateProfile>(`/api/candidates/${encodeURIComponent(id)}`, body),
  inviteCandidate: (id: string) => http.post<{ status: 'invited'; invitationToken?: string }>(`/api/candidates/${encodeURIComponent(id)}/invite`),
  eraseCandidate: (id: string) => http.post<{ status: 'anonymised' }>(`/api/candidates/${encodeURIComponent(id)}/erasure`, { confirm: true }),
  duplicates: (code: string, query: { status: 'open' | 'merged' | 'dismissed'; page: number; pageSize: number }) =>
    http.get<Page<DuplicatePair>>(`${territoryPath(code)}/candidate-duplicates`, query),
  mergeDuplicate: (id: string, keepId: string) =>
    http.post<{ keptId: string; mergedId: string; moved: Record<string, number> }>(`/api/candidate-duplicates/${encodeURIComponent(id)}/merge`, { keepId }),
  dismissDuplicate: (id: string) => http.post<{ status: 'dismissed' }>(`/api/candidate-duplicates/${encodeURIComponent(id)}/dismiss`),
  importCandidates: (code: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<CandidateImportResult>(`${territoryPath(code)}/candidates/import`, form);
  },
  candidatesCsvUrl: (code: string) => `${territoryPath(code)}/candidates/export`,

  // evaluations
  evaluationTests: () => http.get<{ items: EvaluationTest[] }>('/api/evaluations/tests').then((answer) => answer.items),
  startAttempt: (body: { pillar: Pillar; languageCode?: string }) => http.post<EvaluationAttempt>('/api/evaluations/attempts', body),
  submitAttempt: (id: string, answers: AttemptAnswer[]) =>
    http.post<AttemptScore>(`/api/evaluations/attempts/${encodeURIComponent(id)}/submit`, { answers }),
  myEvaluations: () => http.get<EvaluationHistory>('/api/evaluations/me'),
  candidateEvaluations: (id: string) => http.get<EvaluationHistory>(`/api/candidates/${encodeURIComponent(id)}/evaluations`),
  rubrics: () => http.get<{ items: Rubric[] }>('/api/evaluations/rubrics').then((answer) => answer.items),
  evaluationItems: (code: string, query: { pillar?: Pillar; includeInactive?: 'true' | 'false' }) =>
    http.get<{ items: EvaluationItem[] }>(`${territoryPath(code)}/evaluation-items`, query).then((answer) => answer.items),
  createEvaluationItem: (code: string, body: EvaluationItemInput) => http.post<EvaluationItem>(`${territoryPath(code)}/evaluation-items`, body),
  updateEvaluationItem: (id: string, body: Partial<Omit<EvaluationItem, 'id' | 'kind' | 'updatedAt'>>) =>
    http.patch<EvaluationItem>(`/api/evaluation-items/${encodeURIComponent(id)}`, body),
  assessRolePlay: (id: string, body: { ratings: Record<string, number>; comment: string }) =>
    http.post<EvaluationHistory>(`/api/candidates/${encodeURIComponent(id)}/evaluations/role-play`, body),
};
