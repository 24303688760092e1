/** One function per API route used by the web app. */
import { http } from './client';
import type { CandidateRow, Dashboard, Me, MyCandidateProfile, Page, Site, Territory } from './types';

const territoryPath = (code: string) => `/api/territories/${encodeURIComponent(code)}`;

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
};
