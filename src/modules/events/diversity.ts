import { eq, sql } from 'drizzle-orm';
import Type from 'typebox';
import type { Db, Tx } from '../../db/client.ts';
import { ageBands, diversityAnswers, genders, occupations } from '../../db/schema/index.ts';

/** The 21 counties (län) by their letter codes, plus living abroad. */
export const counties = {
  AB: 'Stockholm',
  C: 'Uppsala',
  D: 'Södermanland',
  E: 'Östergötland',
  F: 'Jönköping',
  G: 'Kronoberg',
  H: 'Kalmar',
  I: 'Gotland',
  K: 'Blekinge',
  M: 'Skåne',
  N: 'Halland',
  O: 'Västra Götaland',
  S: 'Värmland',
  T: 'Örebro',
  U: 'Västmanland',
  W: 'Dalarna',
  X: 'Gävleborg',
  Y: 'Västernorrland',
  Z: 'Jämtland',
  AC: 'Västerbotten',
  BD: 'Norrbotten',
} as const;
export const countyChoices = [...Object.keys(counties), 'abroad', 'prefer_not'] as const;
export const firstHackathonChoices = ['yes', 'no', 'prefer_not'] as const;

const Optional = <T extends readonly string[]>(values: T) => Type.Union([Type.Literal(''), Type.Enum(values)]);

/** The voluntary questions: every one may be left blank, and each has 'prefer not to say'. No special categories. */
export const DiversityFields = {
  gender: Optional(genders),
  ageBand: Optional(ageBands),
  county: Optional(countyChoices),
  occupation: Optional(occupations),
  firstHackathon: Optional(firstHackathonChoices),
};

export interface DiversityInput {
  gender?: string;
  ageBand?: string;
  county?: string;
  occupation?: string;
  firstHackathon?: string;
}

export const answeredAny = (d: DiversityInput) => Object.values(d).some((v) => v);

/** Stores answers with the event only: no person, no registration, no time of their own to link them back. */
export async function storeAnswers(tx: Tx, eventId: string, d: DiversityInput) {
  await tx.insert(diversityAnswers).values({
    eventId,
    gender: (d.gender || null) as never,
    ageBand: (d.ageBand || null) as never,
    county: d.county || null,
    occupation: (d.occupation || null) as never,
    firstHackathon: d.firstHackathon === 'yes' ? true : d.firstHackathon === 'no' ? false : null,
  });
}

/** Counts below this are shown as "fewer than", so a small group cannot be singled out. */
export const SMALLEST_SHOWN = 5;

export type DiversityReport = Record<'gender' | 'ageBand' | 'county' | 'occupation' | 'firstHackathon', { answer: string; count: number | null }[]> & {
  respondents: number;
};

/** Aggregates per question for one event (or all events), suppressing small counts. */
export async function diversityReport(db: Db, eventId: string | null): Promise<DiversityReport> {
  const where = eventId ? eq(diversityAnswers.eventId, eventId) : undefined;
  const count = async (
    column:
      | typeof diversityAnswers.gender
      | typeof diversityAnswers.ageBand
      | typeof diversityAnswers.county
      | typeof diversityAnswers.occupation
      | typeof diversityAnswers.firstHackathon,
  ) => {
    const rows = await db
      .select({ answer: sql<string>`coalesce(${column}::text, 'unanswered')`, count: sql<number>`count(*)::int` })
      .from(diversityAnswers)
      .where(where)
      .groupBy(column)
      .orderBy(sql`count(*) desc`);
    return rows.map((r) => ({ answer: r.answer, count: r.count < SMALLEST_SHOWN ? null : r.count }));
  };
  const [[{ respondents }], gender, ageBand, county, occupation, firstHackathon] = await Promise.all([
    db
      .select({ respondents: sql<number>`count(*)::int` })
      .from(diversityAnswers)
      .where(where),
    count(diversityAnswers.gender),
    count(diversityAnswers.ageBand),
    count(diversityAnswers.county),
    count(diversityAnswers.occupation),
    count(diversityAnswers.firstHackathon),
  ]);
  return { respondents, gender, ageBand, county, occupation, firstHackathon };
}
