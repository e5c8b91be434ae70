import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { newPage, startApp } from './support/browser.ts';
import { SignInPage } from './support/pages.ts';
import { anEvent, aRegistrant, aUser } from '../src/test/factories.ts';
import { datasets, jurors, submissionDatasets } from '../src/db/schema/index.ts';
import { aSubmittedProposal } from '../src/test/solutions.ts';

const { app, baseUrl } = await startApp();

test('with JavaScript turned off: the organiser sets up a jury and assigns, a juror scores, the round closes, a finalist is picked and awarded, results are published, the team reads its feedback', async () => {
  const event = await anEvent(app, { capacity: null });
  const leader = await aRegistrant(app, event, { name: 'Lina Lagledare' });
  const { team, submission: s } = await aSubmittedProposal(app, event, {
    teamName: 'Vattenvakterna',
    members: [leader],
    content: { title: 'Vattenkollen', pitch: 'Vi varnar för dåligt badvatten.', problem: 'Algblomning.' },
  });
  // The datasets the submitted version used: one with a Swedish title, one titled only in English.
  const used = await app.db
    .insert(datasets)
    .values([
      { key: `bad-${event.id}`, iri: `https://example.org/bad-${event.id}`, titleSv: 'Badvattenkvalitet', titleEn: '' },
      { key: `alg-${event.id}`, iri: `https://example.org/alg-${event.id}`, titleSv: '', titleEn: 'Algal bloom observations' },
    ])
    .returning();
  await app.db.insert(submissionDatasets).values(used.map((d) => ({ submissionId: s.id, datasetId: d.id })));
  const organiser = await aUser(app, { organiser: true });
  const juror = await aUser(app, { name: 'Jenny Jury' });

  const admin = await newPage({ javaScript: false });
  await new SignInPage(admin.page, baseUrl).open();
  await new SignInPage(admin.page, baseUrl).signIn(organiser.email, organiser.password);
  await admin.page.goto(`${baseUrl}/events/${event.slug}/manage`);
  await admin.page.getByRole('link', { name: 'Juryer' }).click();
  await admin.page.getByLabel('Juryns namn').fill('Vattenjuryn');
  await admin.page.getByLabel('Jurymedlemmar per bidrag').fill('1');
  await admin.page.getByRole('button', { name: 'Skapa juryn' }).click();
  await admin.page
    .waitForURL(/\/juries\/[0-9a-f-]{36}$/, { timeout: 5000 })
    .catch(async () => assert.fail(`${admin.page.url()}\n${await admin.page.locator('main').innerText()}`));
  assert.equal(await admin.page.locator('h1').innerText(), 'Vattenjuryn', await admin.page.locator('main').innerText());
  await admin.page.getByLabel('Bjud in med e-post').fill(juror.email);
  await admin.page.getByRole('button', { name: 'Bjud in' }).click();
  // The juror accepts through the mailed link (read from the database here; the mail itself is tested over HTTP).
  const [seat] = await app.db.select().from(jurors).where(eq(jurors.email, juror.email));
  const j = await newPage({ javaScript: false });
  await new SignInPage(j.page, baseUrl).open();
  await new SignInPage(j.page, baseUrl).signIn(juror.email, juror.password);
  await j.page.goto(`${baseUrl}/jury/invitations/${seat.inviteToken}`);
  await j.page.getByRole('button', { name: 'Tacka ja' }).click();
  assert.match(await j.page.locator('.notice').first().innerText(), /Välkommen till juryn/);

  await admin.page.reload();
  await admin.page.getByRole('button', { name: 'Fördela bidragen' }).click();
  assert.match(await admin.page.locator('.notice').first().innerText(), /Bidragen är fördelade/);

  // The juror reads the proposal with the datasets it used, each linked to its page and marked with its language.
  await j.page.setViewportSize({ width: 1280, height: 800 });
  await j.page.goto(`${baseUrl}/jury`);
  await j.page.getByRole('link', { name: 'Vattenkollen' }).click();
  assert.match(await j.page.locator('main').innerText(), /Algblomning/);
  const datasetLinks = j.page.locator('main a[href^="/datasets/"]');
  assert.deepEqual(await datasetLinks.allInnerTexts(), ['Algal bloom observations', 'Badvattenkvalitet']);
  assert.equal(await j.page.getByRole('link', { name: 'Algal bloom observations' }).getAttribute('lang'), 'en');
  assert.equal(await j.page.getByRole('link', { name: 'Badvattenkvalitet' }).getAttribute('href'), `/datasets/${used[0].id}`);

  // Each criterion is one row of labelled radio buttons (inline radios): the same line, each label beside its radio.
  const groups = await j.page.locator('fieldset:has(.radios--inline)').all();
  assert.equal(groups.length, 6);
  for (const group of groups) {
    const legend = await group.locator('legend').innerText();
    const radios = await group.locator('input[type="radio"]').all();
    assert.equal(radios.length, 5, legend);
    const tops = await Promise.all(radios.map((r) => r.evaluate((el) => (el as HTMLElement).offsetTop)));
    assert.equal(new Set(tops).size, 1, `${legend}: radios on one row (${tops})`);
    for (const [i, radio] of radios.entries()) {
      const label = group.getByText(String(i + 1), { exact: true });
      const [r, l] = [(await radio.boundingBox())!, (await label.boundingBox())!];
      assert.ok(l.x >= r.x + r.width && l.x - (r.x + r.width) < 16, `${legend} ${i + 1}: label right beside its radio`);
      assert.ok(l.y < r.y + r.height && r.y < l.y + l.height, `${legend} ${i + 1}: label on the radio's line`);
    }
  }

  // The juror scores every criterion by keyboard-reachable radio buttons and submits.
  await j.page.getByRole('button', { name: 'Lämna in bedömningen' }).click();
  assert.match(await j.page.locator('.error-summary').innerText(), /Välj en poäng/);
  for (const group of await j.page.locator('fieldset:has(.radios--inline)').all()) await group.getByLabel('4', { exact: true }).check();
  await j.page.getByLabel('Återkoppling till laget').fill('Bra idé, visa mer data.');
  await j.page.getByRole('button', { name: 'Lämna in bedömningen' }).click();
  assert.match(await j.page.locator('.notice').first().innerText(), /Bedömningen är inlämnad/);

  await admin.page.reload();
  assert.match(await admin.page.locator('main').innerText(), /Vattenkollen \(Vattenvakterna\)/);
  await admin.page.getByRole('button', { name: 'Stäng omgången' }).click();

  // The shortlist becomes the final; an award is given; the results are published and public.
  await admin.page.getByRole('button', { name: 'Välj finalister' }).click();
  assert.match(await admin.page.locator('#round-final').innerText(), /Final/);
  await admin.page.getByRole('link', { name: 'Juryer' }).click();
  await admin.page.getByLabel('Utmärkelsens namn').fill('Bästa vattenidé');
  await admin.page.getByLabel('Prissumma i kronor (frivilligt)').fill('20000');
  await admin.page.getByLabel('Sponsor (frivilligt)').fill('Havs- och vattenmyndigheten');
  await admin.page.getByRole('button', { name: 'Dela ut' }).click();
  assert.match(await admin.page.locator('.notice').first().innerText(), /Utmärkelsen är sparad/);
  await admin.page.getByRole('button', { name: 'Publicera resultaten' }).click();
  const visitor = await newPage({ javaScript: false });
  await visitor.page.goto(`${baseUrl}/events/${event.slug}`);
  await visitor.page.getByRole('link', { name: 'Resultat' }).click();
  const results = await visitor.page.locator('main').innerText();
  assert.match(results, /Bästa vattenidé/);
  assert.match(results, /Vattenkollen – Vattenvakterna/);
  assert.match(results, /20\s000\skr, sponsrat av Havs- och vattenmyndigheten/);

  const teamPage = await newPage({ javaScript: false });
  await new SignInPage(teamPage.page, baseUrl).open();
  await new SignInPage(teamPage.page, baseUrl).signIn(leader.email, leader.password);
  await teamPage.page.goto(`${baseUrl}/events/${event.slug}/teams/${team.id}`);
  await teamPage.page.getByRole('link', { name: 'Juryns bedömning' }).click();
  const feedback = await teamPage.page.locator('main').innerText();
  assert.match(feedback, /Jurymedlem 1/);
  assert.match(feedback, /Bra idé, visa mer data\./);
  assert.doesNotMatch(feedback, /Jenny Jury/);
});
