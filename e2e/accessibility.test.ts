import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newPage, nuHtmlErrors, startApp } from './support/browser.ts';
import { follows, notices } from '../src/db/schema/index.ts';
import { unsubscribeToken } from '../src/modules/notifications/unsubscribe.ts';
import { aChallenge, aMember, aNeedOwner, anOrganisation, aUser } from '../src/test/factories.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { and, eq, isNull, ne } from 'drizzle-orm';
import {
  diversityAnswers,
  awards,
  checkInLinks,
  checkIns,
  dataRequests,
  datasetReports,
  datasets,
  events,
  juryAssignments,
  jurors,
  mentorBookings,
  needOwnerApplications,
  submissionDatasets,
  submissions,
  teamMembers,
  teams,
} from '../src/db/schema/index.ts';
import { postUpdate } from '../src/modules/realisation/commands/post-update.ts';
import { confirmUpdate } from '../src/modules/realisation/commands/confirm-update.ts';
import { seedDemoTeams } from '../src/db/seed/demo-teams.ts';
import { assignRound, createJury } from '../src/modules/judging/commands/jury.ts';
import { findJury } from '../src/modules/judging/queries.ts';
import { seedDemoEvents } from '../src/db/seed/demo-events.ts';
import { registerDataset, saveDistribution } from '../src/modules/datasets/commands/register-dataset.ts';
import { registerSource } from '../src/modules/datasets/commands/register-source.ts';
import { harvestNow } from '../src/modules/datasets/harvest/run.ts';
import { SignInPage } from './support/pages.ts';
import { createSession, hashToken, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { enqueueMail } from '../src/modules/notifications/outbox.ts';
import { adoptChallenge } from '../src/modules/realisation/commands/adopt-challenge.ts';
import { expressInterest } from '../src/modules/realisation/commands/interest.ts';
import { findSolution } from '../src/modules/realisation/queries.ts';
import { refreshStatistics } from '../src/modules/statistics/refresh.ts';
import { publishReport, saveReportTexts } from '../src/modules/statistics/report.ts';
import sharp from 'sharp';
import { demoCard } from '../src/db/seed/demo-images.ts';
import { reencodeImage } from '../src/modules/proposals/image.ts';
import { setSolutionImage } from '../src/modules/proposals/commands/set-solution-image.ts';

const { app, baseUrl } = await startApp();
const org = await aNeedOwner(app, { name: 'Södertälje kommun' });
const editor = await aMember(app, org.id, 'owner');
const organiser = await aUser(app, { organiser: true });
const challenge = await aChallenge(app, org, editor.id, {
  titleSv: 'Granbarkborrens angrepp',
  titleEn: 'Bark beetle attacks',
  summarySv: 'Granbarkborren skadar skog.',
  requirements: ['open_source'],
  prizeSv: '10 000 kronor',
});
for (let i = 0; i < 21; i++) await aChallenge(app, org, editor.id, { titleSv: `Utmaning nummer ${i}` });
const applicant = await anOrganisation(app, { name: 'Kartbolaget AB', type: 'company' });
await app.db.insert(needOwnerApplications).values({ organisationId: applicant.id, motivation: 'Vi vill förbättra kartor för alla.' });
// A harvested catalog (the DCAT-AP-SE example with recommended fields), with its report and violations.
const source = await registerSource(app, null, {
  title: 'Exempelkatalog',
  url: pathToFileURL(path.resolve(import.meta.dirname, '../src/test/fixtures/dcat-ap-se/rekommenderat.rdf')).href,
  kind: 'dcat',
  schedule: 'manual',
  organisationId: null,
});
await harvestNow(app, source, { allowFiles: true });
const [harvested] = await app.db.select({ id: datasets.id }).from(datasets).limit(1);
// A dataset the municipality registered itself, with a distribution and a problem report.
const registered = await registerDataset(app, editor.id, org, {
  titleSv: 'Badplatser',
  titleEn: 'Bathing places',
  descriptionSv: 'Badplatser med vattenprov.',
  descriptionEn: '',
  themes: ['ENVI'],
  keywords: 'bad',
  contactName: 'Miljö',
  contactEmail: 'miljo@example.org',
  landingPage: '',
  accessRights: 'PUBLIC',
  issued: '',
  modified: '',
});
await saveDistribution(app, editor.id, registered.id, null, {
  titleSv: 'CSV',
  titleEn: '',
  descriptionSv: '',
  descriptionEn: '',
  accessUrl: 'https://example.org/bad.csv',
  downloadUrl: '',
  format: 'CSV',
  licence: 'http://creativecommons.org/publicdomain/zero/1.0/',
});
await seedDemoEvents(app, org.id);
// Teams, proposals, a gallery and a booked mentor (the editor mentors the participant's team).
const participant = await aUser(app);
await seedDemoTeams(app, participant.id, editor.id);
const [krisklara] = await app.db.select().from(teams).where(eq(teams.name, 'Krisklara'));
const [openTeam] = await app.db.select().from(teams).where(eq(teams.name, 'Cykeltrion'));
const [solution] = await app.db
  .select({ id: submissions.id, teamId: submissions.teamId, eventSlug: events.slug })
  .from(submissions)
  .innerJoin(events, eq(events.id, submissions.eventId))
  .where(eq(events.galleryPublished, true))
  .limit(1);
const team = `/events/hack-the-crisis-sweden/teams/${krisklara.id}`;
// A realisation timeline on that solution: the team's claims (one confirmed, one not), the need owner's pilot, news in English only.
await app.db.update(submissions).set({ challengeId: challenge.id }).where(eq(submissions.id, solution.id));
const realised = { id: solution.id, title: 'Lösningen', challengeId: challenge.id };
const news = { stage: null, textSv: '', textEn: '', links: [], evidenceKind: null, evidenceUrl: '', route: null, reference: '', reason: '' };
const [teamMember] = await app.db
  .select({ userId: teamMembers.userId })
  .from(teamMembers)
  .innerJoin(submissions, eq(submissions.teamId, teamMembers.teamId))
  .where(eq(submissions.id, solution.id));
const claim = await postUpdate(
  app,
  { actorId: teamMember.userId, organisationId: null, solution: realised },
  { ...news, stage: 'prototype', textSv: 'Vi har en prototyp.', links: ['https://git.example.se/demo'] },
);
await confirmUpdate(app, { actorId: editor.id, organisationId: org.id, solution: realised }, claim.id);
await postUpdate(
  app,
  { actorId: editor.id, organisationId: org.id, solution: realised },
  {
    ...news,
    stage: 'pilot',
    textSv: 'Pilot i kommunen.',
    route: 'innovation_procurement',
    reference: 'SÖ-2026-114',
    evidenceKind: 'decision',
    evidenceUrl: 'https://example.se/beslut',
  },
);
await postUpdate(app, { actorId: teamMember.userId, organisationId: null, solution: realised }, { ...news, textEn: 'News in English only.' });
await postUpdate(
  app,
  { actorId: teamMember.userId, organisationId: null, solution: realised },
  { ...news, stage: 'procurement', textSv: 'Upphandlingen är annonserad.', route: 'direct_award' },
);
// A check-in sent about that solution after its timeline (an update answers the check-in that waits): a live link for one of its team, a used one, and the next check-in planned.
const [asked] = await app.db.select({ id: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, solution.teamId)).limit(1);
const later = new Date(Date.now() + 30 * 24 * 3600_000);
const [checkIn] = await app.db
  .insert(checkIns)
  .values({ submissionId: solution.id, months: 3, dueAt: new Date(), status: 'sent', sentAt: new Date() })
  .returning();
await app.db.insert(checkIns).values({ submissionId: solution.id, months: 6, dueAt: later });
await app.db.insert(checkInLinks).values([
  { tokenHash: hashToken('axe-check-in-link-open'), checkInId: checkIn.id, userId: asked.id, expiresAt: later },
  { tokenHash: hashToken('axe-check-in-link-used'), checkInId: checkIn.id, userId: editor.id, expiresAt: later, usedAt: new Date() },
]);
// A jury on the finished hackathon, with the participant as an accepted juror and the first round assigned.
const [pastEvent] = await app.db.select().from(events).where(eq(events.slug, 'hack-for-sweden-2025'));
const juryId = await createJury(app, organiser.id, pastEvent.id, {
  name: 'Juryn',
  challengeId: null,
  trackId: null,
  template: 'challenge',
  scaleMax: 5,
  jurorsPerSubmission: 1,
});
const [{ id: seatId }] = await app.db
  .insert(jurors)
  .values({ juryId, email: 'jury@example.org', userId: participant.id, inviteToken: 'axe-jury', acceptedAt: new Date() })
  .returning({ id: jurors.id });
const jury = (await findJury(app.db, pastEvent.id, juryId))!;
await assignRound(app, organiser.id, jury.jury, jury.rounds[0]);
const [assignment] = await app.db.select().from(juryAssignments).limit(1);
// For the confirmation pages and the organiser's exceptions: a booked session, an award, a team past its deadline.
const [booking] = await app.db.select().from(mentorBookings).limit(1);
const [award] = await app.db.insert(awards).values({ eventId: pastEvent.id, submissionId: solution.id, name: 'Publikens pris' }).returning();
const [lateTeam] = await app.db.select().from(teams).where(eq(teams.name, 'Barkbevakarna'));
// The scored proposal used a harvested and a registered dataset: the scoring page lists both.
await app.db.insert(submissionDatasets).values([harvested.id, registered.id].map((datasetId) => ({ submissionId: assignment.submissionId, datasetId })));
const [report] = await app.db
  .insert(datasetReports)
  .values({ datasetId: registered.id, kind: 'outdated', message: 'Vattenproven är från förra året.' })
  .returning();
// A data request for the challenge, marked published before its dataset was removed: answering it again shows errors.
const [dataRequest] = await app.db
  .insert(dataRequests)
  .values({
    organisationId: org.id,
    askerId: organiser.id,
    challengeId: challenge.id,
    title: 'Hållplatser som GeoJSON',
    description: 'Vi behöver hållplatserna med koordinater.',
    format: 'GeoJSON',
    status: 'published',
    answer: 'Publicerat.',
  })
  .returning();
await enqueueMail(app.db, { to: 'someone@example.org', subject: 'Välkommen', text: 'Hej!\nLänk: http://127.0.0.1/x' });
// The participant follows a challenge and has notices, one read and one new, for My page and the notice list.
await app.db.insert(follows).values({ userId: participant.id, targetType: 'challenge', targetId: challenge.id });
await app.db.insert(notices).values([
  {
    userId: participant.id,
    kind: 'realisation.update',
    path: `/solutions/${solution.id}`,
    params: { solution: 'Skogskollen', stage: 'idea' },
    readAt: new Date(),
  },
  { userId: participant.id, kind: 'realisation.stage', path: `/solutions/${solution.id}`, params: { solution: 'Skogskollen', stage: 'pilot' } },
]);
// Matching: another approved organisation adopted the challenge and wants to take a solution forward.
const region = await aNeedOwner(app, { name: 'Region Stockholm' });
const regionEditor = await aMember(app, region.id, 'owner');
const regionChallenge = await aChallenge(app, region, regionEditor.id, { titleSv: 'Laddstolpar' });
await adoptChallenge(app, { actorId: regionEditor.id, challenge, organisation: region }, 'Vi har samma problem.');
await expressInterest(
  app,
  { actorId: regionEditor.id, actorName: 'Rut Region', solution: (await findSolution(app.db, solution.id))!, organisation: region },
  'Vi vill pilota lösningen i regionen.',
);
// A solution none of the editor's organisations owns yet, for the form that asks to take it forward.
const [unowned] = await app.db
  .select({ id: submissions.id })
  .from(submissions)
  .innerJoin(events, eq(events.id, submissions.eventId))
  .where(and(eq(events.galleryPublished, true), ne(submissions.id, solution.id), isNull(submissions.challengeId)))
  .limit(1);
const [solver] = await app.db
  .select({ id: teamMembers.userId })
  .from(teamMembers)
  .innerJoin(submissions, eq(submissions.teamId, teamMembers.teamId))
  .where(eq(submissions.id, solution.id))
  .limit(1);

// The solution has an image (on its page and its gallery card); `unowned` has none, for the empty image form.
{
  const card = demoCard('Skogskollen');
  const encoded = await reencodeImage(await sharp(Buffer.from(card.svg)).png().toBuffer(), { effort: 0 });
  if ('refused' in encoded) throw new Error(encoded.refused);
  await setSolutionImage(app.db, solver.id, solution.id, card.alt, encoded);
}

/** Every page type, reached as the person who would see it; `submit` re-renders the page with its errors. */
const [solutionEvent] = await app.db.select({ id: events.id }).from(events).where(eq(events.slug, solution.eventSlug));
// Diversity answers (small groups among them, so suppressed cells show) and a published annual report.
await app.db
  .insert(diversityAnswers)
  .values([
    ...Array.from({ length: 6 }, () => ({ eventId: solutionEvent.id, gender: 'woman' as const, firstHackathon: true })),
    ...Array.from({ length: 7 }, () => ({ eventId: solutionEvent.id, gender: 'man' as const, firstHackathon: false })),
    { eventId: solutionEvent.id, gender: 'non_binary' as const },
  ]);
const reportYear = (await refreshStatistics(app.db)).find((f) => f.year !== null)!.year!;
await saveReportTexts(app.db, organiser.id, reportYear, {
  summarySv: 'Ett år med öppna data.',
  summaryEn: 'A year of open data.',
  lessonsSv: 'Fler kommuner.',
  lessonsEn: '',
  nextYearSv: '',
  nextYearEn: 'More regions.',
});
await publishReport(app.db, organiser.id, reportYear);

const pageTypes: { name: string; path: string; as?: 'editor' | 'organiser' | 'participant' | 'solver'; submit?: boolean }[] = [
  { name: 'start page', path: '/' },
  { name: 'start page with next steps', path: '/', as: 'participant' },
  { name: 'API tokens', path: '/me/tokens', as: 'editor' },
  { name: 'API tokens with errors', path: '/me/tokens', as: 'editor', submit: true },
  { name: 'privacy notice', path: '/privacy' },
  { name: 'accessibility statement', path: '/accessibility' },
  { name: 'accessibility feedback with errors', path: '/accessibility', submit: true },
  { name: 'design system (every component)', path: '/design' },
  { name: 'sign-in', path: '/signin' },
  { name: 'sign-in with errors', path: '/signin', submit: true },
  { name: 'sign-up', path: '/signup' },
  { name: 'sign-up with errors', path: '/signup', submit: true },
  { name: 'check your e-mail', path: '/signup/check-email' },
  { name: 'forgotten password', path: '/forgot-password' },
  { name: 'forgotten password with errors', path: '/forgot-password', submit: true },
  { name: 'dead reset link', path: '/reset-password?token=nope' },
  { name: 'not found', path: '/no-such-page' },
  { name: 'organisation', path: `/organisations/${org.slug}` },
  { name: 'need owners', path: '/organisations' },
  { name: 'challenge list', path: '/challenges' },
  { name: 'datasets', path: '/datasets?q=bibliotek' },
  { name: 'dataset', path: `/datasets/${harvested.id}` },
  { name: 'dataset as its publisher', path: `/datasets/${registered.id}`, as: 'editor' },
  { name: 'dataset with problem report errors', path: `/datasets/${registered.id}`, as: 'editor', submit: true },
  { name: 'register a dataset', path: '/datasets/new', as: 'editor' },
  { name: 'register a dataset with errors', path: '/datasets/new', as: 'editor', submit: true },
  { name: 'dataset editing', path: `/datasets/${registered.id}/edit`, as: 'editor' },
  { name: 'new distribution', path: `/datasets/${registered.id}/distributions/new`, as: 'editor' },
  { name: 'new distribution with errors', path: `/datasets/${registered.id}/distributions/new`, as: 'editor', submit: true },
  { name: 'report inbox', path: '/dataset-reports', as: 'editor' },
  { name: 'problem report', path: `/dataset-reports/${report.id}`, as: 'editor' },
  { name: 'problem report with errors', path: `/dataset-reports/${report.id}`, as: 'editor', submit: true },
  { name: 'ask for data', path: `/organisations/${org.slug}/data-requests/new?challenge=${challenge.id}`, as: 'participant' },
  { name: 'ask for data with errors', path: `/organisations/${org.slug}/data-requests/new`, as: 'participant', submit: true },
  { name: 'how a publisher’s data is used', path: `/organisations/${org.slug}/data-use` },
  { name: 'data request', path: `/data-requests/${dataRequest.id}` },
  { name: 'data request inbox', path: '/data-requests?state=all', as: 'editor' },
  { name: 'data request with its answer form', path: `/data-requests/${dataRequest.id}`, as: 'editor' },
  { name: 'data request answer with errors', path: `/data-requests/${dataRequest.id}`, as: 'editor', submit: true },
  { name: 'events', path: '/events' },
  { name: 'event', path: '/events/sodertalje-24h-mobilitet' },
  { name: 'event with its registration form', path: '/events/sodertalje-24h-mobilitet', as: 'editor' },
  { name: 'event registration with errors', path: '/events/sodertalje-24h-mobilitet', as: 'editor', submit: true },
  { name: 'harvest sources', path: '/harvest-sources', as: 'organiser' },
  { name: 'harvest sources with errors', path: '/harvest-sources', as: 'organiser', submit: true },
  { name: 'harvest report with violations', path: `/harvest-sources/${source.id}`, as: 'organiser' },
  { name: 'challenge search with highlights and pages', path: '/challenges?q=utmaning' },
  { name: 'challenge', path: `/challenges/${challenge.slug}` },
  { name: 'challenge as its editor', path: `/challenges/${challenge.slug}`, as: 'editor' },
  { name: 'challenge as its editor, with catalog search results to link', path: `/challenges/${challenge.slug}?datasetQuery=badplatser`, as: 'editor' },
  { name: 'new challenge', path: '/challenges/new', as: 'editor' },
  { name: 'new challenge with errors', path: '/challenges/new', as: 'editor', submit: true },
  { name: 'challenge editing', path: `/challenges/${challenge.slug}/edit`, as: 'editor' },
  { name: 'challenge history', path: `/challenges/${challenge.slug}/history`, as: 'editor' },
  { name: 'apply to become a need owner', path: '/organisations/apply', as: 'editor' },
  { name: 'apply with errors', path: '/organisations/apply', as: 'editor', submit: true },
  { name: 'members', path: `/organisations/${org.slug}/members`, as: 'editor' },
  { name: 'members with errors', path: `/organisations/${org.slug}/members`, as: 'editor', submit: true },
  { name: 'dead invitation', path: '/invitations/nope', as: 'editor' },
  { name: 'applications', path: '/admin/applications', as: 'organiser' },
  { name: 'applications with errors', path: '/admin/applications', as: 'organiser', submit: true },
  { name: 'organisation with history', path: `/organisations/${org.slug}`, as: 'editor' },
  { name: 'organisation editing', path: `/organisations/${org.slug}/edit`, as: 'editor' },
  { name: 'my account', path: '/account', as: 'editor' },
  { name: 'my page', path: '/me', as: 'participant' },
  { name: 'notices', path: '/notices', as: 'participant' },
  { name: 'unsubscribe from notice mail', path: `/unsubscribe/${unsubscribeToken(app.config.sessionSecret, participant.id)}` },
  { name: 'delete my account', path: '/account/delete', as: 'editor' },
  { name: 'delete my account with errors', path: '/account/delete', as: 'editor', submit: true },
  { name: 'forbidden', path: '/admin', as: 'editor' },
  { name: 'administration', path: '/admin', as: 'organiser' },
  { name: 'feedback list', path: '/admin/feedback', as: 'organiser' },
  { name: 'team board', path: '/events/hack-the-crisis-sweden/teams', as: 'participant' },
  { name: 'team board, people', path: '/events/sodertalje-24h-mobilitet/teams?tab=people', as: 'editor' },
  { name: 'team page as its leader', path: team, as: 'participant' },
  { name: 'team page as an outsider', path: team, as: 'editor' },
  { name: 'new team', path: '/events/hack-the-crisis-sweden/teams/new', as: 'editor' },
  { name: 'new team with errors', path: '/events/hack-the-crisis-sweden/teams/new', as: 'editor', submit: true },
  { name: 'looking for a team', path: '/events/sodertalje-24h-mobilitet/teams/looking', as: 'editor' },
  { name: 'looking for a team with errors', path: '/events/sodertalje-24h-mobilitet/teams/looking', as: 'editor', submit: true },
  { name: 'invite link', path: `/events/sodertalje-24h-mobilitet/teams/join/${openTeam.inviteToken}`, as: 'editor' },
  { name: 'proposal', path: `${team}/proposal`, as: 'participant' },
  { name: 'proposal with errors', path: `${team}/proposal`, as: 'participant', submit: true },
  { name: 'proposal version', path: `${team}/proposal/versions/1`, as: 'participant' },
  { name: 'proposal as the booked mentor', path: `${team}/proposal`, as: 'editor' },
  { name: 'mentors and booking', path: '/events/hack-the-crisis-sweden/mentors', as: 'participant' },
  { name: 'mentor booking with errors', path: '/events/hack-the-crisis-sweden/mentors', as: 'participant', submit: true },
  { name: 'mentors as the organiser', path: '/events/hack-the-crisis-sweden/mentors', as: 'organiser' },
  { name: 'mentoring schedule', path: '/events/hack-the-crisis-sweden/mentoring', as: 'editor' },
  { name: 'mentoring schedule with errors', path: '/events/hack-the-crisis-sweden/mentoring', as: 'editor', submit: true },
  { name: 'event gallery', path: '/events/hack-for-sweden-2025/solutions' },
  { name: 'event gallery not yet published', path: '/events/sodertalje-24h-mobilitet/solutions' },
  { name: 'all solutions, searched', path: '/solutions?q=skog' },
  { name: 'check-in', path: '/check-in/axe-check-in-link-open' },
  { name: 'check-in with errors', path: '/check-in/axe-check-in-link-open', submit: true },
  { name: 'check-in link already used', path: '/check-in/axe-check-in-link-used' },
  { name: 'check-ins of an event', path: `/events/${solution.eventSlug}/manage/check-ins`, as: 'organiser' },
  { name: 'take a solution forward', path: `/solutions/${unowned.id}/interest`, as: 'editor' },
  { name: 'take a solution forward with errors', path: `/solutions/${unowned.id}/interest`, as: 'editor', submit: true },
  { name: 'interest in a solution, as its team', path: `/solutions/${solution.id}/interests`, as: 'solver' },
  { name: 'adopt a challenge', path: `/challenges/${regionChallenge.slug}/adopt`, as: 'editor' },
  { name: 'match log', path: '/matches' },
  { name: 'solution with a timeline', path: `/solutions/${solution.id}` },
  { name: 'solution as its need owner, with a claim to confirm', path: `/solutions/${solution.id}`, as: 'editor' },
  { name: 'solutions by stage', path: '/realised' },
  { name: 'solution image, as its team', path: `/solutions/${solution.id}/image`, as: 'solver' },
  { name: 'solution image with errors', path: `/solutions/${unowned.id}/image`, as: 'organiser', submit: true },
  { name: 'confirm: remove a solution image', path: `/solutions/${solution.id}/image/remove`, as: 'solver' },
  { name: 'realisation update', path: `/solutions/${solution.id}/updates/new`, as: 'editor' },
  { name: 'realisation update with errors', path: `/solutions/${solution.id}/updates/new`, as: 'editor', submit: true },
  { name: 'new event', path: '/events/new', as: 'organiser' },
  { name: 'new event with errors', path: '/events/new', as: 'organiser', submit: true },
  { name: 'event editing', path: '/events/sodertalje-24h-mobilitet/edit', as: 'organiser' },
  { name: 'event management', path: '/events/sodertalje-24h-mobilitet/manage', as: 'organiser' },
  { name: 'event management with errors', path: '/events/sodertalje-24h-mobilitet/manage', as: 'organiser', submit: true },
  { name: "events with one's calendar", path: '/events', as: 'participant' },
  { name: 'event in judging', path: '/events/skogsstyrelsen-24h-skogsskador' },
  { name: 'juries', path: '/events/hack-for-sweden-2025/juries', as: 'organiser' },
  { name: 'new jury with errors', path: '/events/hack-for-sweden-2025/juries', as: 'organiser', submit: true },
  { name: 'jury with ranking', path: `/events/hack-for-sweden-2025/juries/${juryId}`, as: 'organiser' },
  { name: 'my jury work', path: '/jury', as: 'participant' },
  { name: 'declaring conflicts of interest', path: `/jury/seats/${seatId}/conflicts`, as: 'participant' },
  { name: 'results preview', path: '/events/hack-for-sweden-2025/results', as: 'organiser' },
  { name: 'team feedback', path: `${team}/feedback`, as: 'participant' },
  { name: 'scoring', path: `/jury/assignments/${assignment.id}`, as: 'participant' },
  { name: 'scoring with errors', path: `/jury/assignments/${assignment.id}`, as: 'participant', submit: true },
  { name: 'dev mailbox', path: '/admin/mail', as: 'organiser' },
  { name: 'workshop', path: '/events/oppna-data-workshop' },
  { name: 'confirm: cancel my place', path: '/events/hack-the-crisis-sweden/registration/cancel', as: 'participant' },
  { name: 'confirm: cancel a mentoring session', path: `/events/hack-the-crisis-sweden/bookings/${booking.id}/cancel`, as: 'participant' },
  { name: 'statistics, all years', path: '/statistics' },
  { name: 'statistics of a year, with suppressed diversity cells', path: `/statistics/${reportYear}` },
  { name: 'published annual report', path: `/reports/${reportYear}` },
  { name: 'annual report draft', path: `/admin/reports/${reportYear}`, as: 'organiser' },
  { name: 'annual reports', path: '/admin/reports', as: 'organiser' },
  { name: 'confirm: cancel an event', path: '/events/sodertalje-24h-mobilitet/cancel', as: 'organiser' },
  { name: 'confirm: remove a member', path: `/organisations/${org.slug}/members/${editor.id}/remove`, as: 'editor' },
  { name: 'confirm: remove an award', path: `/events/hack-for-sweden-2025/awards/${award.id}/remove`, as: 'organiser' },
  { name: 'registration closed, the organiser offered an exception', path: '/events/hack-the-crisis-sweden', as: 'organiser' },
  { name: 'results waiting for judging, the organiser offered an exception', path: '/events/skogsstyrelsen-24h-skogsskador/juries', as: 'organiser' },
  {
    name: 'proposal past its deadline, the organiser offered an exception',
    path: `/events/skogsstyrelsen-24h-skogsskador/teams/${lateTeam.id}/proposal`,
    as: 'organiser',
  },
  { name: 'proposal past its deadline, refused', path: `/events/skogsstyrelsen-24h-skogsskador/teams/${lateTeam.id}/proposal`, as: 'organiser', submit: true },
];

for (const lang of ['sv', 'en'] as const) {
  test(`every page type passes axe (WCAG 2.1 A and AA) and the W3C Nu HTML checker in ${lang === 'sv' ? 'Swedish' : 'English'}`, async () => {
    const { context, page } = await newPage({ locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
    const sessions = {
      editor: await createSession(app.db, editor.id),
      organiser: await createSession(app.db, organiser.id),
      participant: await createSession(app.db, participant.id),
      solver: await createSession(app.db, solver.id),
    };
    const failures: string[] = [];
    // Each page's HTML as the server sent it (not the DOM after scripts), for the Nu checker after the loop.
    const served: { name: string; html: string }[] = [];
    for (const type of pageTypes) {
      await context.clearCookies();
      // The language switch's cookie, since signed-in people's own preference (Swedish here) beats Accept-Language.
      await context.addCookies([{ name: 'hack365_lang', value: lang, url: baseUrl }]);
      if (type.as) await context.addCookies([{ name: SESSION_COOKIE, value: sessions[type.as], url: baseUrl }]);
      let response = await page.goto(`${baseUrl}${type.path}`);
      if (type.submit) {
        const button = page.locator('main form button[type=submit]').last();
        if ((await button.count()) === 0) {
          failures.push(`${type.name} (${type.path}): no form to submit on ${page.url()}: ${(await page.locator('main').innerText()).slice(0, 200)}`);
          continue;
        }
        // Wait for the answer's page: under load, reading right after the click can still see the form's page.
        [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
      }
      if (response) served.push({ name: `${type.name} (${type.path})`, html: await response.text() });
      assert.equal(await page.getAttribute('html', 'lang'), lang, `${type.name}: html lang`);
      if (type.submit) assert.equal(await page.locator('.error-summary').count(), 1, `${type.name}: error summary shown`);
      for (const v of await axeViolations(page)) {
        failures.push(`${type.name} (${type.path}): ${v.id} [${v.impact}] ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    for (const e of nuHtmlErrors(served)) failures.push(`${e.page}: Nu checker, line ${e.line}: ${e.message.slice(0, 160)} ${e.extract?.slice(0, 80) ?? ''}`);
    assert.ok(served.length >= pageTypes.length - 2, 'the checker saw the pages');
    assert.deepEqual(failures, []);
  });
}

test('the mail page passes axe too', async () => {
  const { context, page } = await newPage();
  await context.addCookies([{ name: SESSION_COOKIE, value: await createSession(app.db, organiser.id), url: baseUrl }]);
  await page.goto(`${baseUrl}/admin/mail`);
  await page.getByRole('link', { name: 'Välkommen' }).click();
  assert.match(await page.locator('h1').innerText(), /Välkommen/);
  assert.deepEqual(await axeViolations(page), []);
});

test('keyboard: the skip link comes first and moves focus to the content; a form is usable without a mouse', async () => {
  const { page } = await newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hoppa till huvudinnehållet');
  assert.ok(await page.locator('.skip-link').isVisible(), 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  // Following a fragment link is a navigation the browser finishes after the key press returns: wait for it.
  await page.waitForURL(/#main$/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'focus is on the content');

  // From the skip target, Tab reaches the form fields in order; Enter submits.
  await page.locator('#f-email').focus();
  await page.keyboard.type(editor.email);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-password');
  await page.keyboard.type(editor.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/account`);
  assert.match(await page.locator('.notice').innerText(), /Du är inloggad/);
});

test('focus is always visible: focused links and buttons get an outline', async () => {
  const { page } = await newPage();
  await new SignInPage(page, baseUrl).open();
  await page.locator('button[type=submit]').focus();
  const outline = await page.locator('button[type=submit]').evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(outline, 'solid');
});

test('the Nu checker itself reports invalid HTML (so a pass above means something)', () => {
  const errors = nuHtmlErrors([
    { name: 'bad', html: '<!doctype html><html lang="sv"><title>x</title><select name="a" required><option value="1">Ett</option></select><p><div></div>' },
  ]);
  assert.ok(
    errors.some((e) => e.page === 'bad' && /select/.test(e.message)),
    JSON.stringify(errors),
  );
});

test('the axe check itself fails on an inaccessible page (so a pass above means something)', async () => {
  const { page } = await newPage();
  await page.setContent('<html><body><img src="x.png"><input type="text"><a href="#"></a></body></html>');
  const ids = (await axeViolations(page)).map((v) => v.id).sort();
  assert.ok(ids.includes('image-alt') && ids.includes('label') && ids.includes('html-has-lang'), ids.join(', '));
});

test('with JavaScript on, a failed form moves focus to its error summary', async () => {
  const { page } = await newPage();
  await page.goto(`${baseUrl}/signup`);
  await page.locator('main form button[type=submit]').last().click();
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
});

test('the annual report prints as a clean A4 document: only the report, no navigation or forms', async () => {
  const { page } = await newPage();
  await page.goto(`${baseUrl}/reports/${reportYear}`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'no site header on paper');
  assert.equal(await page.locator('.site-footer').isVisible(), false);
  assert.ok(await page.locator('h1').isVisible());
  assert.ok(await page.locator('.chart-svg').first().isVisible(), 'charts print');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  // A4 is 595 × 842 points; every page of the document has that size.
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
    Math.round(Number(m[1])),
    Math.round(Number(m[2])),
  ]);
  assert.ok(boxes.length >= 2, `several pages (${boxes.length})`);
  for (const box of boxes) assert.deepEqual(box, [595, 842]);
  // The organiser's draft prints the report without its forms.
  await page.emulateMedia({ media: 'screen' });
});
