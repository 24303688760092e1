import type { TestProject } from 'vitest/node';
import { startOwnServer } from './harness.ts';

/**
 * One real server (fresh embedded database, demo data) for all browser journeys of a run: starting
 * one per file cost 35–45 s each on a loaded 2-core machine. Its URL reaches the journeys by `inject`.
 */
export default async function setup(project: TestProject) {
  const server = await startOwnServer();
  project.provide('e2eBaseUrl', server.baseUrl);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}
