import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { createPglite, openDatabase, type Database } from '../db/client.ts';

let shared: Promise<Database> | null = null;
const cleanups: (() => Promise<void>)[] = [];

// Registered when this module loads, so it belongs to the file's root test: calling after() inside a test
// would close the database when that first test ends.
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The database for this test file: a copy of the template the test runner migrated, on PGlite or PostgreSQL
 * as TEST_DB says. One per file (tests inside a file make their own unique data), closed and dropped after it.
 */
export function testDatabase(): Promise<Database> {
  shared ??= open();
  return shared;
}

async function open(): Promise<Database> {
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template hack365_template`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ url: u.toString() });
    cleanups.push(async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    });
    return database;
  }
  // A copy of the migrated template directory the runner made; without the runner (one file by hand), migrate here.
  const template = process.env.HACK365_PGLITE_TEMPLATE;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-pglite-'));
  if (template) fs.cpSync(template, dir, { recursive: true });
  const client = createPglite(dir);
  const database = await openDatabase({ pglite: client });
  if (!template) await database.migrate();
  cleanups.push(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return database;
}
