// Search reads a streaming replica when DATABASE_REPLICA_URL is set; everything else reads and writes the primary.
// PostgreSQL only: the test starts its own primary and replica (scripts/postgres.sh), since replication needs both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from './app.ts';
import { openDatabase } from './db/client.ts';
import { testConfig, Client } from './test/app.ts';
import { aChallenge, aMember, aNeedOwner } from './test/factories.ts';
import { freePort } from './test/ports.ts';

const root = path.resolve(import.meta.dirname, '..');
const script = path.join(root, 'scripts/postgres.sh');

test(
  'search reads the streaming replica: what the replica has not replayed yet is not found, though its page (on the primary) is there; once replayed it is',
  { skip: process.env.TEST_DB !== 'postgres' && 'a streaming replica needs PostgreSQL', timeout: 120_000 },
  async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-replica-'));
    fs.chmodSync(dir, 0o755);
    t.after(() => {
      for (const cluster of ['replica', 'primary']) execFileSync(script, ['stop', path.join(dir, cluster)]);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const primaryUrl = execFileSync(script, ['start', path.join(dir, 'primary'), String(primaryPort)], { encoding: 'utf8' }).trim();
    const migrating = await openDatabase({ url: primaryUrl, poolSize: 1 });
    await migrating.migrate();
    await migrating.close();
    const replicaUrl = execFileSync(script, ['replica', path.join(dir, 'replica'), String(replicaPort), String(primaryPort)], { encoding: 'utf8' }).trim();

    const database = await openDatabase({ url: primaryUrl, poolSize: 4, replicaUrl });
    const app = await buildApp({ config: testConfig(), database, jobs: false, logger: false });
    t.after(async () => {
      await app.close();
      await database.close();
    });
    const replica = new pg.Client({ connectionString: replicaUrl });
    await replica.connect();
    t.after(() => replica.end());
    const replayed = async (id: string) => (await replica.query('select 1 from challenges where id = $1', [id])).rowCount === 1;
    const until = async (check: () => Promise<boolean>) => {
      for (const deadline = Date.now() + 20_000; !(await check()); await new Promise((r) => setTimeout(r, 100)))
        if (Date.now() > deadline) throw new Error('timed out');
    };
    const found = async (q: string) => (await new Client(app).get(`/api/v1/challenges?q=${q}`)).json().total as number;

    const org = await aNeedOwner(app);
    const editor = await aMember(app, org.id);
    const first = await aChallenge(app, org, editor.id, { titleSv: 'Isbanor på sjöar' });
    await until(() => replayed(first.id));
    assert.equal(await found('isbanor'), 1, 'found through the replica');

    // The replica stops replaying: a new challenge is on the primary only.
    await replica.query('select pg_wal_replay_pause()');
    const second = await aChallenge(app, org, editor.id, { titleSv: 'Skidspår i skogen' });
    assert.equal((await new Client(app).get(`/challenges/${second.slug}`)).statusCode, 200, 'its page reads the primary');
    assert.equal(await found('skidspår'), 0, 'search reads the replica, which has not replayed it');
    await replica.query('select pg_wal_replay_resume()');
    await until(() => replayed(second.id));
    assert.equal(await found('skidspår'), 1, 'replayed, it is found (no kept search holds the old answer)');
  },
);
