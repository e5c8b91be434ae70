import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { seedDemo } from './db/seed/demo.ts';
import { seedScale } from './db/seed/scale.ts';
import { harvestFromCommandLine } from './modules/datasets/commands/harvest-cli.ts';
import { createUser } from './modules/accounts/commands/create-user.ts';

const usage = `Usage: hack365 <command> [options]

Commands:
  migrate                                   apply database migrations
  seed                                      add the demo data to an empty database
  seed --scale N [--seed S]                 add N times a Hack the Crisis-sized programme (N×7,400 people,
                                            N×300 organisations, N×2,000 challenges), the same for the same seed
  user:create --email E [--name N] [--password P] [--organiser]
                                            create a verified account (a password is generated if none is given)
  harvest <url-or-file> [--org SLUG] [--ckan]
                                            harvest a DCAT-AP-SE catalog (RDF/XML, Turtle, JSON-LD) or a CKAN site
                                            now, for an organisation or the platform, and print the report

The database is PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR (default ./data).`;

type Command = (database: Database, args: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  async migrate(database) {
    await database.migrate();
    console.log('Migrations applied.');
  },
  async seed(database, args) {
    const { values } = parseArgs({ args, options: { scale: { type: 'string' }, seed: { type: 'string', default: '2020' } } });
    const ctx = { db: database.db, config: loadConfig() };
    // Demo and load-test accounts have published passwords: never in production.
    if (ctx.config.env === 'production') throw new UsageError('seed is refused in production: demo and generated accounts have known passwords');
    await database.migrate();
    if (values.scale !== undefined) {
      const scale = Number(values.scale);
      const seed = Number(values.seed);
      if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new UsageError('--scale takes a whole number from 1 to 100');
      if (!Number.isInteger(seed)) throw new UsageError('--seed takes a whole number');
      const result = await seedScale(ctx, scale, seed);
      return console.log(
        `Seeded ${result.users} people, ${result.organisations} organisations, ${result.challenges} challenges and ${result.teams} teams with proposals in ${result.seconds.toFixed(1)} s (seed ${seed}).`,
      );
    }
    const accounts = await seedDemo(ctx);
    if (!accounts) return console.log('The database has data already; nothing seeded.');
    for (const a of accounts) console.log(`${a.email}\t${a.password}\t${a.what}`);
  },
  async 'user:create'(database, args) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, organiser: { type: 'boolean', default: false } },
    });
    if (!values.email) throw new UsageError('user:create needs --email');
    await database.migrate();
    const { password } = await createUser(
      { db: database.db, config: loadConfig() },
      {
        email: values.email,
        name: values.name ?? values.email.split('@')[0],
        password: values.password,
        organiser: values.organiser,
      },
    );
    console.log(`Created ${values.email}${values.organiser ? ' (organiser)' : ''}${values.password ? '' : ` with password ${password}`}`);
  },
  async harvest(database, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { org: { type: 'string' }, ckan: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new UsageError('harvest needs one URL or file');
    await database.migrate();
    const ctx = { db: database.db, config: loadConfig() };
    const report = await harvestFromCommandLine(ctx, positionals[0], { organisation: values.org, ckan: values.ckan });
    console.log(report.text);
    if (report.failed) throw new CommandFailed();
  },
};

class CommandFailed extends Error {}
class UsageError extends Error {}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name && name !== 'help' && name !== '--help' ? `Unknown command: ${name}\n\n${usage}` : usage);
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl } : { dataDir: config.dataDir });
  try {
    await command(database, args);
    return 0;
  } catch (err) {
    if (err instanceof CommandFailed) return 1;
    console.error(err instanceof Error ? err.message : err);
    return err instanceof UsageError ? 2 : 1;
  } finally {
    await database.close();
  }
}
