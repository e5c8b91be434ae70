import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import {
  ageBands,
  diversityAnswers,
  eventPhases,
  eventRegistrations,
  events,
  genders,
  needOwnerApplications,
  occupations,
  organisations,
  submissions,
  submissionVersions,
  teamMembers,
  teams,
  users,
  type EventKind,
} from '../schema/index.ts';
import { publishReport, saveReportTexts } from '../../modules/statistics/report.ts';
import { refreshStatistics } from '../../modules/statistics/refresh.ts';

/** A small deterministic random source, so the demo is the same every time. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

interface YearEvent {
  slug: string;
  kind: EventKind;
  titleSv: string;
  titleEn: string;
  start: string;
  people: number;
  teams: number;
}

// Whole years of the programme in fixed dates, so each annual report has a year to compare with (2025 with 2024,
// 2026 with 2025), beside the demo's other events, which move with today's date.
const yearEvents: YearEvent[] = [
  {
    slug: 'hack-for-sweden-host-2024',
    kind: 'hackathon',
    titleSv: 'Hack for Sweden: höstens hackathon 2024',
    titleEn: 'Hack for Sweden: autumn hackathon 2024',
    start: '2024-10-11T07:00:00Z',
    people: 90,
    teams: 18,
  },
  {
    slug: 'hack-for-sweden-var-2025',
    kind: 'hackathon',
    titleSv: 'Hack for Sweden: vårens hackathon 2025',
    titleEn: 'Hack for Sweden: spring hackathon 2025',
    start: '2025-04-04T07:00:00Z',
    people: 140,
    teams: 30,
  },
  {
    slug: 'trafikverket-24h-2025',
    kind: 'sub_competition',
    titleSv: 'Trafikverket 24h: säkrare vägar 2025',
    titleEn: 'Swedish Transport Administration 24h: safer roads 2025',
    start: '2025-09-18T07:00:00Z',
    people: 45,
    teams: 10,
  },
  {
    slug: 'webbinarium-dataportalen-2025',
    kind: 'webinar',
    titleSv: 'Webbinarium: Sveriges dataportal 2025',
    titleEn: 'Webinar: the Swedish data portal 2025',
    start: '2025-10-08T12:00:00Z',
    people: 60,
    teams: 0,
  },
  {
    slug: 'hack-for-sweden-var-2026',
    kind: 'hackathon',
    titleSv: 'Hack for Sweden: vårens hackathon 2026',
    titleEn: 'Hack for Sweden: spring hackathon 2026',
    start: '2026-04-10T07:00:00Z',
    people: 190,
    teams: 42,
  },
  {
    slug: 'region-stockholm-24h-2026',
    kind: 'sub_competition',
    titleSv: 'Region Stockholm 24h: vården nära dig 2026',
    titleEn: 'Region Stockholm 24h: care near you 2026',
    start: '2026-09-24T07:00:00Z',
    people: 55,
    teams: 12,
  },
  {
    slug: 'workshop-oppna-data-kommuner-2026',
    kind: 'workshop',
    titleSv: 'Workshop: öppna data för kommuner 2026',
    titleEn: 'Workshop: open data for municipalities 2026',
    start: '2026-05-20T08:00:00Z',
    people: 35,
    teams: 0,
  },
];

const HOUR = 3600_000;

/**
 * Events of 2025 and 2026 with people, teams, submitted solutions and voluntary diversity answers, need owners that
 * joined each year, and the 2025 annual report published (2026 as a draft), so /statistics and /reports/2025 show a
 * whole report with a year to compare with.
 */
export async function seedDemoStatistics(ctx: Ctx, organiserId: string) {
  const random = seeded(2025);
  const pick = <T>(list: readonly T[], weights?: number[]) => {
    const w = weights ?? list.map(() => 1);
    let r = random() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < list.length; i++) if ((r -= w[i]) < 0) return list[i];
    return list[list.length - 1];
  };
  const roles = ['developer', 'designer', 'data_scientist', 'domain_expert', 'student', 'other'];
  // One pool of people, so some come back the next year (unique participants are fewer than registrations).
  const pool = await ctx.db
    .insert(users)
    .values(
      Array.from({ length: 420 }, (_, i) => ({
        name: `Deltagare ${i + 1}`,
        email: `demo-stat-${i + 1}@hack365.test`,
        emailVerifiedAt: new Date('2025-01-10T10:00:00Z'),
        roles: [pick(roles, [5, 2, 3, 2, 4, 1])],
      })),
    )
    .returning({ id: users.id });
  let next = 0;
  for (const e of yearEvents) {
    const start = new Date(e.start).getTime();
    const [event] = await ctx.db
      .insert(events)
      .values({
        slug: e.slug,
        kind: e.kind,
        status: 'published',
        titleSv: e.titleSv,
        titleEn: e.titleEn,
        descriptionSv: `${e.titleSv}.`,
        online: true,
        galleryPublished: e.teams > 0,
      })
      .returning({ id: events.id });
    const hacking =
      e.kind === 'workshop' || e.kind === 'webinar'
        ? [['session', start, start + 3 * HOUR]]
        : [
            ['hacking', start, start + (e.kind === 'sub_competition' ? 24 : 72) * HOUR],
            ['submission', start, start + (e.kind === 'sub_competition' ? 24 : 72) * HOUR],
            ['judging', start + 80 * HOUR, start + 240 * HOUR],
          ];
    await ctx.db.insert(eventPhases).values(
      [['registration', start - 30 * 24 * HOUR, start - HOUR], ...hacking].map(([kind, from, to]) => ({
        eventId: event.id,
        kind: kind as 'hacking',
        startsAt: new Date(from as number),
        endsAt: new Date(to as number),
      })),
    );
    // People: the next ones from the pool, wrapping around, so a quarter or so come back.
    const people = Array.from({ length: e.people }, () => pool[next++ % pool.length].id);
    next -= Math.floor(e.people / 4);
    await ctx.db.insert(eventRegistrations).values(
      people.map((userId) => ({
        eventId: event.id,
        userId,
        status: 'registered' as const,
        rulesVersion: 1,
        acceptedRulesAt: new Date(start - 10 * 24 * HOUR),
        diversityAnswered: true,
      })),
    );
    // About four in five answer the voluntary questions.
    await ctx.db.insert(diversityAnswers).values(
      people
        .filter(() => random() < 0.8)
        .map(() => ({
          eventId: event.id,
          gender: pick(genders, [38, 44, 8, 3, 7]),
          ageBand: pick(ageBands, [6, 38, 28, 15, 8, 2, 3]),
          county: pick(['AB', 'C', 'E', 'M', 'O', 'AC', 'abroad', 'prefer_not'], [40, 8, 6, 14, 16, 4, 2, 2]),
          occupation: pick(occupations, [25, 30, 28, 6, 3, 3, 3, 2]),
          firstHackathon: pick([true, false, null], [45, 45, 10]),
        })),
    );
    for (let t = 0; t < e.teams; t++) {
      const members = people.slice(t * 3, t * 3 + 3);
      if (!members.length) break;
      const name = `Lag ${t + 1} (${e.slug})`;
      const [team] = await ctx.db
        .insert(teams)
        .values({ eventId: event.id, name, lookingForMembers: false, inviteToken: crypto.randomBytes(18).toString('base64url') })
        .returning({ id: teams.id });
      await ctx.db.insert(teamMembers).values(members.map((userId, i) => ({ teamId: team.id, eventId: event.id, userId, isLeader: i === 0 })));
      // Four in five teams submit.
      if (random() < 0.2) continue;
      const title = `Lösning ${t + 1}: ${e.titleSv}`;
      const content = {
        title,
        pitch: 'En tjänst byggd på öppna data.',
        problem: '',
        solution: '',
        actionPlan: '',
        videoUrl: '',
        technical: '',
        sourceUrl: '',
        demoUrl: '',
        otherSources: '',
        licence: 'EUPL-1.2',
        contactEmail: '',
        datasetIds: [],
      };
      const at = new Date(start + 20 * HOUR);
      const [s] = await ctx.db
        .insert(submissions)
        .values({
          eventId: event.id,
          teamId: team.id,
          status: 'submitted',
          title,
          pitch: content.pitch,
          content,
          submittedVersion: 1,
          submittedAt: at,
          updatedAt: at,
        })
        .returning({ id: submissions.id });
      await ctx.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content, savedAt: at });
    }
  }
  // Need owners that joined: the applications the organiser approved in each year.
  const joined = await ctx.db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, ['trafikverket', 'region-stockholm', 'slu', 'rymdstyrelsen']));
  const decided = { trafikverket: '2025-02-12', slu: '2025-08-30', 'region-stockholm': '2026-01-20', rymdstyrelsen: '2026-06-02' } as Record<string, string>;
  for (const o of joined) {
    await ctx.db.insert(needOwnerApplications).values({
      organisationId: o.id,
      motivation: 'Vi vill ta fram lösningar tillsammans med civilsamhället och näringslivet.',
      status: 'approved',
      decidedBy: organiserId,
      decidedAt: new Date(decided[o.slug]),
      createdAt: new Date(decided[o.slug]),
    });
  }

  // The 2025 report, published; 2026's as a draft with its summary begun.
  await refreshStatistics(ctx.db);
  await saveReportTexts(ctx.db, organiserId, 2025, {
    summarySv:
      'Under 2025 samlade Hack for Sweden deltagare, myndigheter, kommuner och företag kring öppna data. Två hackathon och ett webbinarium gav nya lösningar och nya behovsägare.',
    summaryEn:
      'In 2025 Hack for Sweden brought participants, agencies, municipalities and companies together around open data. Two hackathons and a webinar gave new solutions and new need owners.',
    lessonsSv: 'Delutmaningar på 24 timmar ger fler förstagångsdeltagare. Behovsägare som är med under hela året tar fler lösningar vidare.',
    lessonsEn: '24-hour sub-competitions bring more first-time participants. Need owners who take part all year take more solutions forward.',
    nextYearSv: 'Fler regioner och kommuner som behovsägare, och uppföljning av lösningarna efter 3, 6, 12 och 24 månader.',
    nextYearEn: 'More regions and municipalities as need owners, and follow-up of the solutions after 3, 6, 12 and 24 months.',
  });
  await publishReport(ctx.db, organiserId, 2025);
  await saveReportTexts(ctx.db, organiserId, 2026, {
    summarySv: 'Utkast: 2026 i korthet.',
    summaryEn: '',
    lessonsSv: '',
    lessonsEn: '',
    nextYearSv: '',
    nextYearEn: '',
  });
}
