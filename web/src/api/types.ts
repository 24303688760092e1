/** Shapes of the guichet API answers (the contract the server implements). */
import type { SizedInterval, SweepPoint } from '../../../src/core/staffing/week-sizing.ts';

export const roles = ['admin', 'advisor', 'counselor', 'employer', 'trainer', 'candidate'] as const;
export type Role = (typeof roles)[number];
export type Locale = 'fr' | 'en';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** null for admins, who work across territories. */
  territoryCode: string | null;
  locale: Locale;
}

export interface Territory {
  code: string;
  name: string;
  country: 'FR' | 'MA';
  currency: string;
  contractHoursPerWeek: number;
  languages: string[];
  timezone: string;
}

export interface DashboardCounts {
  candidates: number;
  sites: number;
  siteAreaM2: number;
  callCentres: number;
  jobs: number;
  jobsTarget: number | null;
  communes: number;
}

export interface Dashboard {
  territory: Territory;
  counts: DashboardCounts;
}

export interface LanguageLevel {
  code: string;
  level: string;
}

export interface CandidateRow {
  id: string;
  firstName: string;
  lastName: string;
  communeName: string;
  /** null where the country has no postcode per commune (Moroccan demo data). */
  postcode: string | null;
  languages: LanguageLevel[];
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Site {
  id: string;
  name: string;
  communeName: string;
  areaM2: number;
  availableM2: number;
  description: string;
  incentives: string[];
}

export interface MyCandidateProfile {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  communeName: string;
  /** null where the country has no postcode per commune (Moroccan demo data). */
  postcode: string | null;
  languages: LanguageLevel[];
  mobilityKm: number;
}

export const projectStages = ['lead', 'proposal', 'decision', 'implanted', 'lost'] as const;
export type ProjectStage = (typeof projectStages)[number];
export const activities = ['inbound_care', 'outbound_sales', 'help_desk', 'back_office'] as const;
export type Activity = (typeof activities)[number];
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export interface DailyHours {
  opens: string;
  closes: string;
}
export type OpeningHours = Record<Weekday, DailyHours | null>;

export interface ProjectListItem {
  id: string;
  companyName: string;
  activity: Activity;
  stage: ProjectStage;
  employerName: string | null;
  jobsAnnounced: number | null;
  goLiveOn: string | null;
  updatedAt: string;
}

/** The fields a project form edits (PATCH takes any subset). */
export interface ProjectFields {
  companyName: string;
  employerId: string | null;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  activity: Activity;
  languages: string[];
  openingHours: OpeningHours;
  goLiveOn: string | null;
  jobsAnnounced: number | null;
  forecastMode: 'profile' | 'intervals';
  weeklyCalls: number | null;
  weekdayProfile: number[];
  hourlyProfile: number[];
  intervalMinutes: 15 | 30 | 60;
  ahtSeconds: number;
  targetAnswerSeconds: number;
  serviceLevel: number;
  maxOccupancy: number | null;
  asaSeconds: number | null;
  patienceSeconds: number | null;
  shrinkage: number;
  seatSharing: number;
  m2PerSeat: number;
  annualAttritionRate: number;
  trainingWeeks: number;
}

export interface StageChange {
  from: ProjectStage | null;
  to: ProjectStage;
  byName: string | null;
  at: string;
  note: string;
}

export interface Project extends ProjectFields {
  id: string;
  territoryCode: string;
  employerName: string | null;
  stage: ProjectStage;
  nextStages: ProjectStage[];
  forecastIntervals: { count: number; weeklyCalls: number };
  stageChanges: StageChange[];
  createdAt: string;
  updatedAt: string;
}

// The sizing shapes are the core engine's own (the API drops the grid slot number).
export type SizingInterval = Omit<SizedInterval, 'slot'>;
export type { SweepPoint };

export interface HiringWeek {
  week: number;
  startsOn: string | null;
  targetInPost: number;
  hires: number;
  hiresRounded: number;
  inTraining: number;
  leavers: number;
  inPost: number;
}

export interface Sizing {
  model: 'erlang-c' | 'erlang-a';
  contractHoursPerWeek: number;
  intervalMinutes: number;
  weeklyCalls: number;
  intervals: SizingInterval[];
  week: { serviceLevel: number | null; asaSeconds: number | null; occupancy: number | null; abandonRate: number | null };
  peak: { weekday: number; start: string; calls: number; trafficErlangs: number; agents: number } | null;
  peakAgents: number;
  scheduledPeak: number;
  agentHours: number;
  fte: number;
  headcount: number;
  seats: number;
  floorAreaM2: number;
  sweep: SweepPoint[];
  hiring: { steadyWeeklyHires: number; totalHires: number; peakInTraining: number; weeks: HiringWeek[] };
  suggestedSites: Site[];
}

// ---- candidates (self-registration, profile, GDPR, duplicates, import) ----
export const shiftValues = ['morning', 'afternoon', 'evening', 'night', 'weekend'] as const;
export const workTimeValues = ['full_time', 'part_time', 'either'] as const;
export const contractValues = ['cdi', 'cdd', 'temp', 'work_study'] as const;
export const educationValues = ['none', 'vocational', 'secondary', 'short_higher', 'bachelor', 'master'] as const;
export const consentPurposeValues = ['processing', 'job_alerts', 'training_contact'] as const;
export const cefrValues = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type Shift = (typeof shiftValues)[number];
export type WorkTime = (typeof workTimeValues)[number];
export type ContractType = (typeof contractValues)[number];
export type EducationLevel = (typeof educationValues)[number];
export type ConsentPurpose = (typeof consentPurposeValues)[number];

export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  noticeVersion: string;
  givenAt: string;
  withdrawnAt: string | null;
  recordedByStaff: boolean;
}

export interface CandidateDocument {
  id: string;
  kind: 'cv' | 'other';
  filename: string;
  mimeType: string;
  sizeBytes: number;
  uploadedAt: string;
}

/** Fields a candidate (or staff) may change. */
export interface CandidateProfileFields {
  firstName: string;
  lastName: string;
  phone: string | null;
  birthDate: string | null;
  communeCode: string | null;
  mobilityKm: number;
  mobilityMinutes: number | null;
  languages: LanguageLevel[];
  educationLevel: EducationLevel | null;
  educationDetail: string;
  experienceMonths: number;
  experienceDetail: string;
  shifts: Shift[];
  workTime: WorkTime | null;
  contractWishes: ContractType[];
}

export interface CandidateProfile extends CandidateProfileFields {
  id: string;
  territoryCode: string;
  email: string | null;
  communeName: string | null;
  postcode: string | null;
  source: 'self_registration' | 'staff' | 'import' | 'demo';
  account: 'none' | 'pending' | 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
  anonymisedAt: string | null;
  mergedIntoId: string | null;
  consents: Consent[];
  documents: CandidateDocument[];
}

export interface RegistrationOptions {
  territories: { code: string; name: string; country: string }[];
  communes: { code: string; name: string; postcode: string | null }[];
  noticeVersion: string;
}

export interface RegisterBody {
  territoryCode: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  phone?: string;
  birthDate?: string;
  communeCode?: string;
  locale: Locale;
  consents: { processing: true; jobAlerts: boolean; trainingContact: boolean };
}

export interface DuplicateSide {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  communeName: string | null;
  source: string;
  hasAccount: boolean;
  createdAt: string;
}

export type DuplicateReason = 'email' | 'phone' | 'birth_date_name';

export interface DuplicatePair {
  id: string;
  reasons: DuplicateReason[];
  nameDistance: number | null;
  status: 'open' | 'merged' | 'dismissed';
  detectedAt: string;
  a: DuplicateSide;
  b: DuplicateSide;
}

export interface CandidateImportResult {
  imported: number;
  duplicatesFlagged: number;
  byTerritory: Record<string, number>;
  durationMs: number;
}

// ---- evaluations ----
export const pillarValues = ['telephone', 'information_search', 'it_tools', 'language'] as const;
export type Pillar = (typeof pillarValues)[number];

export interface EvaluationTest {
  pillar: Pillar;
  languageCode: string | null;
  itemCount: number;
  timeLimitSeconds: number;
  attemptsLeftToday: number;
  lastScore: number | null;
  lastTakenAt: string | null;
  inProgressAttemptId: string | null;
}

export interface AttemptItem {
  id: string;
  kind: 'multiple_choice' | 'search_task' | 'typing';
  prompt: string;
  resource: string;
  choices: string[];
}

export interface EvaluationAttempt {
  id: string;
  pillar: Pillar;
  languageCode: string | null;
  status: 'in_progress' | 'scored' | 'expired';
  startedAt: string;
  deadline: string;
  timeLimitSeconds: number;
  items: AttemptItem[];
}

export interface AttemptAnswer {
  itemId: string;
  choice?: number | null;
  text?: string | null;
  typing?: { typedText: string; elapsedMs: number; wpm: number; accuracy: number } | null;
}

export interface AttemptScore {
  attemptId: string;
  pillar: Pillar;
  languageCode: string | null;
  score: number;
  cefrLevel: string | null;
  durationSeconds: number;
  items: { itemId: string; points: number }[];
  typing: { netWpm: number; accuracy: number } | null;
}

export interface EvaluationResult {
  id: string;
  pillar: Pillar;
  languageCode: string | null;
  score: number;
  cefrLevel: string | null;
  source: 'online_test' | 'assessor' | 'training';
  assessedAt: string;
  assessedBy: string | null;
  rubric: string | null;
  ratings: Record<string, number> | null;
  comment: string | null;
}

export interface EvaluationHistory {
  latest: {
    pillars: Partial<Record<'telephone' | 'information_search' | 'it_tools', { score: number; source: string; assessedAt: string }>>;
    languages: { code: string; score: number; cefrLevel: string | null; source: string; assessedAt: string }[];
  };
  results: EvaluationResult[];
  attempts: { id: string; pillar: Pillar; languageCode: string | null; status: string; score: number | null; startedAt: string; durationSeconds: number | null }[];
}

export interface Rubric {
  id: string;
  pillar: Pillar;
  criteria: string[];
  maxLevel: number;
}

export interface EvaluationItem {
  id: string;
  pillar: Pillar;
  kind: 'multiple_choice' | 'search_task' | 'typing';
  languageCode: string;
  prompt: string;
  resource: string;
  choices: string[];
  correctChoice: number | null;
  acceptedAnswers: string[];
  isActive: boolean;
  updatedAt: string;
}

export type EvaluationItemInput =
  | { kind: 'multiple_choice'; pillar: Pillar; languageCode: string; prompt: string; choices: string[]; correctChoice: number }
  | { kind: 'search_task'; pillar: Pillar; languageCode: string; prompt: string; resource: string; acceptedAnswers: string[] }
  | { kind: 'typing'; pillar: 'it_tools'; languageCode: string; prompt: string };

// ---- offers, applications, training sessions, placements (src/modules/offers, trainings, placements) ----

export type Cefr = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export type SkillPillar = 'telephone' | 'information_search' | 'it_tools';
export type MinScores = Partial<Record<SkillPillar, number>>;
export type OfferStatus = 'draft' | 'open' | 'closed';
export type ApplicationStatus = 'applied' | 'interview' | 'offer' | 'hired' | 'rejected' | 'withdrawn';
export type RejectionReason = 'skills' | 'languages' | 'availability' | 'position_filled' | 'candidate_declined' | 'no_show' | 'other';

export interface Occupation {
  code: string;
  isco08: string;
  label: string;
  iscoLabel: string;
}

export interface Offer {
  id: string;
  employerId: string;
  employerName: string;
  siteId: string;
  siteName: string;
  communeName: string | null;
  title: string;
  description: string;
  occupation: Occupation;
  contract: ContractType;
  workTime: 'full_time' | 'part_time';
  hoursPerWeek: number | null;
  seats: number;
  startDate: string;
  languages: { code: string; level: Cefr }[];
  minScores: MinScores;
  shifts: Shift[];
  status: OfferStatus;
  createdAt: string;
  updatedAt: string;
  counts: { applications: number; hired: number } | null;
  myApplication: { id: string; status: ApplicationStatus } | null;
}

export interface OfferInput {
  title: string;
  description: string;
  siteId: string;
  occupationCode: string;
  contract: ContractType;
  workTime: 'full_time' | 'part_time';
  hoursPerWeek: number | null;
  seats: number;
  startDate: string;
  languages: { code: string; level: Cefr }[];
  minScores: MinScores;
  shifts: Shift[];
  status: OfferStatus;
  employerId?: string;
}

export interface OfferQuery {
  page: number;
  pageSize: number;
  q?: string;
  contract?: string;
  workTime?: string;
  occupation?: string;
  language?: string;
  shift?: string;
  status?: string;
}

export interface FitPart {
  code: string;
  points: number;
  maxPoints: number;
  blocking: boolean;
  label: string;
}

export interface Identity {
  candidateId: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

export interface ShortlistEntry {
  candidateRef: string;
  score: number;
  parts: FitPart[];
  distanceKm: number;
  identity: Identity | null;
  application: { id: string; status: ApplicationStatus } | null;
}

export interface Shortlist {
  offerId: string;
  considered: number;
  eligible: number;
  items: ShortlistEntry[];
}

export interface Stage {
  id: string;
  label: string;
  status: 'applied' | 'interview' | 'offer';
  position: number;
}

export interface Application {
  id: string;
  offerId: string;
  offerTitle: string;
  employerName: string;
  status: ApplicationStatus;
  stage: Stage | null;
  rejectionReason: RejectionReason | null;
  rejectionNote: string;
  message: string;
  createdAt: string;
  statusChangedAt: string;
  candidateRef: string;
  identity: Identity | null;
  score: number | null;
  comments: number;
}

export interface ApplicationComment {
  id: string;
  body: string;
  authorName: string;
  authorRole: Role;
  createdAt: string;
}

export interface CsvImportReport {
  imported: number;
}

export type EnrolmentStatus = 'enrolled' | 'waitlisted' | 'withdrawn' | 'completed' | 'not_completed';

export interface TrainingSession {
  id: string;
  trainingBodyId: string;
  trainingBodyName: string;
  title: string;
  description: string;
  diploma: string;
  mode: 'on_site' | 'distance';
  siteId: string | null;
  siteName: string | null;
  communeCode: string | null;
  communeName: string | null;
  startsOn: string;
  endsOn: string;
  hours: number | null;
  seats: number;
  seatsTaken: number;
  waitlisted: number;
  prerequisites: { minScores: MinScores; languages: { code: string; level: Cefr }[] };
  raises: { pillar: string; languageCode: string | null; points: number }[];
  status: 'draft' | 'published' | 'cancelled';
  createdAt: string;
  myEnrolment: { id: string; status: EnrolmentStatus; waitlistPosition: number | null } | null;
}

export interface TrainingSessionInput {
  title: string;
  description: string;
  diploma: string;
  mode: 'on_site' | 'distance';
  siteId: string | null;
  communeCode: string | null;
  startsOn: string;
  endsOn: string;
  hours: number | null;
  seats: number;
  minScores: MinScores;
  languages: { code: string; level: Cefr }[];
  raises: { pillar: string; languageCode: string | null; points: number }[];
  status: 'draft' | 'published' | 'cancelled';
  trainingBodyId?: string;
}

export interface Enrolment {
  id: string;
  sessionId: string;
  sessionTitle: string;
  candidateId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  status: EnrolmentStatus;
  waitlistPosition: number | null;
  promoted: boolean;
  requestedAt: string;
  enrolledAt: string | null;
  completedAt: string | null;
  grade: number | null;
  daysPresent: number;
  daysRecorded: number;
}

export interface AttendanceDay {
  day: string;
  entries: { enrolmentId: string; present: boolean | null }[];
}

export type EndReason = 'resigned' | 'dismissed' | 'contract_ended' | 'trial_period' | 'other';

export interface Placement {
  id: string;
  candidateId: string;
  candidateName: string;
  employerId: string;
  employerName: string;
  offerId: string;
  offerTitle: string;
  workTime: 'full_time' | 'part_time';
  contract: ContractType;
  startedOn: string;
  endedOn: string | null;
  endReason: EndReason | null;
  counselorId: string | null;
  counselorName: string | null;
}

export interface Checkin {
  id: string;
  placementId: string;
  months: number;
  dueOn: string;
  counselorId: string | null;
  counselorName: string | null;
  candidateName: string;
  candidatePhone: string | null;
  candidateEmail: string | null;
  employerName: string;
  offerTitle: string;
  startedOn: string;
  doneAt: string | null;
  outcome: 'still_employed' | 'left' | null;
  leftReason: EndReason | null;
  notes: string;
}

export interface Retention {
  asOf: string;
  placements: number;
  active: number;
  horizons: { months: number; eligible: number; retained: number; rate: number | null; checkinsRecorded: number }[];
}

// ---- positioning runs and proposals (src/modules/positioning) ----

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type RunPhase = 'queued' | 'loading' | 'scoring' | 'solving' | 'storing' | 'done';
export type ProposalStatus = 'pending' | 'approved' | 'vetoed' | 'published' | 'accepted' | 'declined' | 'superseded';
export type ProposalKind = 'offer' | 'session';
export type VetoReason = 'not_available' | 'not_ready' | 'employer_fit' | 'already_placed' | 'other';

export interface PositioningRun {
  id: string;
  /** null: a national run over every territory. */
  territoryCode: string | null;
  status: RunStatus;
  phase: RunPhase;
  /** 0–100 */
  progress: number;
  cancelRequested: boolean;
  includeSessions: boolean;
  candidatesConsidered: number;
  offersConsidered: number;
  sessionsConsidered: number;
  /** candidate → offer/session pairs left after the pre-filters and hard requirements */
  arcs: number;
  proposalCount: number;
  /** the optimum: Σ value of the proposals */
  totalScore: number;
  /** the optimality certificate (reduced costs) was checked */
  certified: boolean;
  solveMs: number | null;
  error: string | null;
  createdByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  proposals: Record<ProposalStatus, number>;
}

export interface ProposalOfferRef {
  id: string;
  title: string;
  employerName: string;
  siteName: string;
  startDate: string;
}

export interface ProposalSessionRef {
  id: string;
  title: string;
  trainingBodyName: string;
  startsOn: string;
  endsOn: string;
  mode: 'on_site' | 'distance';
}

export interface StaffProposal {
  id: string;
  runId: string;
  status: ProposalStatus;
  kind: ProposalKind;
  candidate: { id: string; firstName: string; lastName: string; communeName: string | null };
  offer: ProposalOfferRef | null;
  session: ProposalSessionRef | null;
  /** For a session: the offer the training opens. */
  targetOffer: ProposalOfferRef | null;
  /** fit 0–1000 (after training, for a session) */
  score: number;
  /** what the assignment maximised: the fit, or the fit gained by training */
  value: number;
  distanceKm: number;
  parts: FitPart[];
  /** for a session: the gaps the training closes */
  closes: FitPart[];
  vetoReason: VetoReason | null;
  reviewNote: string;
  reviewedByName: string | null;
  reviewedAt: string | null;
  publishedAt: string | null;
  answeredAt: string | null;
  declineReason: string;
}

export interface ProposalQuery {
  page: number;
  pageSize: number;
  status?: ProposalStatus;
  kind?: ProposalKind;
}

export interface CandidateProposal {
  id: string;
  status: 'published' | 'accepted' | 'declined';
  kind: ProposalKind;
  offer: (ProposalOfferRef & { contract: ContractType; workTime: 'full_time' | 'part_time' }) | null;
  session: ProposalSessionRef | null;
  targetOffer: ProposalOfferRef | null;
  score: number;
  distanceKm: number;
  parts: FitPart[];
  closes: FitPart[];
  publishedAt: string;
  answeredAt: string | null;
  declineReason: string;
  /** What accepting created. */
  applicationId: string | null;
  enrolment: { id: string; status: EnrolmentStatus } | null;
}

export interface EmployerProposal {
  id: string;
  /** pseudonymous reference, stable for this employer */
  candidateRef: string;
  /** Only once the candidate accepted (or applied). */
  identity: Identity | null;
  status: 'published' | 'accepted' | 'declined';
  score: number;
  distanceKm: number;
  parts: FitPart[];
  publishedAt: string;
  answeredAt: string | null;
  applicationId: string | null;
}
