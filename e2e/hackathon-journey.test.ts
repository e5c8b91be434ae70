import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, startApp } from './support/browser.ts';
import { SignInPage } from './support/pages.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aUser, movePhase } from '../src/test/factories.ts';
import { datasets, mentors, mentorSlots } from '../src/db/schema/index.ts';

const { app, baseUrl } = await startApp();

test('with JavaScript turned off: register, start a team, book a mentor, save a draft, submit, and find the solution in the published gallery', async () => {
  const org = await aNeedOwner(app, { name: 'Södertälje kommun' });
  const owner = await aMember(app, org.id, 'owner');
  const challenge = await aChallenge(app, org, owner.id, { titleSv: 'Trygga skolvägar' });
  const event = await anEvent(app, {
    capacity: 100,
    challengeIds: [challenge.id],
    tracks: ['Konceptlösning', 'Digital lösning'],
    phases: [
      ['registration', -1, 24],
      ['hacking', -1, 48],
      ['submission', -1, 48],
      ['judging', 48, 96],
    ],
  });
  const [dataset] = await app.db
    .insert(datasets)
    .values({ organisationId: org.id, key: 'skolvagar', iri: 'http://example.se/skolvagar', titleSv: 'Skolvägar och olyckor' })
    .returning();
  const mentorUser = await aUser(app, { name: 'Maja Mentor' });
  const [mentor] = await app.db.insert(mentors).values({ eventId: event.id, userId: mentorUser.id, expertise: 'Trafiksäkerhet' }).returning();
  await app.db
    .insert(mentorSlots)
    .values({ mentorId: mentor.id, startsAt: new Date(Date.now() + 6 * 3600_000), endsAt: new Date(Date.now() + 6.5 * 3600_000) });
  const person = await aUser(app, { name: 'Sam Deltagare' });

  const { page } = await newPage({ javaScript: false });
  await new SignInPage(page, baseUrl).open();
  await new SignInPage(page, baseUrl).signIn(person.email, person.password);

  // Register: the rules must be accepted; the diversity questions may be skipped.
  await page.goto(`${baseUrl}/events/${event.slug}`);
  await page.getByRole('button', { name: 'Anmäl mig' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /Du behöver kryssa i rutan/);
  await page.getByLabel(/godkänner reglerna/).check();
  await page.getByLabel('Kön (frivilligt)').selectOption('prefer_not');
  await page.getByRole('button', { name: 'Anmäl mig' }).click();
  assert.match(await page.locator('.notice').first().innerText(), /Du är anmäld/);

  // A team, from the board.
  await page.getByRole('link', { name: 'Lagtavlan' }).click();
  await page.getByRole('link', { name: 'Skapa ett lag' }).click();
  await page.getByLabel('Lagets namn').fill('Skolvägsgänget');
  await page.getByLabel('Utmaning (frivilligt)').selectOption({ label: 'Trygga skolvägar' });
  await page.getByLabel('Spår (frivilligt)').selectOption({ label: 'Digital lösning' });
  await page.getByRole('button', { name: 'Spara' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Skolvägsgänget');

  // A mentor, booked with a question.
  await page.getByRole('link', { name: 'Boka en mentor' }).click();
  assert.match(await page.locator('main').innerText(), /Maja Mentor/);
  await page.getByLabel('Fråga').fill('Vilka olycksdata finns för skolvägar?');
  await page.getByRole('button', { name: 'Boka', exact: true }).click();
  assert.match(await page.locator('.notice').first().innerText(), /Tiden är bokad/);

  // The proposal: a draft saved with the button, then submitted in full.
  await page.goto(`${baseUrl}/events/${event.slug}/teams`);
  await page.getByRole('link', { name: 'Skolvägsgänget' }).first().click();
  await page.getByRole('link', { name: 'Öppna lösningsförslaget' }).click();
  assert.match(await page.locator('main').innerText(), /allmänna handlingar/);
  await page.getByLabel('Lösningens namn').fill('Skolvägskollen');
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  assert.match(await page.locator('.notice').first().innerText(), /Utkastet är sparat/);
  await page.getByLabel(/^Pitch/).fill('Vi visar föräldrar de tryggaste skolvägarna. Kommunen ser var det behövs åtgärder.');
  await page.getByLabel(/^Problem/).fill('Barn går farliga vägar till skolan.');
  await page.getByLabel('Lösning', { exact: true }).fill('En karta som väger olyckor, trafik och belysning.');
  await page.getByLabel(/^Handlingsplan/).fill('Pilot i två skolor i Södertälje.');
  await page.getByLabel(/^Länk till demovideo/).fill('https://video.example.se/skolvagskollen');
  await page.getByLabel(/^Teknisk beskrivning/).fill('Kartor i webbläsaren, öppna data från kommunen.');
  await page.getByLabel(/^Fler datamängder från katalogen/).fill(`${baseUrl}/datasets/${dataset.id}`);
  await page.getByLabel(/^Licens/).selectOption('EUPL-1.2');
  await page.getByRole('button', { name: 'Lämna in' }).click();
  assert.match(await page.locator('.notice').first().innerText(), /Förslaget är inlämnat/);
  assert.match(await page.locator('#status').innerText(), /Inlämnat: version 2/);

  // The organiser opens the gallery; anyone finds the solution, with the dataset it used.
  const organiser = await newPage({ javaScript: false });
  const admin = await aUser(app, { organiser: true });
  await new SignInPage(organiser.page, baseUrl).open();
  await new SignInPage(organiser.page, baseUrl).signIn(admin.email, admin.password);
  await organiser.page.goto(`${baseUrl}/events/${event.slug}/manage`);
  assert.match(await organiser.page.locator('main').innerText(), /Inlämnade förslag\s+1/);
  // Not while others may still submit: the server refuses and says until when.
  await organiser.page.getByRole('button', { name: 'Publicera galleriet' }).click();
  assert.match(await organiser.page.locator('.error-summary').innerText(), /Galleriet kan publiceras först när inlämningen har stängt/);
  // Once the deadline has passed, it opens.
  await movePhase(app, event.id, 'hacking', -48, -1);
  await movePhase(app, event.id, 'submission', -48, -1);
  await organiser.page.goto(`${baseUrl}/events/${event.slug}/manage`);
  await organiser.page.getByRole('button', { name: 'Publicera galleriet' }).click();
  assert.match(await organiser.page.locator('main').innerText(), /Galleriet är publicerat/);

  const visitor = await newPage({ javaScript: false });
  await visitor.page.goto(`${baseUrl}/events/${event.slug}`);
  await visitor.page.getByRole('link', { name: 'Lösningar' }).click();
  await visitor.page.getByRole('link', { name: 'Skolvägskollen' }).click();
  assert.equal(await visitor.page.locator('h1').innerText(), 'Skolvägskollen');
  assert.match(await visitor.page.locator('main').innerText(), /Skolvägar och olyckor/);
  assert.doesNotMatch(await visitor.page.locator('main').innerText(), /@/, 'no contact address in public');
});
