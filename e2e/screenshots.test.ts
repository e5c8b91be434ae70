/**
 * Checked by looking: the main page types at 1280 and 390 px, in Swedish and English, compared with the committed
 * references in e2e/screenshots/ so an accidental change in look is seen. Every run leaves its screenshots (and a
 * -diff.png for each that differs) in artifacts/screenshots/. `UPDATE_SCREENSHOTS=1 npm test -- screenshots`
 * rewrites the references after a change meant to be seen; docs/architecture.md says more.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { freezeClock } from './support/clock.ts';
import { startApp } from './support/browser.ts';
import { ACTUAL, capture, compareWithReference, keepStill, REFERENCES, screenshotBrowser, UPDATE } from './support/screenshots.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { datasets, events, jurors, submissions, teams, users } from '../src/db/schema/index.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/accounts/sessions.ts';
import { assignRound, createJury } from '../src/modules/judging/commands/jury.ts';
import { findJury } from '../src/modules/judging/queries.ts';

// A Friday morning in Stockholm: the demo's events lie around it, so every "days left" and date reads the same.
freezeClock('2026-11-20T09:00:00Z');
// On the embedded database only: the stopped clock stops PGlite's now() too, not a PostgreSQL server's.
process.env.TEST_DB = 'pglite';

const { app, baseUrl } = await startApp();
await seedDemo(app);
const userId = async (email: string) => (await app.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
const participant = await userId('participant@hack365.test');
const organiser = await userId('organiser@hack365.test');
const juror = await userId('demo-juror-1@hack365.test');
// A second jury on the finished hackathon with work still to do, so the juror's list shows open and done assignments.
const [finished] = await app.db.select().from(events).where(eq(events.slug, 'hack-for-sweden-2025'));
const juryId = await createJury(app, organiser, finished.id, {
  name: 'Publikens jury',
  challengeId: null,
  trackId: null,
  template: 'challenge',
  scaleMax: 5,
  jurorsPerSubmission: 1,
});
await app.db.insert(jurors).values({ juryId, email: 'demo-juror-1@hack365.test', userId: juror, inviteToken: 'screenshots-jury', acceptedAt: new Date() });
const jury = (await findJury(app.db, finished.id, juryId))!;
await assignRound(app, organiser, jury.jury, jury.rounds[0]);
const [krisklara] = await app.db.select({ id: teams.id }).from(teams).where(eq(teams.name, 'Krisklara'));
const [skogskollen] = await app.db.select({ id: submissions.id }).from(submissions).where(eq(submissions.title, 'Skogskollen'));
const [bikeParking] = await app.db.select({ id: datasets.id }).from(datasets).where(eq(datasets.titleSv, 'Cykelparkeringar i Södertälje'));

interface Shot {
  name: string;
  path: string;
  as?: 'participant' | 'juror';
  /** Submit the page's form empty, to show its errors. */
  submit?: boolean;
}
const shots: Shot[] = [
  { name: 'start', path: '/' },
  { name: 'start-signed-in', path: '/', as: 'participant' },
  { name: 'challenges', path: '/challenges' },
  { name: 'challenge', path: '/challenges/tryggare-cykelvagar-till-skolan' },
  { name: 'event', path: '/events/sodertalje-24h-mobilitet' },
  { name: 'team-board', path: '/events/hack-the-crisis-sweden/teams', as: 'participant' },
  { name: 'proposal', path: `/events/hack-the-crisis-sweden/teams/${krisklara.id}/proposal`, as: 'participant' },
  { name: 'jury-assignments', path: '/jury', as: 'juror' },
  { name: 'results', path: '/events/hack-for-sweden-2025/results' },
  { name: 'solution', path: `/solutions/${skogskollen.id}` },
  { name: 'datasets', path: '/datasets' },
  { name: 'dataset', path: `/datasets/${bikeParking.id}` },
  { name: 'organisation', path: '/organisations/sodertalje-kommun' },
  { name: 'statistics', path: '/statistics' },
  { name: 'annual-report', path: '/reports/2025' },
  { name: 'signin-errors', path: '/signin', submit: true },
];
const WIDTHS = [1280, 390];
const LANGS = ['sv', 'en'] as const;

// This run's screenshots only: no diff left over from an earlier run.
fs.rmSync(ACTUAL, { recursive: true, force: true });
// Updating writes the references anew, so none is left of a page no longer shot.
if (UPDATE) fs.rmSync(REFERENCES, { recursive: true, force: true });
const browser = await screenshotBrowser();
const sessions = { participant: await createSession(app.db, participant), juror: await createSession(app.db, juror) };

/** Opens the page as the shot says, in a fresh context of the given language and width. */
async function open(shot: Shot, lang: (typeof LANGS)[number], width: number, css = '') {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    deviceScaleFactor: 1,
    locale: lang === 'sv' ? 'sv-SE' : 'en-GB',
    timezoneId: 'Europe/Stockholm',
    reducedMotion: 'reduce',
    colorScheme: 'light',
  });
  await keepStill(context, css);
  await context.addCookies([
    { name: 'hack365_lang', value: lang, url: baseUrl },
    ...(shot.as ? [{ name: SESSION_COOKIE, value: sessions[shot.as], url: baseUrl }] : []),
  ]);
  const page = await context.newPage();
  const response = await page.goto(`${baseUrl}${shot.path}`);
  assert.equal(response?.status(), 200, `${shot.name}: ${shot.path} answers 200`);
  if (shot.submit) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button[type=submit]').last().click()]);
    assert.equal(await page.locator('.error-summary').count(), 1, `${shot.name}: the form shows its errors`);
  }
  return { context, page };
}

describe('screenshots of the main page types match the references', { concurrency: 2 }, () => {
  for (const shot of shots) {
    test(shot.name, async () => {
      const problems: string[] = [];
      for (const lang of LANGS) {
        for (const width of WIDTHS) {
          const { context, page } = await open(shot, lang, width);
          try {
            const result = await compareWithReference(`${shot.name}-${lang}-${width}`, await capture(page));
            if (!result.ok) problems.push(result.message);
          } finally {
            await context.close();
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

test(
  'the comparison sees a change in look, a change in size and a missing reference, and lets a shade pass',
  { skip: UPDATE && 'updating references' },
  async () => {
    // Against its own fresh reference in a scratch folder, so the committed references and artefacts are never touched.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-screens-'));
    const where = { references: path.join(scratch, 'references'), actual: path.join(scratch, 'actual') };
    const shoot = async (css = '') => {
      const { context, page } = await open(
        shots.find((s) => s.name === 'challenge')!,
        'sv',
        390,
        css,
      );
      try {
        return await capture(page);
      } finally {
        await context.close();
      }
    };
    const compare = async (png: Buffer, update = false) => compareWithReference('challenge-sv-390', png, { ...where, update });
    try {
      assert.ok((await compare(await shoot(), true)).ok);
      assert.ok((await compare(await shoot())).ok, 'the same page matches itself');
      const shade = await compare(await shoot('h1 { color: #222 !important }'));
      assert.ok(shade.ok, `a shade darker heading is within the tolerance: ${shade.message}`);

      const recoloured = await compare(await shoot('h1, h2, p, a { color: #b00020 !important }'));
      assert.equal(recoloured.ok, false, recoloured.message);
      assert.match(
        recoloured.message,
        /^challenge-sv-390: [\d.]+ % of pixels differ from the reference \(at most 0\.20 % allowed\); diff: .*challenge-sv-390-diff\.png$/,
      );
      assert.ok(fs.existsSync(path.join(where.actual, 'challenge-sv-390-diff.png')), 'the diff image is saved');

      const moved = await compare(await shoot('h1 { margin-top: 100px !important }'));
      assert.equal(moved.ok, false);
      assert.match(moved.message, /^challenge-sv-390: size changed from 390×\d+ to 390×\d+ px/);

      fs.rmSync(where.references, { recursive: true });
      const missing = await compare(await shoot());
      assert.equal(missing.ok, false);
      assert.match(missing.message, /no reference .* create it with UPDATE_SCREENSHOTS=1 npm test -- screenshots$/);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
);
