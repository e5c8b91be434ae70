import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import {
  awards,
  challengeAdoptions,
  challenges,
  datasets,
  eventPhases,
  eventRegistrations,
  events,
  follows,
  juries,
  juryRoundEntries,
  juryRounds,
  organisations,
  realisations,
  realisationUpdates,
  solutionInterests,
  submissionDatasets,
  submissions,
  submissionVersions,
  teamMembers,
  teams,
  users,
  type ProposalContent,
  type RealisationStage,
} from '../schema/index.ts';

type Step = {
  at: string;
  by: 'team' | string;
  stage?: RealisationStage;
  sv: string;
  en?: string;
  route?: (typeof realisationUpdates.$inferInsert)['route'];
  reference?: string;
  reason?: string;
  evidence?: [NonNullable<(typeof realisationUpdates.$inferInsert)['evidenceKind']>, string];
  /** The need owner that confirmed a team's claim, and when. */
  confirmedBy?: [string, string];
};

const content = (title: string, pitch: string): ProposalContent => ({
  title,
  pitch,
  problem: 'Invånare och verksamheter får inte den information de behöver när de behöver den.',
  solution: 'En enkel webbtjänst byggd på myndigheternas öppna data.',
  actionPlan: 'Prototyp med behovsägaren, pilot, utvärdering och sedan upphandling.',
  videoUrl: 'https://video.example.se/demo',
  technical: 'TypeScript, PostgreSQL, öppna API:er.',
  sourceUrl: 'https://git.example.se/demo',
  demoUrl: '',
  otherSources: '',
  licence: 'EUPL-1.2',
  contactEmail: 'team@hack365.test',
  datasetIds: [],
});

/**
 * What happened after the awards: Hack the Crisis Sweden 2020 with a solution that went from prototype through a pilot
 * and an innovation procurement to operation, one stopped with its reason, and Hack for Sweden 2025's solutions on
 * their way (one on a challenge another region adopted, one the demo participant's team owes check-ins for).
 */
export async function seedDemoRealisation(ctx: Ctx, ids: { participantId: string; editorId: string }) {
  const orgs = new Map((await ctx.db.select({ id: organisations.id, slug: organisations.slug }).from(organisations)).map((o) => [o.slug, o.id]));
  const org = (slug: string) => orgs.get(slug)!;
  const challengeBy = async (titleSv: string) =>
    (await ctx.db.select({ id: challenges.id }).from(challenges).where(eq(challenges.titleSv, titleSv)))[0]?.id ?? null;

  // Hack the Crisis Sweden 2020: 72 hours online in April 2020.
  const [crisis] = await ctx.db
    .insert(events)
    .values({
      slug: 'hack-the-crisis-sweden-2020',
      kind: 'hackathon',
      status: 'published',
      titleSv: 'Hack the Crisis Sweden 2020',
      titleEn: 'Hack the Crisis Sweden 2020',
      descriptionSv: 'Det digitala hackathonet under pandemins första vår: 72 timmar, omkring 7 400 deltagare och 521 lösningar.',
      online: true,
      galleryPublished: true,
      resultsPublished: true,
      resultsPublishedAt: new Date('2020-04-20T10:00:00Z'),
    })
    .returning();
  await ctx.db.insert(eventPhases).values([
    { eventId: crisis.id, kind: 'registration', startsAt: new Date('2020-03-25T08:00:00Z'), endsAt: new Date('2020-04-03T14:00:00Z') },
    { eventId: crisis.id, kind: 'hacking', startsAt: new Date('2020-04-03T15:00:00Z'), endsAt: new Date('2020-04-06T15:00:00Z') },
    { eventId: crisis.id, kind: 'submission', startsAt: new Date('2020-04-03T15:00:00Z'), endsAt: new Date('2020-04-06T15:00:00Z') },
    { eventId: crisis.id, kind: 'judging', startsAt: new Date('2020-04-06T15:00:00Z'), endsAt: new Date('2020-04-17T15:00:00Z') },
    { eventId: crisis.id, kind: 'results', startsAt: new Date('2020-04-20T10:00:00Z'), endsAt: new Date('2020-04-21T10:00:00Z') },
  ]);
  const people = await ctx.db
    .insert(users)
    .values(
      ['Maja Mikkelsen', 'Nils Nordin', 'Omar Said', 'Petra Pihl'].map((name, i) => ({
        name,
        email: `demo-crisis-${i + 1}@hack365.test`,
        emailVerifiedAt: new Date('2020-03-26T10:00:00Z'),
      })),
    )
    .returning({ id: users.id });
  await ctx.db.insert(eventRegistrations).values(
    people.map((p) => ({
      eventId: crisis.id,
      userId: p.id,
      status: 'registered' as const,
      rulesVersion: 1,
      acceptedRulesAt: new Date('2020-03-26T10:00:00Z'),
    })),
  );

  const solve = async (title: string, pitch: string, challengeId: string | null, members: string[]) => {
    const [team] = await ctx.db
      .insert(teams)
      .values({ eventId: crisis.id, challengeId, name: title, lookingForMembers: false, inviteToken: crypto.randomBytes(18).toString('base64url') })
      .returning();
    await ctx.db.insert(teamMembers).values(members.map((userId, i) => ({ teamId: team.id, eventId: crisis.id, userId, isLeader: i === 0 })));
    const c = content(title, pitch);
    const at = new Date('2020-04-06T12:00:00Z');
    const [s] = await ctx.db
      .insert(submissions)
      .values({
        eventId: crisis.id,
        teamId: team.id,
        challengeId,
        status: 'submitted',
        title,
        pitch,
        content: c,
        submittedVersion: 1,
        submittedAt: at,
        updatedAt: at,
      })
      .returning();
    await ctx.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content: c, savedAt: at });
    return s;
  };
  const akuten = await challengeBy('Kortare väntetider på akuten');
  const akutkollen = await solve(
    'Akutkollen',
    'Vi visar väntetiderna på länets akutmottagningar i realtid. Den som kan vänta väljer en annan mottagning.',
    akuten,
    [people[0].id, people[1].id],
  );
  const hemhjalp = await solve(
    'Grannhjälpen',
    'Vi kopplar ihop frivilliga med äldre som behöver hjälp med inköp under pandemin.',
    await challengeBy('Digital inkludering av äldre'),
    [people[2].id, people[3].id],
  );
  await ctx.db
    .insert(awards)
    .values({ eventId: crisis.id, submissionId: akutkollen.id, name: 'Bästa lösning för vården', amountSek: 100_000, sponsor: 'Region Stockholm' });
  // Judging closed before the results were published, with both solutions in the final.
  const [jury] = await ctx.db.insert(juries).values({ eventId: crisis.id, name: 'Hack the Crisis Sweden 2020: juryn' }).returning();
  const closedAt = new Date('2020-04-17T15:00:00Z');
  const [, final] = await ctx.db
    .insert(juryRounds)
    .values([
      { juryId: jury.id, kind: 'first', closedAt },
      { juryId: jury.id, kind: 'final', closedAt },
    ])
    .returning();
  await ctx.db.insert(juryRoundEntries).values([akutkollen, hemhjalp].map((s) => ({ roundId: final.id, submissionId: s.id })));

  await history(
    ctx,
    akutkollen.id,
    [
      {
        at: '2020-06-15',
        by: 'team',
        stage: 'prototype',
        sv: 'En fungerande prototyp hämtar väntetiderna från regionens öppna API.',
        en: 'A working prototype reads waiting times from the region’s open API.',
        evidence: ['repository', 'https://git.example.se/akutkollen'],
        confirmedBy: ['region-stockholm', '2020-06-22'],
      },
      {
        at: '2020-11-02',
        by: 'region-stockholm',
        stage: 'pilot',
        sv: 'Pilot på tre akutmottagningar under vintern.',
        route: 'in_house',
        evidence: ['decision', 'https://www.regionstockholm.example/beslut/2020-akutkollen'],
      },
      {
        at: '2021-05-17',
        by: 'region-stockholm',
        stage: 'procurement',
        sv: 'Regionen upphandlar en driftsatt tjänst genom innovationsupphandling.',
        en: 'The region procures a service in operation through an innovation procurement.',
        route: 'innovation_procurement',
        reference: 'RS 2021-0456',
      },
      {
        at: '2022-02-01',
        by: 'region-stockholm',
        stage: 'operation',
        sv: 'Tjänsten är i drift för hela länet.',
        en: 'The service runs for the whole county.',
        evidence: ['press_release', 'https://www.regionstockholm.example/press/akutkollen-i-drift'],
      },
    ],
    org,
  );
  await history(
    ctx,
    hemhjalp.id,
    [
      { at: '2020-05-10', by: 'team', stage: 'prototype', sv: 'Prototypen används av två frivilligorganisationer.' },
      {
        at: '2021-03-01',
        by: 'digg',
        stage: 'stopped',
        sv: 'Avslutad.',
        reason:
          'Behovet försvann när vaccinationerna kom i gång, och frivilligorganisationerna valde en gemensam nationell tjänst. Koden finns kvar öppen för den som vill återanvända den.',
      },
    ],
    org,
  );

  // Hack for Sweden 2025: the solutions get their challenges; the demo participant joins Vägkollen, which owes check-ins.
  const [hfs] = await ctx.db.select().from(events).where(eq(events.slug, 'hack-for-sweden-2025'));
  await ctx.db
    .update(events)
    .set({ resultsPublishedAt: new Date(Date.now() - 200 * 24 * 3600_000) })
    .where(eq(events.id, hfs.id));
  const byTitle = new Map(
    (
      await ctx.db.select({ id: submissions.id, title: submissions.title, teamId: submissions.teamId }).from(submissions).where(eq(submissions.eventId, hfs.id))
    ).map((s) => [s.title, s]),
  );
  const cykel = await challengeBy('Tryggare cykelvägar till skolan');
  const links: [string, string | null][] = [
    ['Skogskollen', await challengeBy('Upptäck granbarkborrens angrepp med satellitdata')],
    ['Trygg cykelparkering', cykel],
    ['Vägkollen', await challengeBy('Vinterväghållning med öppna väderdata')],
  ];
  for (const [title, challengeId] of links) {
    const s = byTitle.get(title)!;
    await ctx.db.update(submissions).set({ challengeId }).where(eq(submissions.id, s.id));
    await ctx.db.update(teams).set({ challengeId }).where(eq(teams.id, s.teamId));
  }
  const vagkollen = byTitle.get('Vägkollen')!;
  await ctx.db
    .insert(eventRegistrations)
    .values({ eventId: hfs.id, userId: ids.participantId, status: 'registered', rulesVersion: 1, acceptedRulesAt: new Date(hfs.createdAt) })
    .onConflictDoNothing();
  await ctx.db.insert(teamMembers).values({ teamId: vagkollen.teamId, eventId: hfs.id, userId: ids.participantId });
  await history(
    ctx,
    byTitle.get('Skogskollen')!.id,
    [{ at: daysAgo(120), by: 'team', stage: 'prototype', sv: 'Prototypen larmar skogsägare i två län.', confirmedBy: ['rymdstyrelsen', daysAgo(110)] }],
    org,
  );
  // Region Stockholm took up Södertälje's challenge; the team reports a pilot neither has confirmed yet.
  if (cykel)
    await ctx.db.insert(challengeAdoptions).values({
      challengeId: cykel,
      organisationId: org('region-stockholm'),
      message: 'Samma behov finns i flera av länets kommuner.',
      createdAt: new Date(daysAgo(60)),
    });
  // The cycle-parking team used Södertälje's bicycle parking data: the dataset learns where it was used.
  const [parking] = await ctx.db.select({ id: datasets.id }).from(datasets).where(eq(datasets.titleSv, 'Cykelparkeringar i Södertälje'));
  if (parking) {
    const parkingSolution = byTitle.get('Trygg cykelparkering')!.id;
    await ctx.db.insert(submissionDatasets).values({ submissionId: parkingSolution, datasetId: parking.id });
    await ctx.db
      .update(submissionVersions)
      .set({ content: sql`jsonb_set(${submissionVersions.content}, '{datasetIds}', ${JSON.stringify([parking.id])}::jsonb)` })
      .where(eq(submissionVersions.submissionId, parkingSolution));
  }
  await history(
    ctx,
    byTitle.get('Trygg cykelparkering')!.id,
    [{ at: daysAgo(30), by: 'team', stage: 'pilot', sv: 'Vi testar kartan med två skolor i Södertälje.', route: 'in_house' }],
    org,
  );
  // Trafikverket wants to take Vägkollen forward: the demo participant's team decides.
  await ctx.db.insert(solutionInterests).values({
    submissionId: vagkollen.id,
    organisationId: org('trafikverket'),
    message: 'Vi vill pröva Vägkollen i vår trafikinformation under vintern.',
    createdAt: new Date(daysAgo(5)),
  });

  await ctx.db
    .insert(follows)
    .values([
      { userId: ids.participantId, targetType: 'solution', targetId: akutkollen.id },
      { userId: ids.participantId, targetType: 'organisation', targetId: org('region-stockholm') },
      { userId: ids.editorId, targetType: 'solution', targetId: byTitle.get('Trygg cykelparkering')!.id },
      ...(cykel ? [{ userId: ids.editorId, targetType: 'challenge' as const, targetId: cykel }] : []),
    ]);
}

const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600_000).toISOString();

/** Writes a dated history and the record it leads to (the seed backdates, which the commands never do). */
async function history(ctx: Ctx, submissionId: string, steps: Step[], org: (slug: string) => string) {
  for (const s of steps) {
    await ctx.db.insert(realisationUpdates).values({
      submissionId,
      organisationId: s.by === 'team' ? null : org(s.by),
      stage: s.stage ?? null,
      textSv: s.sv,
      textEn: s.en ?? '',
      route: s.route ?? null,
      reference: s.reference ?? '',
      reason: s.reason ?? '',
      evidenceKind: s.evidence?.[0] ?? null,
      evidenceUrl: s.evidence?.[1] ?? '',
      confirmedOrganisationId: s.confirmedBy ? org(s.confirmedBy[0]) : null,
      confirmedAt: s.confirmedBy ? new Date(s.confirmedBy[1]) : null,
      createdAt: new Date(s.at),
    });
  }
  const last = [...steps].reverse().find((s) => s.stage)!;
  await ctx.db.insert(realisations).values({
    submissionId,
    stage: last.stage!,
    confirmed: last.by !== 'team' || Boolean(last.confirmedBy),
    stageSince: new Date(last.at),
    updatedAt: new Date(steps[steps.length - 1].at),
  });
}
