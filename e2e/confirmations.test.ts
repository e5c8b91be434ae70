import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { newPage, startApp } from './support/browser.ts';
import { SignInPage } from './support/pages.ts';
import { anEvent, aRegistrant, aUser } from '../src/test/factories.ts';
import { auditLog, events, teams } from '../src/db/schema/index.ts';

const { app, baseUrl } = await startApp();

test('with JavaScript turned off: dissolving a team asks first on its own page, going back changes nothing, confirming dissolves it', async () => {
  const event = await anEvent(app, { capacity: null });
  const person = await aRegistrant(app, event, { name: 'Lo Ensam' });
  const { page } = await newPage({ javaScript: false });
  await new SignInPage(page, baseUrl).open();
  await new SignInPage(page, baseUrl).signIn(person.email, person.password);
  await page.goto(`${baseUrl}/events/${event.slug}/teams/new`);
  await page.getByLabel('Lagets namn').fill('Ensamlaget');
  await page.getByRole('button', { name: 'Spara' }).click();
  const teamUrl = page.url();

  // The team page only links to the question; the question says what happens, in a red button, with a way back.
  await page.getByRole('link', { name: 'Lämna och lös upp laget' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Lösa upp Ensamlaget?');
  assert.match(await page.locator('.warning-text').innerText(), /tas bort och går inte att få tillbaka/);
  const button = page.getByRole('button', { name: 'Ja, lös upp laget' });
  assert.match(String(await button.getAttribute('class')), /button-warning/);
  assert.equal(await button.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(176, 0, 32)', 'red, like GOV.UK’s warning button');
  await page.getByRole('link', { name: 'Nej, gå tillbaka' }).click();
  await page.waitForURL(teamUrl);
  assert.equal((await app.db.select().from(teams).where(eq(teams.eventId, event.id))).length, 1, 'going back changed nothing');

  await page.getByRole('link', { name: 'Lämna och lös upp laget' }).click();
  await button.click();
  assert.match(await page.locator('.notice').first().innerText(), /Laget är upplöst/);
  assert.equal((await app.db.select().from(teams).where(eq(teams.eventId, event.id))).length, 0);
});

test('with JavaScript turned off: the organiser cancels an event after the question, then reinstates it', async () => {
  const event = await anEvent(app, { capacity: null });
  const organiser = await aUser(app, { organiser: true });
  const { page } = await newPage({ javaScript: false });
  await new SignInPage(page, baseUrl).open();
  await new SignInPage(page, baseUrl).signIn(organiser.email, organiser.password);
  await page.goto(`${baseUrl}/events/${event.slug}/manage`);
  await page.getByRole('link', { name: 'Ställ in evenemanget' }).click();
  assert.match(await page.locator('h1').innerText(), /^Ställa in /);
  await page.getByRole('button', { name: 'Ja, ställ in evenemanget' }).click();
  assert.match(await page.locator('.notice').first().innerText(), /Evenemanget är inställt/);
  await page.goto(`${baseUrl}/events/${event.slug}`);
  assert.match(await page.locator('main').innerText(), /Evenemanget är inställt/);
  await page.getByRole('link', { name: 'Hantera evenemanget' }).click();
  await page.getByRole('button', { name: 'Återuppta evenemanget' }).click();
  assert.match(await page.locator('.notice').first().innerText(), /återupptaget/);
  assert.equal((await app.db.select().from(events).where(eq(events.id, event.id)))[0].status, 'published');
  assert.deepEqual(
    (await app.db.select().from(auditLog).where(eq(auditLog.subjectId, event.id)).orderBy(auditLog.id)).map((r) => r.action),
    ['event.cancelled', 'event.reinstated'],
  );
});
