import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { seedScale, type ScaleResult } from '../src/db/seed/scale.ts';
import { withSeededDatabase } from './postgres.ts';

/**
 * The benchmarks' data: the demo plus `seed --scale N`, seeded once and kept when BENCH_PGDATA or BENCH_DATABASE_URL
 * says where (bench/postgres.ts); each run gets its own copy, so what a run writes never reaches the next.
 */
export function withScaleDatabase<T>(name: string, port: number, scale: number, run: (url: string, seeded: ScaleResult) => Promise<T>): Promise<T> {
  const config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent' };
  const seed = async (url: string) => {
    const database = await openDatabase({ url, poolSize: 4 });
    try {
      await database.migrate();
      await seedDemo({ db: database.db, config });
      return await seedScale({ db: database.db, config }, scale);
    } finally {
      await database.close();
    }
  };
  return withSeededDatabase(name, port, `s${scale}`, seed, run);
}
