/** One function per API route used by the web app. */
import { http } from './client';
import type {
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
};
