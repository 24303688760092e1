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
