/** Shapes of the guichet API answers (the contract the server implements). */

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

export interface SizingInterval {
  weekday: number;
  start: string;
  calls: number;
  trafficErlangs: number;
  agents: number;
  scheduledAgents: number;
  serviceLevel: number;
  asaSeconds: number | null;
  occupancy: number;
  abandonRate: number | null;
}

export interface SweepPoint {
  agents: number;
  serviceLevel: number;
  asaSeconds: number | null;
  occupancy: number;
  abandonRate: number | null;
  meetsTargets: boolean;
}

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
