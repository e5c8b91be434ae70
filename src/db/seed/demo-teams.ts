import crypto from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import {
  eventRegistrations,
  events,
  eventTracks,
  mentorBookings,
  mentors,
  mentorSlots,
  submissions,
  submissionVersions,
  teamMembers,
  teams,
  teamSeekers,
  users,
  type ProposalContent,
} from '../schema/index.ts';

const hour = 3600_000;

const proposal = (title: string, pitch: string, contactEmail: string): ProposalContent => ({
  title,
  pitch,
  problem: 'Invånare och handläggare hittar inte den information de behöver när de behöver den.',
  solution: 'En enkel webbtjänst som kombinerar kommunens öppna data med kartor.',
  actionPlan: 'Pilot med en kommun under våren, utvärdering, sedan upphandling.',
  videoUrl: 'https://video.example.se/demo',
  technical: 'TypeScript, PostgreSQL med PostGIS, öppna API:er.',
  sourceUrl: 'https://git.example.se/demo',
  demoUrl: '',
  otherSources: '',
  licence: 'EUPL-1.2',
  contactEmail,
  datasetIds: [],
});

/**
 * Teams, proposals and mentoring in the demo events, so a newcomer sees each stage: a finished hackathon with a
 * published gallery, a running one where the demo participant leads a team with a draft and a booked mentor, and an
 * open one with people and a team on the board.
 */
export async function seedDemoTeams(ctx: Ctx, participantId: string, mentorId: string) {
  const bySlug = new Map(
    (
      await ctx.db
        .select()
        .from(events)
        .where(inArray(events.slug, ['hack-for-sweden-2025', 'hack-the-crisis-sweden', 'sodertalje-24h-mobilitet', 'skogsstyrelsen-24h-skogsskador']))
    ).map((e) => [e.slug, e]),
  );
  const people = await ctx.db
    .insert(users)
    .values(
      ['Ali Hassan', 'Britt Lund', 'Cecilia Ek', 'David Berg', 'Elin Sjö', 'Farah Noor', 'Gustav Åberg', 'Hanna Lind'].map((name, i) => ({
        name,
        email: `demo-person-${i + 1}@hack365.test`,
        emailVerifiedAt: new Date(),
      })),
    )
    .returning({ id: users.id, email: users.email });
  const place = (eventId: string, userId: string) => ({ eventId, userId, status: 'registered' as const, rulesVersion: 1, acceptedRulesAt: new Date() });

  // Finished: three teams, submitted, gallery public.
  const past = bySlug.get('hack-for-sweden-2025')!;
  await ctx.db.update(events).set({ galleryPublished: true }).where(eq(events.id, past.id));
  const [concept, digital] = await ctx.db
    .insert(eventTracks)
    .values([
      { eventId: past.id, position: 0, nameSv: 'Konceptlösning', nameEn: 'Concept solution' },
      { eventId: past.id, position: 1, nameSv: 'Digital lösning', nameEn: 'Digital solution' },
    ])
    .returning();
  await ctx.db.insert(eventRegistrations).values(people.slice(0, 6).map((p) => place(past.id, p.id)));
  const finished = [
    {
      name: 'Skogskollen',
      track: digital.id,
      members: [0, 1],
      title: 'Skogskollen',
      pitch: 'Vi varnar skogsägare för granbarkborre innan angreppen syns. Satellitdata och fällfångster räcker. Tidiga åtgärder sparar miljoner.',
    },
    {
      name: 'Cykelvänner',
      track: concept.id,
      members: [2, 3],
      title: 'Trygg cykelparkering',
      pitch: 'Vi visar var cykelparkeringen saknas. Kommunen bygger där behovet finns.',
    },
    {
      name: 'Öppna vägar',
      track: digital.id,
      members: [4, 5],
      title: 'Vägkollen',
      pitch: 'Vi samlar störningar i trafiken på ett ställe. Resenärer väljer rätt väg.',
    },
  ];
  for (const f of finished) {
    const [team] = await ctx.db
      .insert(teams)
      .values({ eventId: past.id, name: f.name, trackId: f.track, lookingForMembers: false, inviteToken: crypto.randomBytes(18).toString('base64url') })
      .returning();
    await ctx.db.insert(teamMembers).values(f.members.map((m, i) => ({ teamId: team.id, eventId: past.id, userId: people[m].id, isLeader: i === 0 })));
    const content = proposal(f.title, f.pitch, people[f.members[0]].email!);
    const at = new Date(Date.now() - 290 * 24 * hour);
    const [s] = await ctx.db
      .insert(submissions)
      .values({
        eventId: past.id,
        teamId: team.id,
        trackId: f.track,
        status: 'submitted',
        title: f.title,
        pitch: f.pitch,
        content,
        version: 1,
        submittedVersion: 1,
        submittedAt: at,
        updatedAt: at,
      })
      .returning();
    await ctx.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content, savedAt: at });
  }

  // Judging: two submitted proposals waiting for the jury (the gallery opens after the results).
  const judging = bySlug.get('skogsstyrelsen-24h-skogsskador')!;
  await ctx.db.insert(eventRegistrations).values(people.slice(2, 6).map((p) => place(judging.id, p.id)));
  for (const [i, f] of [
    { name: 'Barkbevakarna', title: 'Barkbevakning', pitch: 'Vi hittar granbarkborrens angrepp i satellitbilder. Skogsägaren får en karta varje vecka.' },
    { name: 'Stormkollen', title: 'Stormkollen', pitch: 'Vi visar var stormen fällde skog. Röjningen kommer i gång snabbare.' },
  ].entries()) {
    const [team] = await ctx.db
      .insert(teams)
      .values({ eventId: judging.id, name: f.name, lookingForMembers: false, inviteToken: crypto.randomBytes(18).toString('base64url') })
      .returning();
    await ctx.db
      .insert(teamMembers)
      .values([2 + i * 2, 3 + i * 2].map((m, j) => ({ teamId: team.id, eventId: judging.id, userId: people[m].id, isLeader: j === 0 })));
    const content = proposal(f.title, f.pitch, people[2 + i * 2].email!);
    // Inside the 24-hour sub-competition's submission window (hacking began four days ago).
    const at = new Date(Date.now() - 3.1 * 24 * hour);
    const [s] = await ctx.db
      .insert(submissions)
      .values({
        eventId: judging.id,
        teamId: team.id,
        status: 'submitted',
        title: f.title,
        pitch: f.pitch,
        content,
        version: 1,
        submittedVersion: 1,
        submittedAt: at,
        updatedAt: at,
      })
      .returning();
    await ctx.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content, savedAt: at });
  }

  // Running: the demo participant leads a team with a draft, and has booked a mentor.
  const running = bySlug.get('hack-the-crisis-sweden')!;
  await ctx.db.insert(eventRegistrations).values([place(running.id, participantId), place(running.id, people[6].id)]);
  const [krisklara] = await ctx.db
    .insert(teams)
    .values({
      eventId: running.id,
      name: 'Krisklara',
      pitch: 'Information till invånare i kris.',
      rolesWanted: ['designer'],
      inviteToken: crypto.randomBytes(18).toString('base64url'),
    })
    .returning();
  await ctx.db.insert(teamMembers).values([
    { teamId: krisklara.id, eventId: running.id, userId: participantId, isLeader: true },
    { teamId: krisklara.id, eventId: running.id, userId: people[6].id },
  ]);
  const draft = {
    ...proposal('Krisklar', 'Vi samlar krisinformation från myndigheter på ett ställe.', 'participant@hack365.test'),
    videoUrl: '',
    sourceUrl: '',
  };
  const [s] = await ctx.db.insert(submissions).values({ eventId: running.id, teamId: krisklara.id, content: draft }).returning();
  await ctx.db.insert(submissionVersions).values({ submissionId: s.id, version: 1, content: draft, savedBy: participantId });
  const [mentor] = await ctx.db
    .insert(mentors)
    .values({ eventId: running.id, userId: mentorId, expertise: 'Kommunens öppna data och GIS', organisation: 'Södertälje kommun', languages: ['sv', 'en'] })
    .returning();
  const slots = await ctx.db
    .insert(mentorSlots)
    .values([3, 5, 7].map((h) => ({ mentorId: mentor.id, startsAt: new Date(Date.now() + h * hour), endsAt: new Date(Date.now() + (h + 0.5) * hour) })))
    .returning();
  await ctx.db
    .insert(mentorBookings)
    .values({ slotId: slots[0].id, teamId: krisklara.id, bookedBy: participantId, question: 'Vilka datamängder finns om kriskommunikation?' });

  // Open for registration: one team and two people looking.
  const open = bySlug.get('sodertalje-24h-mobilitet')!;
  await ctx.db.insert(eventRegistrations).values([people[7], people[0], people[1]].map((p) => place(open.id, p.id)));
  const [cyklar] = await ctx.db
    .insert(teams)
    .values({
      eventId: open.id,
      name: 'Cykeltrion',
      pitch: 'Vi vill göra cykelparkering lätt att hitta.',
      rolesWanted: ['designer', 'data'],
      inviteToken: crypto.randomBytes(18).toString('base64url'),
    })
    .returning();
  await ctx.db.insert(teamMembers).values({ teamId: cyklar.id, eventId: open.id, userId: people[7].id, isLeader: true });
  await ctx.db.insert(teamSeekers).values([
    {
      eventId: open.id,
      userId: people[0].id,
      roles: ['designer'],
      skills: ['Figma', 'tjänstedesign'],
      languages: ['sv', 'ar'],
      note: 'Första gången på ett hackathon!',
    },
    { eventId: open.id, userId: people[1].id, roles: ['data'], skills: ['Python', 'GIS'], languages: ['sv', 'en'] },
  ]);
}
