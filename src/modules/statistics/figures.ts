import type { Db } from '../../db/client.ts';
import { challengeStatuses, eventKinds, organisationTypes, type EventKind, type OrganisationType } from '../../db/schema/index.ts';
import { funnelByEvent, realisedSolutions, sumFunnels, type FunnelCounts } from '../realisation/funnel.ts';
import { profileRoles } from '../accounts/schema.ts';
import * as count from './count.ts';
import { primaryOnly, protectedDiversity, type DiversityTable } from './diversity.ts';
import type { Published } from './suppression.ts';

/** The level of government (or none) an organisation type stands for, as the annual report groups need owners. */
export const levelOf: Record<OrganisationType, 'national' | 'regional' | 'local' | 'none'> = {
  agency: 'national',
  region: 'regional',
  municipality: 'local',
  company: 'none',
  nonprofit: 'none',
  academia: 'none',
};

export interface YearLine {
  year: number;
  participants: number;
  registrations: number;
  teams: number;
  submitted: number;
  published: number;
  events: number;
}

export interface Figures {
  /** 'all' or the year. */
  scope: string;
  year: number | null;
  computedAt: string;
  totals: { participants: number; registrations: number; teams: number; submitted: number; published: number; events: number; mentoringSessions: number };
  eventsByKind: Record<EventKind, number>;
  challengesByStatus: Record<string, number>;
  challengesByTheme: { theme: string; count: number }[];
  needOwners: { type: OrganisationType; count: number }[];
  datasets: { cited: number; used: number; byPublisher: count.DataUse[]; byTheme: count.DataUse[] };
  dataIssues: { received: number; answered: number };
  dataRequests: { received: number; answered: number };
  funnel: FunnelCounts;
  diversity: DiversityTable;
  /** Per event of the year (a year's scope only). */
  diversityByEvent: { slug: string; titleSv: string; titleEn: string; table: DiversityTable }[];
  roles: { role: string; value: Published }[];
  /** Every year's headline figures (the whole scope), or the one year. */
  byYear: YearLine[];
  /** The year's events, highlighted solutions and new need owners (a year's scope only). */
  events: Omit<count.EventRow, 'id' | 'year'>[];
  highlights: {
    id: string;
    title: string;
    teamName: string;
    eventSlug: string;
    stage: string;
    confirmed: boolean;
    challengeSv: string | null;
    challengeEn: string | null;
    owners: string[];
  }[];
  newNeedOwners: { slug: string; name: string; type: OrganisationType }[];
}

const HIGHLIGHTS = 10;

/** Counts every figure for the whole and for each year with events, from the tables themselves. */
export async function countFigures(db: Db): Promise<Figures[]> {
  const [eventRows, participants, roles, challenges, needOwners, newNeedOwners, dataUse, feedback, mentoring, diversityRows, funnels] = await Promise.all([
    count.eventRows(db),
    count.participantsByYear(db),
    count.rolesByYear(db),
    count.challengesByYear(db),
    count.needOwnersByYear(db),
    count.newNeedOwnersByYear(db),
    count.dataUseByYear(db),
    count.feedbackByYear(db),
    count.mentoringByYear(db),
    count.diversityCounts(db),
    funnelByEvent(db),
  ]);
  const diversity = protectedDiversity(diversityRows, new Map(eventRows.map((e) => [e.id, e.year])));
  const years = [...new Set(eventRows.map((e) => e.year))].sort();
  const line = (year: number, rows: count.EventRow[]): YearLine => ({
    year,
    participants: participants.get(year) ?? 0,
    registrations: sum(rows, 'registrations'),
    teams: sum(rows, 'teams'),
    submitted: sum(rows, 'submitted'),
    published: sum(rows, 'solutions'),
    events: rows.length,
  });
  const computedAt = new Date().toISOString();
  const figures = async (year: number | null): Promise<Figures> => {
    const rows = year === null ? eventRows : eventRows.filter((e) => e.year === year);
    const highlights = year === null ? [] : (await realisedSolutions(db, { event: '', year }, 1)).rows.slice(0, HIGHLIGHTS);
    const use = dataUse.total.get(year) ?? { cited: 0, used: 0 };
    return {
      scope: year === null ? 'all' : String(year),
      year,
      computedAt,
      totals: { ...withoutYear(line(year ?? 0, rows)), participants: participants.get(year) ?? 0, mentoringSessions: mentoring.get(year) ?? 0 },
      eventsByKind: Object.fromEntries(eventKinds.map((k) => [k, rows.filter((e) => e.kind === k).length])) as Record<EventKind, number>,
      challengesByStatus: Object.fromEntries(
        challengeStatuses.filter((s) => s !== 'draft').map((s) => [s, challenges.status.get(year)?.find((r) => r.status === s)?.count ?? 0]),
      ),
      challengesByTheme: byCount(challenges.theme.get(year) ?? [], (r) => r.count),
      needOwners: organisationTypes.map((type) => ({ type, count: needOwners.get(year)?.find((r) => r.type === type)?.count ?? 0 })),
      datasets: {
        cited: use.cited,
        used: use.used,
        byPublisher: byCount(dataUse.publisher.get(year) ?? [], (r) => r.cited + r.used),
        byTheme: byCount(dataUse.theme.get(year) ?? [], (r) => r.cited + r.used),
      },
      dataIssues: feedback.issues.get(year) ?? { received: 0, answered: 0 },
      dataRequests: feedback.requests.get(year) ?? { received: 0, answered: 0 },
      funnel: sumFunnels(year === null ? funnels : funnels.filter((f) => f.year === year)),
      diversity: year === null ? diversity.all : (diversity.years.get(year) ?? diversity.all),
      diversityByEvent:
        year === null
          ? []
          : rows
              .filter((e) => diversity.events.has(e.id))
              .map((e) => ({ slug: e.slug, titleSv: e.titleSv, titleEn: e.titleEn, table: diversity.events.get(e.id)! })),
      roles: profileRoles.map((role) => ({ role, value: primaryOnly(roles.get(year)?.find((r) => r.role === role)?.count ?? 0) })),
      byYear:
        year === null
          ? years.map((y) =>
              line(
                y,
                eventRows.filter((e) => e.year === y),
              ),
            )
          : [line(year, rows)],
      events: year === null ? [] : rows.map(({ id: _id, year: _year, ...e }) => e),
      highlights: highlights.map((h) => ({
        id: h.id,
        title: h.title,
        teamName: h.teamName,
        eventSlug: h.eventSlug,
        stage: h.stage,
        confirmed: h.confirmed,
        challengeSv: h.challengeSv,
        challengeEn: h.challengeEn,
        owners: h.owners.map((o) => o.name),
      })),
      newNeedOwners: year === null ? [] : (newNeedOwners.get(year) ?? []),
    };
  };
  return Promise.all([figures(null), ...years.map((y) => figures(y))]);
}

const sum = <K extends string>(rows: Record<K, number>[], key: K) => rows.reduce((s, r) => s + r[key], 0);
const withoutYear = ({ year: _year, ...rest }: YearLine) => rest;
const byCount = <T>(rows: T[], size: (r: T) => number) => [...rows].sort((a, b) => size(b) - size(a));
