import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, newPage, startApp } from './support/browser.ts';
import { aChallenge, aMember, aNeedOwner, anOrganisation, aUser } from '../src/test/factories.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { datasetReports, datasets, events, juryAssignments, jurors, needOwnerApplications, submissions, teams } from '../src/db/schema/index.ts';
import { seedDemoTeams } from '../src/db/seed/demo-teams.ts';
import { assignRound, createJury } from '../src/modules/judging/commands/jury.ts';
import { findJury } from '../src/modules/judging/queries.ts';
import { seedDemoEvents } from '../src/db/seed/demo-events.ts';
import { registerDataset, saveDistribution } from '../src/modules/datasets/commands/register-dataset.ts';
import { registerSource } from '../src/modules/datasets/commands/register-source.ts';
import { harvestNow } from '../src/modules/datasets/harvest/run.ts';
import { SignInPage } from './support/pages.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { enqueueMail } from '../src/modules/notifications/outbox.ts';

const { app, baseUrl } = await startApp();
const org = await aNeedOwner(app, { name: 'Södertälje kommun' });
const editor = await aMember(app, org.id, 'owner');
const organiser = await aUser(app, { organiser: true });
const challenge = await aChallenge(app, org, editor.id, { titleSv: 'Granbarkborrens angrepp', titleEn: 'Bark beetle attacks', summarySv: 'Granbarkborren skadar skog.', requirements: ['open_source'], prizeSv: '10 000 kronor' });
for (let i = 0; i < 21; i++) await aChallenge(app, org, editor.id, { titleSv: `Utmaning nummer ${i}` });
const applicant = await anOrganisation(app, { name: 'Kartbolaget AB', type: 'company' });
await app.db.insert(needOwnerApplications).values({ organisationId: applicant.id, motivation: 'Vi vill förbättra kartor för alla.' });
// A harvested catalog (the DCAT-AP-SE example with recommended fields), with its report and violations.
const source = await registerSource(app, null, { title: 'Exempelkatalog', url: pathToFileURL(path.resolve(import.meta.dirname, '../src/test/fixtures/dcat-ap-se/rekommenderat.rdf')).href, kind: 'dcat', schedule: 'manual', organisationId: null });
await harvestNow(app, source, { allowFiles: true });
const [harvested] = await app.db.select({ id: datasets.id }).from(datasets).limit(1);
// A dataset the municipality registered itself, with a distribution and a problem report.
const registered = await registerDataset(app, editor.id, org, { titleSv: 'Badplatser', titleEn: 'Bathing places', descriptionSv: 'Badplatser med vattenprov.', descriptionEn: '', themes: ['ENVI'], keywords: 'bad', contactName: 'Miljö', contactEmail: 'miljo@example.org', landingPage: '', accessRights: 'PUBLIC', issued: '', modified: '' });
await saveDistribution(app, editor.id, registered.id, null, { titleSv: 'CSV', titleEn: '', descriptionSv: '', descriptionEn: '', accessUrl: 'https://example.org/bad.csv', downloadUrl: '', format: 'CSV', licence: 'http://creativecommons.org/publicdomain/zero/1.0/' });
await seedDemoEvents(app, org.id);
// Teams, proposals, a gallery and a booked mentor (the editor mentors the participant's team).
const participant = await aUser(app);
await seedDemoTeams(app, participant.id, editor.id);
const [krisklara] = await app.db.select().from(teams).where(eq(teams.name, 'Krisklara'));
const [openTeam] = await app.db.select().from(teams).where(eq(teams.name, 'Cykeltrion'));
const [solution] = await app.db.select({ id: submissions.id }).from(submissions).innerJoin(events, eq(events.id, submissions.eventId)).where(eq(events.galleryPublished, true)).limit(1);
const team = `/events/hack-the-crisis-sweden/teams/${krisklara.id}`;
// A jury on the finished hackathon, with the participant as an accepted juror and the first round assigned.
const [pastEvent] = await app.db.select().from(events).where(eq(events.slug, 'hack-for-sweden-2025'));
const juryId = await createJury(app, organiser.id, pastEvent.id, { name: 'Juryn', challengeId: null, trackId: null, template: 'challenge', scaleMax: 5, jurorsPerSubmission: 1 });
await app.db.insert(jurors).values({ juryId, email: 'jury@example.org', userId: participant.id, inviteToken: 'axe-jury', acceptedAt: new Date() });
const jury = (await findJury(app.db, pastEvent.id, juryId))!;
await assignRound(app, organiser.id, jury.jury, jury.rounds[0]);
const [assignment] = await app.db.select().from(juryAssignments).limit(1);
const [report] = await app.db.insert(datasetReports).values({ datasetId: registered.id, kind: 'outdated', message: 'Vattenproven är från förra året.' }).returning();
await enqueueMail(app.db, { to: 'someone@example.org', subject: 'Välkommen', text: 'Hej!\nLänk: http://127.0.0.1/x' });

/** Every page type, reached as the person who would see it; `submit` re-renders the page with its errors. */
const pageTypes: { name: string; path: string; as?: 'editor' | 'organiser' | 'participant'; submit?: boolean }[] = [
  { name: 'start page', path: '/' },
  { name: 'privacy notice', path: '/privacy' },
  { name: 'accessibility statement', path: '/accessibility' },
  { name: 'accessibility feedback with errors', path: '/accessibility', submit: true },
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
  { name: 'solution', path: `/solutions/${solution.id}` },
  { name: 'new event', path: '/events/new', as: 'organiser' },
  { name: 'new event with errors', path: '/events/new', as: 'organiser', submit: true },
  { name: 'event editing', path: '/events/sodertalje-24h-mobilitet/edit', as: 'organiser' },
  { name: 'event management', path: '/events/sodertalje-24h-mobilitet/manage', as: 'organiser' },
  { name: 'event management with errors', path: '/events/sodertalje-24h-mobilitet/manage', as: 'organiser', submit: true },
  { name: 'events with one\'s calendar', path: '/events', as: 'participant' },
  { name: 'event in judging', path: '/events/skogsstyrelsen-24h-skogsskador' },
  { name: 'juries', path: '/events/hack-for-sweden-2025/juries', as: 'organiser' },
  { name: 'new jury with errors', path: '/events/hack-for-sweden-2025/juries', as: 'organiser', submit: true },
  { name: 'jury with ranking', path: `/events/hack-for-sweden-2025/juries/${juryId}`, as: 'organiser' },
  { name: 'my jury work', path: '/jury', as: 'participant' },
  { name: 'results preview', path: '/events/hack-for-sweden-2025/results', as: 'organiser' },
  { name: 'team feedback', path: `${team}/feedback`, as: 'participant' },
  { name: 'scoring', path: `/jury/assignments/${assignment.id}`, as: 'participant' },
  { name: 'scoring with errors', path: `/jury/assignments/${assignment.id}`, as: 'participant', submit: true },
  { name: 'dev mailbox', path: '/admin/mail', as: 'organiser' },
];

for (const lang of ['sv', 'en'] as const) {
  test(`every page type passes axe (WCAG 2.1 A and AA) in ${lang === 'sv' ? 'Swedish' : 'English'}`, async () => {
    const { context, page } = await newPage({ locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
    const sessions = {
      editor: await createSession(app.db, editor.id),
      organiser: await createSession(app.db, organiser.id),
      participant: await createSession(app.db, participant.id),
    };
    const failures: string[] = [];
    for (const type of pageTypes) {
      await context.clearCookies();
      // The language switch's cookie, since signed-in people's own preference (Swedish here) beats Accept-Language.
      await context.addCookies([{ name: 'hack365_lang', value: lang, url: baseUrl }]);
      if (type.as) await context.addCookies([{ name: SESSION_COOKIE, value: sessions[type.as], url: baseUrl }]);
      await page.goto(`${baseUrl}${type.path}`);
      if (type.submit) await page.locator('main form button[type=submit]').last().click();
      assert.equal(await page.getAttribute('html', 'lang'), lang, `${type.name}: html lang`);
      if (type.submit) assert.equal(await page.locator('.error-summary').count(), 1, `${type.name}: error summary shown`);
      for (const v of await axeViolations(page)) {
        failures.push(`${type.name} (${type.path}): ${v.id} [${v.impact}] ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
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
  assert.match(page.url(), /#main$/);

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
