import argon2 from 'argon2';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { challenges, challengeStatuses, memberships, organisations, organisationTypes, users } from '../schema/index.ts';
import { themeCodes } from '../../modules/challenges/themes.ts';
import { words } from './scale-words.ts';
import { seedScaleEvents } from './scale-events.ts';
import { seedScaleDatasets } from './scale-datasets.ts';
import { slugify } from '../slug.ts';
import { luhnCheckDigit } from '../../modules/organisations/org-number.ts';
import type { PgTable } from 'drizzle-orm/pg-core';
import { BulkWriter } from './bulk.ts';
import { scheduleCheckIns } from '../../modules/realisation/check-ins.ts';

/** mulberry32: a small, fast PRNG, so the same seed gives the same data on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)];
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16));
    hex[12] = '4';
    hex[16] = ((int(4) + 8) as number).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { next, int, pick, uuid };
}

/** Rows generated and written at a time: at --scale 100 the whole of a table would not fit in memory comfortably. */
const BATCH = 10_000;

/** `count` rows made by `make(i)`, written in batches (the PRNG is drawn in the same order as if made at once). */
async function generate<T extends PgTable>(
  bulk: BulkWriter,
  table: T,
  count: number,
  make: (i: number) => T['$inferInsert'],
  keep?: (row: T['$inferInsert']) => void,
) {
  for (let start = 0; start < count; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => make(start + k));
    if (keep) rows.forEach(keep);
    await bulk.write(table, rows);
  }
}

export interface ScaleResult {
  users: number;
  organisations: number;
  challenges: number;
  teams: number;
  /** The organisation that publishes 5,000 datasets. */
  publisher: string;
  seconds: number;
}

/**
 * N times a Hack the Crisis-sized programme: N×7,400 people, N×300 organisations, N×2,000 challenges with Swedish
 * text, per unit a finished Hack the Crisis with 521 teams and submitted proposals (see scale-events.ts), and one
 * publisher with 5,000 datasets, some used (scale-datasets.ts); built from a seed so the same command gives the same data;
 * written in bulk (COPY on PostgreSQL, see bulk.ts), generated 10,000 rows at a time.
 * Everyone generated shares one password, "scale-password", hashed once.
 */
export async function seedScale(ctx: Ctx, scale: number, seed = 2020): Promise<ScaleResult> {
  const started = Date.now();
  const r = prng(seed);
  const prefix = `s${seed}`;
  const [{ taken }] = await ctx.db
    .select({ taken: sql<number>`count(*)::int` })
    .from(organisations)
    .where(sql`${organisations.slug} like ${`${prefix}-%`}`);
  if (taken > 0) throw new Error(`Scale data with seed ${seed} is there already; use another --seed`);
  const passwordHash = await argon2.hash('scale-password', { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

  const bulk = new BulkWriter(ctx.db);
  const userIds: string[] = [];
  const people = 7400 * scale;
  await generate(
    bulk,
    users,
    people,
    (i) => {
      const first = r.pick(words.firstNames);
      const last = r.pick(words.lastNames);
      return {
        id: r.uuid(),
        email: `${prefix}-${i}@scale.hack365.test`,
        name: `${first} ${last}`,
        passwordHash,
        emailVerifiedAt: new Date(),
        roles: [r.pick(['developer', 'designer', 'data_scientist', 'domain_expert', 'student', 'other'])],
        skills: [r.pick(words.skills), r.pick(words.skills)],
        languages: ['svenska'],
      };
    },
    (u) => userIds.push(u.id!),
  );

  const orgRows = Array.from({ length: 300 * scale }, (_, i) => {
    const type = r.pick(organisationTypes);
    const place = r.pick(words.places);
    const name = {
      agency: `${r.pick(words.agencyStems)}verket i ${place}`,
      municipality: `${place} kommun`,
      region: `Region ${place}`,
      company: `${place} ${r.pick(words.companyStems)} AB`,
      nonprofit: `Föreningen ${r.pick(words.companyStems)} ${place}`,
      academia: `${place} högskola`,
    }[type];
    // Unique per seed and index (organisation numbers are unique): two digits of the seed, seven of the index.
    const digits = `${String(seed % 100).padStart(2, '0')}${String(i).padStart(7, '0')}`;
    return {
      id: r.uuid(),
      slug: `${prefix}-${i}`,
      name: `${name} ${i}`,
      type,
      orgNumber: `${digits.slice(0, 6)}-${digits.slice(6)}${luhnCheckDigit(digits)}`,
      isNeedOwner: r.next() < 0.8,
      description: `${name} arbetar med ${r.pick(words.topics)}.`,
    };
  });
  await bulk.write(organisations, orgRows);
  await bulk.write(
    memberships,
    orgRows.map((o, i) => ({ organisationId: o.id, userId: userIds[i % userIds.length], role: 'owner' as const })),
  );

  const needOwners = orgRows.filter((o) => o.isNeedOwner);
  const day = 24 * 3600 * 1000;
  const now = Date.UTC(2026, 10, 1);
  const published: string[] = [];
  const ownerOf = new Map<string, string>();
  const challengeCount = 2000 * scale;
  await generate(
    bulk,
    challenges,
    challengeCount,
    (i) => {
      const topic = r.pick(words.topics);
      const place = r.pick(words.places);
      const title = `${r.pick(words.titleStarts)} ${topic} i ${place}`;
      const roll = r.next();
      const status = roll < 0.7 ? 'published' : roll < 0.85 ? 'closed' : roll < 0.95 ? 'archived' : 'draft';
      const themes = [...new Set([r.pick(themeCodes), r.pick(themeCodes)])];
      const published = status === 'draft' ? null : new Date(now - r.int(3 * 365) * day);
      return {
        id: r.uuid(),
        slug: slugify(`${prefix}-${i}-${topic.split(' ')[0]}`),
        organisationId: r.pick(needOwners).id,
        titleSv: title,
        summarySv: `${r.pick(words.questions)} ${topic} ${r.pick(words.endings)}`,
        problemSv: `${r.pick(words.problems)} ${r.pick(words.problems)} Det gäller särskilt ${topic} i ${place}.`,
        outcomeSv: `${r.pick(words.outcomes)} för ${topic}.`,
        targetGroupSv: r.pick(words.targetGroups),
        themes,
        keywords: [topic, r.pick(words.topics), place.toLowerCase()],
        contactName: `${r.pick(words.firstNames)} ${r.pick(words.lastNames)}`,
        contactEmail: `kontakt-${i}@scale.hack365.test`,
        yearRound: r.next() < 0.6,
        status: status as (typeof challengeStatuses)[number],
        publishedAt: published,
        endsOn: r.next() < 0.7 ? new Date(now + (r.int(720) - 240) * day).toISOString().slice(0, 10) : null,
      };
    },
    (c) => {
      ownerOf.set(c.id!, c.organisationId);
      if (c.status === 'published') published.push(c.id!);
    },
  );
  const { teams, submissionIds } = await seedScaleEvents(bulk, r, prefix, scale, userIds, published, ownerOf);
  // The first organisation publishes 5,000 datasets, some of them used (the data-use page at scale).
  await seedScaleDatasets(bulk, r, prefix, orgRows[0].id, userIds, published, submissionIds);
  await bulk.flush();
  // Check-ins as a running platform would have them: planned for every solution, and each whose time has come sent
  // when it came (the job runs every ten minutes). Left unplanned, the first start after seeding --scale 100 sent
  // 90,000 questions (and queued their mail) while the benchmark measured the pages.
  await scheduleCheckIns(ctx.db);
  await ctx.db.execute(sql`update check_ins set status = 'sent', sent_at = due_at where status = 'scheduled' and due_at <= now()`);
  // VACUUM ANALYZE: fresh statistics for the planner, GIN pending lists merged and visibility set, as they would be
  // in a database that has been running; otherwise the first minutes after a bulk load measure autovacuum instead.
  await ctx.db.execute(sql`vacuum analyze`);
  return {
    users: people,
    organisations: orgRows.length,
    challenges: challengeCount,
    teams,
    publisher: orgRows[0].slug,
    seconds: (Date.now() - started) / 1000,
  };
}
