import pg from 'pg';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { seedDemo } from './db/seed/demo.ts';
import { seedScale } from './db/seed/scale.ts';
async function main() {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:54494/postgres' });
  await admin.connect();
  await admin.query('drop database if exists datause with (force)');
  await admin.query('create database datause');
  await admin.end();
  const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:54494/datause', poolSize: 5 });
  await database.migrate();
  const config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent' };
  await seedDemo({ db: database.db, config });
  const r = await seedScale({ db: database.db, config }, 10);
  console.log(JSON.stringify(r));
  await database.close();
}
main();
