import { eq, notInArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { statisticsSnapshots } from '../../db/schema/index.ts';
import { countFigures, type Figures } from './figures.ts';

/**
 * Counts everything again, then replaces the stored figures in one transaction, so readers see either the old set or
 * the new one. Run by the `statistics` job and when a report is published. The counting runs on the pool, its queries
 * side by side (one connection runs one query at a time); two refreshes at once store one after the other (advisory
 * lock), each a complete set.
 */
export async function refreshStatistics(db: Db): Promise<Figures[]> {
  const all = await countFigures(db);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hack365:statistics'))`);
    await store(tx, all);
  });
  return all;
}

async function store(tx: Tx, all: Figures[]) {
  const now = new Date();
  for (const f of all) {
    await tx
      .insert(statisticsSnapshots)
      .values({ scope: f.scope, figures: f as unknown as Record<string, unknown>, computedAt: now })
      .onConflictDoUpdate({ target: statisticsSnapshots.scope, set: { figures: f as unknown as Record<string, unknown>, computedAt: now } });
  }
  await tx.delete(statisticsSnapshots).where(
    notInArray(
      statisticsSnapshots.scope,
      all.map((f) => f.scope),
    ),
  );
}

/** The stored figures of one scope ('all' or a year), or null if the job has not counted it. */
export async function storedFigures(db: Db, scope: string): Promise<Figures | null> {
  const [row] = await db.select({ figures: statisticsSnapshots.figures }).from(statisticsSnapshots).where(eq(statisticsSnapshots.scope, scope));
  return row ? (row.figures as unknown as Figures) : null;
}

/** The years that have figures, newest first. */
export async function storedYears(db: Db): Promise<number[]> {
  const rows = await db.select({ scope: statisticsSnapshots.scope }).from(statisticsSnapshots);
  return rows
    .map((r) => Number(r.scope))
    .filter((y) => Number.isInteger(y))
    .sort((a, b) => b - a);
}

/** One scope's figures and every year that has figures, in one round trip (the statistics page needs both). */
export async function storedFiguresWithYears(db: Db, scope: string): Promise<{ figures: Figures | null; years: number[] }> {
  const rows = await db
    .select({
      scope: statisticsSnapshots.scope,
      figures: sql<Figures | null>`case when ${statisticsSnapshots.scope} = ${scope} then ${statisticsSnapshots.figures} end`,
    })
    .from(statisticsSnapshots);
  return {
    figures: rows.find((r) => r.scope === scope)?.figures ?? null,
    years: rows
      .map((r) => Number(r.scope))
      .filter((y) => Number.isInteger(y))
      .sort((a, b) => b - a),
  };
}
