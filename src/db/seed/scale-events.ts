import {
  eventChallenges,
  eventPhases,
  eventRegistrations,
  events,
  eventTracks,
  juries,
  juryAssignments,
  juryCriteria,
  juryRounds,
  jurors,
  juryScores,
  realisations,
  realisationUpdates,
  submissions,
  submissionVersions,
  teamMembers,
  teams,
  teamSeekers,
  type ProposalContent,
  type RealisationStage,
} from '../schema/index.ts';
import { teamRoles, workingLanguages } from '../../modules/teams/schema.ts';
import { criteriaTemplates } from '../../modules/judging/templates.ts';
import { words } from './scale-words.ts';
import type { BulkWriter } from './bulk.ts';

type Rng = { next: () => number; int: (n: number) => number; pick: <T>(list: readonly T[]) => T; uuid: () => string };
/** Jurors per event and per submission: each juror scores about a hundred proposals, as Hack the Crisis's did. */
const JURORS = 15;
const JURORS_PER_SUBMISSION = 3;

/**
 * One Hack the Crisis per scale unit: its 7,400 people registered, 521 teams of 1–6 with submitted proposals in a
 * published gallery, 300 people still on the team board, a jury of 15 that scored every proposal three times (the
 * first round, closed), and the event's challenges and two tracks. The event is finished, so the gallery is public;
 * the registration and deadline surges in the bench make their own events.
 */
export async function seedScaleEvents(
  bulk: BulkWriter,
  r: Rng,
  prefix: string,
  scale: number,
  userIds: string[],
  challengeIds: string[],
  ownerOf: Map<string, string>,
) {
  const day = 24 * 3600 * 1000;
  const now = Date.UTC(2026, 10, 1);
  let teamCount = 0;
  const submissionIds: string[] = [];
  for (let unit = 0; unit < scale; unit++) {
    const eventId = r.uuid();
    const hacking = now - (30 + unit * 60) * day;
    await bulk.write(events, [
      {
        id: eventId,
        slug: `${prefix}-hack-the-crisis-${unit + 1}`,
        kind: 'hackathon',
        status: 'published',
        titleSv: `Hack the Crisis ${unit + 1} (${prefix})`,
        descriptionSv: 'Ett helt digitalt hackathon under 72 timmar.',
        online: true,
        galleryPublished: true,
        resultsPublished: true,
        resultsPublishedAt: new Date(hacking + 11 * day),
      },
    ]);
    await bulk.write(eventPhases, [
      { eventId, kind: 'registration', startsAt: new Date(hacking - 20 * day), endsAt: new Date(hacking) },
      { eventId, kind: 'hacking', startsAt: new Date(hacking), endsAt: new Date(hacking + 3 * day) },
      { eventId, kind: 'submission', startsAt: new Date(hacking + 2 * day), endsAt: new Date(hacking + 3 * day) },
      { eventId, kind: 'judging', startsAt: new Date(hacking + 3 * day), endsAt: new Date(hacking + 10 * day) },
    ]);
    const tracks = [
      { id: r.uuid(), eventId, position: 0, nameSv: 'Konceptlösning', nameEn: 'Concept solution' },
      { id: r.uuid(), eventId, position: 1, nameSv: 'Digital lösning', nameEn: 'Digital solution' },
    ];
    await bulk.write(eventTracks, tracks);
    const covered = [...new Set(Array.from({ length: 12 }, () => r.pick(challengeIds)))];
    await bulk.write(
      eventChallenges,
      covered.map((challengeId) => ({ eventId, challengeId })),
    );

    const people = userIds.slice(unit * 7400, (unit + 1) * 7400);
    await bulk.write(
      eventRegistrations,
      people.map((userId) => ({
        eventId,
        userId,
        status: 'registered' as const,
        rulesVersion: 1,
        acceptedRulesAt: new Date(hacking - 10 * day),
        queuedAt: new Date(hacking - 10 * day),
      })),
    );

    const teamRows: (typeof teams.$inferInsert)[] = [];
    const memberRows: (typeof teamMembers.$inferInsert)[] = [];
    const submissionRows: (typeof submissions.$inferInsert)[] = [];
    const versionRows: (typeof submissionVersions.$inferInsert)[] = [];
    const recordRows: (typeof realisations.$inferInsert)[] = [];
    const updateRows: (typeof realisationUpdates.$inferInsert)[] = [];
    let next = 0;
    for (let i = 0; i < 521; i++) {
      const teamId = r.uuid();
      const challengeId = r.pick(covered);
      const track = r.pick(tracks);
      const topic = r.pick(words.topics);
      teamRows.push({
        id: teamId,
        eventId,
        challengeId,
        trackId: track.id,
        name: `Lag ${i + 1}: ${topic}`,
        lookingForMembers: r.next() < 0.3,
        rolesWanted: [r.pick(teamRoles)],
        inviteToken: `${prefix}-${unit}-${i}`,
      });
      const size = 1 + r.int(6);
      for (let m = 0; m < size && next < people.length; m++) memberRows.push({ teamId, eventId, userId: people[next++], isLeader: m === 0 });
      const content: ProposalContent = {
        title: `${r.pick(words.titleStarts)} ${topic}`,
        pitch: `Vi gör ${topic} enklare för alla i ${r.pick(words.places)}. Med öppna data blir det möjligt.`,
        problem: `Problemet med ${topic} drabbar många.`,
        solution: `En tjänst som använder ${r.pick(words.skills)}.`,
        actionPlan: 'Pilot i en kommun, sedan upphandling.',
        videoUrl: `https://video.example.se/${prefix}-${unit}-${i}`,
        technical: r.pick(words.skills),
        sourceUrl: '',
        demoUrl: '',
        otherSources: '',
        licence: 'EUPL-1.2',
        contactEmail: `lag-${i}@scale.hack365.test`,
        datasetIds: [],
      };
      const submissionId = r.uuid();
      const at = new Date(hacking + 2.5 * day + r.int(12 * 3600) * 1000);
      submissionRows.push({
        id: submissionId,
        eventId,
        teamId,
        challengeId,
        trackId: track.id,
        status: 'submitted',
        title: content.title,
        pitch: content.pitch,
        content,
        version: 1,
        submittedVersion: 1,
        submittedAt: at,
        updatedAt: at,
      });
      versionRows.push({ submissionId, version: 1, content, savedAt: at });
      submissionIds.push(submissionId);
      const road = realisationRoad(r.next());
      road.forEach((stage, step) => {
        // The team reports each step; the need owner confirms all but a fresh last one.
        const last = step === road.length - 1;
        const confirmed = !last || r.next() < 0.7;
        const when = new Date(hacking + (40 + step * 120 + r.int(60)) * day);
        updateRows.push({
          submissionId,
          stage,
          textSv: `Lösningen är nu i skedet ${stage}.`,
          route: stage === 'pilot' || stage === 'procurement' ? r.pick(['in_house', 'innovation_procurement', 'direct_award'] as const) : null,
          reason: stage === 'stopped' ? 'Behovsägaren valde en annan lösning.' : '',
          confirmedOrganisationId: confirmed ? ownerOf.get(challengeId)! : null,
          confirmedAt: confirmed ? when : null,
          createdAt: when,
        });
        if (last) recordRows.push({ submissionId, stage, confirmed, stageSince: when, updatedAt: when });
      });
    }
    teamCount += teamRows.length;
    await bulk.write(teams, teamRows);
    await bulk.write(teamMembers, memberRows);
    await bulk.write(submissions, submissionRows);
    await bulk.write(submissionVersions, versionRows);
    await bulk.write(realisations, recordRows);
    await bulk.write(realisationUpdates, updateRows);
    const seekers = people.slice(next, next + 300).map((userId) => ({
      eventId,
      userId,
      roles: [r.pick(teamRoles)],
      skills: [r.pick(words.skills)],
      languages: [r.pick(workingLanguages), 'sv'].filter((v, i, all) => all.indexOf(v) === i),
      challengeId: r.pick(covered),
    }));
    await bulk.write(teamSeekers, seekers);
    // The jury: people of the event in no team and not on the board.
    await seedScaleJury(bulk, r, eventId, people.slice(next + 300, next + 300 + JURORS), submissionRows, new Date(hacking + 10 * day));
  }
  return { events: scale, teams: teamCount, submissionIds };
}

/** One jury for the whole event with the challenge template's criteria; its first round closed, every proposal scored. */
async function seedScaleJury(
  bulk: BulkWriter,
  r: Rng,
  eventId: string,
  people: string[],
  submitted: { id?: string; submittedAt?: Date | null }[],
  closedAt: Date,
) {
  const juryId = r.uuid();
  const roundId = r.uuid();
  const criteria = criteriaTemplates.challenge.map((c, position) => ({ id: r.uuid(), juryId, position, ...c, weight: 1 }));
  const panel = people.map((userId, i) => ({
    id: r.uuid(),
    juryId,
    email: `juror-${juryId.slice(0, 8)}-${i}@scale.hack365.test`,
    userId,
    inviteToken: `${juryId}-${i}`,
    acceptedAt: closedAt,
  }));
  const assignments: (typeof juryAssignments.$inferInsert)[] = [];
  const scores: (typeof juryScores.$inferInsert)[] = [];
  submitted.forEach((s, i) => {
    for (let k = 0; k < JURORS_PER_SUBMISSION; k++) {
      const id = r.uuid();
      const juror = panel[(i * JURORS_PER_SUBMISSION + k) % panel.length];
      assignments.push({ id, roundId, jurorId: juror.id, submissionId: s.id!, feedback: 'Tydligt problem, bra plan.', submittedAt: closedAt });
      for (const c of criteria) scores.push({ assignmentId: id, criterionId: c.id, score: 1 + r.int(5) });
    }
  });
  await bulk.write(juries, [{ id: juryId, eventId, name: 'Juryn', jurorsPerSubmission: JURORS_PER_SUBMISSION }]);
  await bulk.write(juryCriteria, criteria);
  await bulk.write(juryRounds, [{ id: roundId, juryId, kind: 'first', closedAt }]);
  await bulk.write(jurors, panel);
  await bulk.write(juryAssignments, assignments);
  await bulk.write(juryScores, scores);
}

/**
 * How far a solution gets, for a draw in [0, 1): most never leave the idea, a few per hundred reach operation (the
 * stages passed on the way, in order).
 */
export function realisationRoad(draw: number): RealisationStage[] {
  const road: RealisationStage[] = ['prototype', 'pilot', 'procurement', 'operation'];
  if (draw < 0.8) return [];
  if (draw < 0.9) return road.slice(0, 1);
  if (draw < 0.94) return road.slice(0, 2);
  if (draw < 0.96) return road.slice(0, 3);
  if (draw < 0.99) return road;
  return ['prototype', 'stopped'];
}
