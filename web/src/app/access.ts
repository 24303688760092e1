/**
 * Which role may open which page: the one place the navigation and the route guards read from.
 * The API enforces the same rules (403); this only keeps users away from pages they cannot use.
 */
import type { Role } from '../api/types';

export const pageAccess = {
  home: ['admin', 'advisor', 'counselor', 'employer', 'trainer', 'candidate'],
  candidates: ['admin', 'advisor', 'counselor'],
  sites: ['admin', 'advisor', 'counselor', 'employer'],
  projects: ['admin', 'advisor', 'counselor', 'employer'],
  account: ['admin', 'advisor', 'counselor', 'employer', 'trainer', 'candidate'],
  profileEdit: ['candidate'],
  tests: ['candidate'],
  myData: ['candidate'],
  itemBank: ['admin', 'advisor', 'counselor'],
  offers: ['admin', 'advisor', 'counselor', 'employer'],
  /** Posting and editing offers in the web app: employers (staff use the API or the CSV import). */
  offerEdit: ['employer'],
  jobs: ['candidate'],
  myApplications: ['candidate'],
  trainings: ['admin', 'advisor', 'counselor', 'trainer'],
  /** Publishing sessions, enrolling, attendance and completion: the training body and advisors. */
  trainingEdit: ['admin', 'advisor', 'trainer'],
  followUp: ['admin', 'advisor', 'counselor'],
  /** Positioning runs: launched and reviewed by agency staff before candidates see the proposals. */
  positioning: ['admin', 'advisor', 'counselor'],
  myProposals: ['candidate'],
} as const satisfies Record<string, readonly Role[]>;

export type PageName = keyof typeof pageAccess;

export function canOpen(role: Role, page: PageName): boolean {
  return (pageAccess[page] as readonly Role[]).includes(role);
}

/** Agency staff move projects along the pipeline; employers see the stage but do not change it. */
export function canChangeProjectStage(role: Role): boolean {
  return role === 'admin' || role === 'advisor' || role === 'counselor';
}

/** Roles whose home page is the territory dashboard (the candidate sees their own profile). */
export function hasDashboard(role: Role): boolean {
  return role !== 'candidate';
}
