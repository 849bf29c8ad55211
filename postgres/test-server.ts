// vitest globalSetup: ONE embedded PostgreSQL for the whole test run (free port, data in a temp folder),
// stopped in teardown, also when tests fail. Test files reach it through `freshDatabase()` in
// ./test-database.ts, which gives each file its own new database. vitest.config.ts names this file.
import type { TestProject } from 'vitest/node';
import { startThrowawayServer, type EmbeddedServer } from './embedded-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test run's server, `postgres` database (the admin connection). */
    postgresAdminUrl: string;
  }
}

let server: EmbeddedServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  let log = '';
  try {
    server = await startThrowawayServer({ onLog: (line) => (log += line) });
  } catch (error) {
    console.error(log.slice(-4000));
    throw error;
  }
  project.provide('postgresAdminUrl', server.url('postgres'));
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}
