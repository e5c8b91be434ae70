import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { newPage, startApp } from './support/browser.ts';
import { SignInPage } from './support/pages.ts';
import { aUser } from '../src/test/factories.ts';
import { aSolution } from '../src/test/solutions.ts';
import { linkIn, startMailServer } from '../src/test/mail-server.ts';
import { sendDueCheckIns } from '../src/modules/realisation/check-ins.ts';
import { mailImmediateNotices } from '../src/modules/notifications/commands/mail-notices.ts';
import { deliverDueMail } from '../src/modules/notifications/outbox.ts';

const mail = await startMailServer();
const { app, baseUrl } = await startApp({ smtpUrl: mail.url });
const transport = nodemailer.createTransport(mail.url);
/** What the job runner does on its timers, run now: due check-ins and notices become mail, and the mail goes out. */
const runJobs = async () => {
  await sendDueCheckIns(app);
  await mailImmediateNotices(app);
  await deliverDueMail(app.db, transport, 'noreply@hack365.test');
};

test('with JavaScript turned off: results published, the check-in mail, an answer by its link, the need owner confirms, a follower is told, the public funnel counts it', async () => {
  // Results were published four months ago: the three-month check-in is due.
  const s = await aSolution(app, { title: 'Badkollen', resultsPublishedAt: new Date(Date.now() - 120 * 24 * 3600_000) });
  const follower = await aUser(app, { name: 'Fia Följare' });

  // A follower follows the solution from its page.
  const f = await newPage({ javaScript: false });
  await new SignInPage(f.page, baseUrl).open();
  await new SignInPage(f.page, baseUrl).signIn(follower.email, follower.password);
  await f.page.goto(`${baseUrl}/solutions/${s.submission.id}`);
  await f.page.getByRole('button', { name: 'Följ' }).click();
  assert.match(await f.page.locator('main').innerText(), /Du följer lösningen/);

  // The check-in job writes to the team; the mail's link opens a page that answers without a password.
  await runJobs();
  const asked = await mail.waitFor((m) => m.to === s.members[0].email);
  const link = linkIn(asked.text, '/check-in/');
  const team = await newPage({ javaScript: false });
  await team.page.goto(link);
  assert.match(await team.page.locator('main').innerText(), /Badkollen/);
  await team.page.getByLabel('Prototyp').check();
  await team.page.getByLabel('Vad har hänt? (en rad)').fill('Vi har en prototyp som två skolor testar.');
  await team.page.getByRole('button', { name: 'Skicka svaret' }).click();
  assert.match(await team.page.locator('main').innerText(), /Tack! Ditt svar finns nu i lösningens historik/);
  // The link worked once.
  await team.page.goto(link);
  assert.match(await team.page.locator('main').innerText(), /redan/);

  // The public sees the team's word as reported until the need owner confirms it.
  const visitor = await newPage({ javaScript: false });
  await visitor.page.goto(`${baseUrl}/solutions/${s.submission.id}`);
  assert.match(await visitor.page.locator('main').innerText(), /rapporterat av teamet/i);

  const owner = await newPage({ javaScript: false });
  await new SignInPage(owner.page, baseUrl).open();
  await new SignInPage(owner.page, baseUrl).signIn(s.owner.email, s.owner.password);
  await owner.page.goto(`${baseUrl}/solutions/${s.submission.id}`);
  await owner.page.getByRole('button', { name: /Bekräfta skedet Prototyp/ }).click();
  assert.match(await owner.page.locator('main').innerText(), /Skedet är bekräftat/);
  assert.match(await owner.page.locator('main').innerText(), /Bekräftat av/);

  // The follower is told by mail and in the notice list, in their language.
  await runJobs();
  const told = await mail.waitFor((m) => m.to === follower.email);
  assert.match(told.subject, /Badkollen/);
  assert.ok(told.headers['list-unsubscribe'], 'a one-click unsubscribe header');
  await f.page.goto(`${baseUrl}/notices`);
  assert.match(await f.page.locator('main').innerText(), /Badkollen/);

  // The public funnel counts the confirmed prototype for the event.
  await visitor.page.goto(`${baseUrl}/realised?event=${s.event.slug}`);
  const funnel = await visitor.page.locator('table.funnel').innerText();
  assert.match(funnel, /Prototyp\s+1\s+100 %\s+1/, funnel);
  assert.match(await visitor.page.locator('main').innerText(), /Badkollen/);
});
