/** One function per API route used by the web app. */
import { http } from './client';
import type {
  Application,
  ApplicationComment,
  CandidateProposal,
  EmployerProposal,
  PositioningRun,
  ProposalQuery,
  StaffProposal,
  VetoReason,
  ApplicationStatus,
  AttendanceDay,
  Checkin,
  CsvImportReport,
  Enrolment,
  Occupation,
  Offer,
  OfferInput,
  OfferQuery,
  Placement,
  RejectionReason,
  Retention,
  Shortlist,
  Stage,
  TrainingSession,
  TrainingSessionInput,
} from './types';
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

  // offers, applications, training sessions, placements
  occupations: () => http.get<{ items: Occupation[] }>('/api/occupations').then((answer) => answer.items),
  offers: (code: string, query: OfferQuery) => http.get<Page<Offer>>(`${territoryPath(code)}/offers`, { ...query }),
  offersCsvUrl: (code: string, query: Omit<OfferQuery, 'page' | 'pageSize'>) => csvUrl(`${territoryPath(code)}/offers/export.csv`, query),
  offer: (id: string) => http.get<Offer>(`/api/offers/${encodeURIComponent(id)}`),
  createOffer: (code: string, body: OfferInput) => http.post<Offer>(`${territoryPath(code)}/offers`, body),
  updateOffer: (id: string, body: Partial<OfferInput>) => http.patch<Offer>(`/api/offers/${encodeURIComponent(id)}`, body),
  importOffers: (code: string, file: File) =>
    http.post<CsvImportReport>(`${territoryPath(code)}/offers/import`, new Blob([file], { type: 'text/csv' })),
  shortlist: (id: string, limit = 50) => http.get<Shortlist>(`/api/offers/${encodeURIComponent(id)}/shortlist`, { limit }),
  shortlistCsvUrl: (id: string) => `/api/offers/${encodeURIComponent(id)}/shortlist/export.csv`,
  apply: (offerId: string, message: string) => http.post<Application>(`/api/offers/${encodeURIComponent(offerId)}/applications`, { message }),
  offerApplications: (offerId: string) =>
    http.get<{ items: Application[] }>(`/api/offers/${encodeURIComponent(offerId)}/applications`).then((answer) => answer.items),
  offerApplicationsCsvUrl: (offerId: string) => `/api/offers/${encodeURIComponent(offerId)}/applications/export.csv`,
  myApplications: () => http.get<{ items: Application[] }>('/api/applications/mine').then((answer) => answer.items),
  myApplicationsCsvUrl: () => '/api/applications/mine/export.csv',
  moveApplication: (
    id: string,
    body: { status?: Exclude<ApplicationStatus, 'withdrawn'>; stageId?: string; rejectionReason?: RejectionReason; rejectionNote?: string; startedOn?: string },
  ) => http.post<Application>(`/api/applications/${encodeURIComponent(id)}/status`, body),
  withdrawApplication: (id: string) => http.post<Application>(`/api/applications/${encodeURIComponent(id)}/withdraw`),
  applicationComments: (id: string) =>
    http.get<{ items: ApplicationComment[] }>(`/api/applications/${encodeURIComponent(id)}/comments`).then((answer) => answer.items),
  addApplicationComment: (id: string, body: string) => http.post<ApplicationComment>(`/api/applications/${encodeURIComponent(id)}/comments`, { body }),
  stages: (employerId: string) => http.get<{ items: Stage[] }>(`/api/employers/${encodeURIComponent(employerId)}/stages`).then((answer) => answer.items),
  saveStages: (employerId: string, stages: { id?: string; label: string; status: Stage['status'] }[]) =>
    http.put<{ items: Stage[] }>(`/api/employers/${encodeURIComponent(employerId)}/stages`, { stages }).then((answer) => answer.items),

  trainingSessions: (code: string, query: { page: number; pageSize: number; q?: string; status?: string }) =>
    http.get<Page<TrainingSession>>(`${territoryPath(code)}/training-sessions`, query),
  trainingSessionsCsvUrl: (code: string) => `${territoryPath(code)}/training-sessions/export.csv`,
  trainingSession: (id: string) => http.get<TrainingSession>(`/api/training-sessions/${encodeURIComponent(id)}`),
  createTrainingSession: (code: string, body: TrainingSessionInput) => http.post<TrainingSession>(`${territoryPath(code)}/training-sessions`, body),
  updateTrainingSession: (id: string, body: Partial<TrainingSessionInput>) => http.patch<TrainingSession>(`/api/training-sessions/${encodeURIComponent(id)}`, body),
  importTrainingSessions: (code: string, file: File) =>
    http.post<CsvImportReport>(`${territoryPath(code)}/training-sessions/import`, new Blob([file], { type: 'text/csv' })),
  enrolments: (sessionId: string) =>
    http.get<{ items: Enrolment[] }>(`/api/training-sessions/${encodeURIComponent(sessionId)}/enrolments`).then((answer) => answer.items),
  enrolmentsCsvUrl: (sessionId: string) => `/api/training-sessions/${encodeURIComponent(sessionId)}/enrolments/export.csv`,
  enrol: (sessionId: string, body: { candidateEmail?: string; candidateId?: string; ignorePrerequisites?: boolean }) =>
    http.post<Enrolment>(`/api/training-sessions/${encodeURIComponent(sessionId)}/enrolments`, body),
  withdrawEnrolment: (id: string) => http.post<{ enrolment: Enrolment; promoted: string[] }>(`/api/training-enrolments/${encodeURIComponent(id)}/withdraw`),
  attendance: (sessionId: string, day: string) => http.get<AttendanceDay>(`/api/training-sessions/${encodeURIComponent(sessionId)}/attendance`, { day }),
  recordAttendance: (sessionId: string, day: string, entries: { enrolmentId: string; present: boolean }[]) =>
    http.put<AttendanceDay>(`/api/training-sessions/${encodeURIComponent(sessionId)}/attendance`, { day, entries }),
  completeEnrolment: (id: string, body: { completed: boolean; grade: number | null; scores?: { pillar: string; languageCode: string | null; score: number; cefrLevel: string | null }[] }) =>
    http.post<Enrolment>(`/api/training-enrolments/${encodeURIComponent(id)}/completion`, body),
  certificateUrl: (enrolmentId: string) => `/api/training-enrolments/${encodeURIComponent(enrolmentId)}/certificate.pdf`,
  myEnrolments: () => http.get<{ items: Enrolment[] }>('/api/training-enrolments/mine').then((answer) => answer.items),

  placements: (code: string, query: { page: number; pageSize: number; active?: 'true' | 'false' }) =>
    http.get<Page<Placement>>(`${territoryPath(code)}/placements`, query),
  placementsCsvUrl: (code: string) => `${territoryPath(code)}/placements/export.csv`,
  checkins: (code: string, query: { page: number; pageSize: number; state: 'due' | 'open' | 'done' | 'all'; mine: 'true' | 'false' }) =>
    http.get<Page<Checkin>>(`${territoryPath(code)}/checkins`, query),
  checkinsCsvUrl: (code: string, query: { state: string; mine: string }) => csvUrl(`${territoryPath(code)}/checkins/export.csv`, query),
  recordCheckin: (id: string, body: { outcome: 'still_employed' | 'left'; leftReason?: string; leftOn?: string; notes: string }) =>
    http.post<Checkin>(`/api/checkins/${encodeURIComponent(id)}`, body),
  retention: (code: string) => http.get<Retention>(`${territoryPath(code)}/retention`),

  // positioning runs: staff launch and review, candidates answer, employers see who was proposed
  positioningRuns: (code: string, query: { page: number; pageSize: number }) =>
    http.get<Page<PositioningRun>>(`${territoryPath(code)}/positioning-runs`, query),
  startPositioningRun: (code: string, body: { includeSessions: boolean }) => http.post<PositioningRun>(`${territoryPath(code)}/positioning-runs`, body),
  positioningRun: (id: string) => http.get<PositioningRun>(`/api/positioning-runs/${encodeURIComponent(id)}`),
  cancelPositioningRun: (id: string) => http.post<PositioningRun>(`/api/positioning-runs/${encodeURIComponent(id)}/cancel`),
  runProposals: (id: string, query: ProposalQuery) => http.get<Page<StaffProposal>>(`/api/positioning-runs/${encodeURIComponent(id)}/proposals`, { ...query }),
  reviewProposal: (id: string, body: { decision: 'approve' } | { decision: 'veto'; vetoReason: VetoReason; note?: string }) =>
    http.post<StaffProposal>(`/api/proposals/${encodeURIComponent(id)}/review`, body),
  approveAllProposals: (runId: string) => http.post<{ count: number }>(`/api/positioning-runs/${encodeURIComponent(runId)}/approve-all`).then((answer) => answer.count),
  publishProposals: (runId: string) => http.post<{ count: number }>(`/api/positioning-runs/${encodeURIComponent(runId)}/publish`).then((answer) => answer.count),
  myProposals: () => http.get<{ items: CandidateProposal[] }>('/api/candidates/me/proposals').then((answer) => answer.items),
  answerProposal: (id: string, body: { decision: 'accept' } | { decision: 'decline'; reason?: string }) =>
    http.post<CandidateProposal>(`/api/candidates/me/proposals/${encodeURIComponent(id)}/answer`, body),
  offerProposals: (offerId: string) =>
    http.get<{ items: EmployerProposal[] }>(`/api/offers/${encodeURIComponent(offerId)}/proposals`).then((answer) => answer.items),
};

/** A CSV export link with the list's filters (empty ones left out). */
function csvUrl(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
