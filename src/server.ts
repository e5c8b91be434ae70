import { loadConfig, ConfigError } from './config.ts';
import { openDatabase, DatabaseLockedError } from './db/client.ts';
import { seedDemo } from './db/seed/demo.ts';
import { buildApp } from './app.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl } : { dataDir: config.dataDir });
  await database.migrate();
  if (config.seedDemo) {
    const accounts = await seedDemo({ db: database.db, config });
    if (accounts) {
      console.log('\nDemo data seeded. Sign in with:');
      for (const a of accounts) console.log(`  ${a.email.padEnd(28)} ${a.password.padEnd(22)} ${a.what}`);
      console.log('');
    }
  }
  const app = await buildApp({ config, database, jobs: true });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  console.log(`hack365 is running at ${config.publicUrl} (database: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DatabaseLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(err);
  process.exit(1);
});
