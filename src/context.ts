import type { Config } from './config.ts';
import type { Db } from './db/client.ts';

/** What commands need from the running app. The Fastify instance satisfies it, and so does the CLI. */
export interface Ctx {
  db: Db;
  config: Config;
}
