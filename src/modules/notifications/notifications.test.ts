import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aChallenge, aNeedOwner, aUser, signedIn } from '../../test/factories.ts';
import { aSolution } from '../../test/solutions.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { follows, notices, outbox, users, type RealisationStage } from '../../db/schema/index.ts';
import { postUpdate } from '../realisation/commands/post-update.ts';
import type { UpdateInput } from '../realisation/schema.ts';
import { mailImmediateNotices, mailWeeklyDigests } from './commands/mail-notices.ts';
import { unsubscribeToken } from './unsubscribe.ts';

const mail = await startMailServer();

const news = (stage: RealisationStage | null = null): UpdateInput => ({
  stage,
  textSv: 'Vi har visat tjänsten för kommunen.',
  textEn: '',
  links: [],
  evidenceKind: null,
  evidenceUrl: '',
  route: null,
  reference: '',
  reason: '',
});

/** The team's first member posts an update on the solution, as the realisation pages do. */
const teamPosts = (app: TestApp, s: Awaited<ReturnType<typeof aSolution>>, stage: RealisationStage | null = null) =>
  postUpdate(
    app,
    { actorId: s.members[0].id, organisationId: null, solution: { id: s.submission.id, title: s.submission.title, challengeId: s.challenge.id } },
    news(stage),
  );

/** A person who follows the solution, signed in through the form, with the mail choice and language given. */
async function aFollower(
  app: TestApp,
  s: Awaited<ReturnType<typeof aSolution>>,
  opts: { noticeMail?: 'immediate' | 'weekly' | 'off'; lang?: 'sv' | 'en' } = {},
) {
  const user = await aUser(app);
  await app.db
    .update(users)
    .set({ noticeMail: opts.noticeMail ?? 'immediate', preferredLanguage: opts.lang ?? 'sv' })
    .where(eq(users.id, user.id));
  const client = await signedIn(app, user);
  await client.get(`/solutions/${s.submission.id}`);
  const res = await client.post('/follows', { type: 'solution', id: s.submission.id, follow: 'yes', next: `/solutions/${s.submission.id}` });
  assert.equal(res.statusCode, 303);
  return { ...user, client };
}

const mailOf = (app: TestApp, userId: string) => app.db.select().from(outbox).where(eq(outbox.userId, userId));

test('following: a follow button on challenge and organisation pages; anything public can be followed and unfollowed; unknown and hidden things are missing', async (t) => {
  const app = await build(t);
  const s = await aSolution(app, { title: 'Följbar' });
  const hidden = await aSolution(app, { title: 'Dold', gallery: false });
  const draft = await aChallenge(app, s.organisation, s.owner.id, { titleSv: 'Ett utkast' }, 'draft');
  const person = await aUser(app);
  const client = await signedIn(app, person);

  // Not signed in: a sign-in link back to the page, no form (so the public page stays cacheable).
  const anonymous = await new Client(app).get(`/challenges/${s.challenge.slug}`);
  assert.match(anonymous.body, new RegExp(`href="/signin\\?next=%2Fchallenges%2F${s.challenge.slug}">Logga in för att följa utmaningen`));
  assert.doesNotMatch(anonymous.body, /action="\/follows"/);

  const page = await client.get(`/challenges/${s.challenge.slug}`);
  assert.match(page.body, /<button type="submit" name="follow" value="yes" class="button">Följ<\/button>/);
  const followed = await client.post('/follows', { type: 'challenge', id: s.challenge.id, follow: 'yes', next: `/challenges/${s.challenge.slug}` });
  assert.equal(followed.statusCode, 303);
  assert.equal(followed.headers.location, `/challenges/${s.challenge.slug}`);
  const after = await client.get(`/challenges/${s.challenge.slug}`);
  assert.match(after.body, /Du följer nu det här/);
  assert.match(after.body, /value="no" class="button button-secondary">Sluta följa<\/button>/);
  assert.match(after.body, /Du följer utmaningen\./);

  // Organisation page, in English.
  await client.get(`/organisations/${s.organisation.slug}?lang=en`);
  assert.equal(
    (await client.post('/follows', { type: 'organisation', id: s.organisation.id, follow: 'yes', next: `/organisations/${s.organisation.slug}` })).statusCode,
    303,
  );
  assert.match((await client.get(`/organisations/${s.organisation.slug}`)).body, />Stop following<\/button>/);
  // Following twice is following once; a solution too.
  assert.equal((await client.post('/follows', { type: 'organisation', id: s.organisation.id, follow: 'yes' })).statusCode, 303);
  assert.equal((await client.post('/follows', { type: 'solution', id: s.submission.id, follow: 'yes' })).statusCode, 303);
  const mine = await app.db.select().from(follows).where(eq(follows.userId, person.id));
  assert.deepEqual(mine.map((f) => f.targetType).sort(), ['challenge', 'organisation', 'solution']);

  // Unknown kinds, unknown ids, a draft challenge and an unpublished proposal: missing, and nothing stored.
  for (const body of [
    { type: 'event', id: s.event.id, follow: 'yes' },
    { type: 'challenge', id: crypto.randomUUID(), follow: 'yes' },
    { type: 'challenge', id: 'not-a-uuid', follow: 'yes' },
    { type: 'challenge', id: draft.id, follow: 'yes' },
    { type: 'solution', id: hidden.submission.id, follow: 'yes' },
    { type: 'organisation', id: crypto.randomUUID(), follow: 'no' },
    { type: 'solution', id: s.submission.id, follow: 'maybe' },
  ]) {
    assert.equal((await client.post('/follows', body)).statusCode, 404, JSON.stringify(body));
  }
  assert.equal((await app.db.select().from(follows).where(eq(follows.userId, person.id))).length, 3);

  // The return path stays on this site.
  assert.equal((await client.post('/follows', { type: 'challenge', id: s.challenge.id, follow: 'no', next: '//evil.example/x' })).headers.location, '/me');
  assert.equal((await client.post('/follows', { type: 'challenge', id: s.challenge.id, follow: 'no', next: 'https://evil.example/' })).headers.location, '/me');
  assert.deepEqual((await app.db.select().from(follows).where(eq(follows.userId, person.id))).map((f) => f.targetType).sort(), ['organisation', 'solution']);
  // Without a session there is no following, and without the page's token no change.
  assert.equal((await new Client(app).post('/follows', { type: 'challenge', id: s.challenge.id, follow: 'yes' })).statusCode, 303);
  assert.equal((await client.post('/follows', { _csrf: '', type: 'challenge', id: s.challenge.id, follow: 'yes' })).statusCode, 403);
});

test('a team update reaches followers: a notice in their language, the unread count in the header, and one mail with a one-click unsubscribe', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const s = await aSolution(app, { title: 'Badkollen' });
  const english = await aFollower(app, s, { lang: 'en' });
  const swedish = await aFollower(app, s);
  const stranger = await aUser(app);
  const challengeFollower = await aUser(app);
  await app.db.insert(follows).values({ userId: challengeFollower.id, targetType: 'challenge', targetId: s.challenge.id });
  // The team member who writes follows the solution too, but is not told of their own doing.
  await app.db.insert(follows).values({ userId: s.members[0].id, targetType: 'solution', targetId: s.submission.id });

  const update = await teamPosts(app, s, 'prototype');

  const received = await mail.waitFor((m) => m.to === english.email);
  assert.equal(received.subject, 'Badkollen: new stage – Prototype');
  assert.match(received.text, new RegExp(`/solutions/${s.submission.id}#update-${update.id}`));
  const link = `http://127.0.0.1:3000/unsubscribe/${unsubscribeToken(app.config.sessionSecret, english.id)}`;
  assert.equal(received.headers['list-unsubscribe'], `<${link}>`);
  assert.equal(received.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  assert.ok(received.text.includes(`Stop e-mail about what you follow, in one click: ${link}`), received.text);
  const swedishMail = await mail.waitFor((m) => m.to === swedish.email);
  assert.equal(swedishMail.subject, 'Badkollen: nytt steg – Prototyp');
  await mail.waitFor((m) => m.to === challengeFollower.email);

  // In the app: the header counts it, the list shows it (in the reader's language), and opening the list reads it.
  const page = await english.client.get('/events');
  assert.match(page.body, /<a href="\/notices">Notices \(unread: 1\)<\/a>/);
  assert.match(page.body, /<a href="\/me">My Hack for Sweden<\/a>/);
  const list = await english.client.get('/notices');
  assert.match(
    list.body,
    new RegExp(`<strong class="badge">New </strong><a href="/solutions/${s.submission.id}#update-${update.id}">Badkollen: new stage – Prototype</a>`),
  );
  assert.match(list.body, /<a href="\/notices" aria-current="page">Notices<\/a>/, 'the header counts what is left after opening');
  assert.doesNotMatch((await english.client.get('/notices')).body, /class="badge">New/);

  // Each notice went out once and is marked so; no one else was told.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(mail.received.filter((m) => m.to === english.email).length, 1);
  const rows = await app.db
    .select()
    .from(notices)
    .where(eq(notices.path, `/solutions/${s.submission.id}#update-${update.id}`));
  assert.deepEqual(rows.map((n) => n.userId).sort(), [english.id, swedish.id, challengeFollower.id].sort());
  assert.ok(rows.every((n) => n.mailedAt));
  assert.equal(mail.received.filter((m) => m.to === stranger.email || m.to === s.members[0].email).length, 0);
});

test('each notice is mailed once, with several app instances running the job at once', async (t) => {
  const one = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const two = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const s = await aSolution(one, { title: 'Parallellen' });
  const followers = [];
  for (let i = 0; i < 12; i++) followers.push(await aUser(one));
  await one.db.insert(follows).values(followers.map((f) => ({ userId: f.id, targetType: 'solution' as const, targetId: s.submission.id })));

  await teamPosts(two, s);
  for (const f of followers) await mail.waitFor((m) => m.to === f.email && m.subject === 'Ny uppdatering om Parallellen');
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const f of followers) assert.equal(mail.received.filter((m) => m.to === f.email).length, 1, f.email);

  // The same race by hand: four claims at once mail every notice exactly once between them.
  await teamPosts(one, s);
  const counts = await Promise.all([1, 2, 3, 4].map(() => mailImmediateNotices(one, 5)));
  const leftover = await mailImmediateNotices(one);
  // Both instances' job runners claim notices too (SKIP LOCKED): one of theirs may still be committing what the hand
  // claims skipped, so the outbox is read until it holds the second round or a few seconds have passed.
  const followerIds = followers.map((f) => f.id);
  const queuedMails = () => one.db.select().from(outbox).where(inArray(outbox.userId, followerIds));
  let queued = await queuedMails();
  for (const until = Date.now() + 5000; queued.length < 24 && Date.now() < until; queued = await queuedMails()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  queued = await queuedMails();
  assert.equal(queued.length, 24, 'two mails per follower in all');
  assert.ok(counts.reduce((a, b) => a + b, 0) + leftover <= 12);
});

test('weekly: one digest a person per 7 days, listing what is unmailed; off: no mail at all, the list keeps everything', async (t) => {
  const app = await build(t);
  const s = await aSolution(app, { title: 'Veckokollen' });
  const weekly = await aFollower(app, s, { noticeMail: 'weekly', lang: 'en' });
  const off = await aFollower(app, s, { noticeMail: 'off' });

  await teamPosts(app, s);
  await teamPosts(app, s, 'prototype');
  assert.equal(await mailImmediateNotices(app), 0, 'neither wants mail at once');
  assert.equal(await mailWeeklyDigests(app), 1);
  const [digest, ...more] = await mailOf(app, weekly.id);
  assert.equal(more.length, 0);
  assert.equal(digest.subject, "This week's news about what you follow (2)");
  assert.match(digest.textBody, /- Veckokollen: a new update\n {2}http:\/\/127\.0\.0\.1:3000\/solutions\//);
  assert.match(digest.textBody, /- Veckokollen: new stage – Prototype\n/);
  assert.match(digest.textBody, /All your notices: http:\/\/127\.0\.0\.1:3000\/notices/);
  assert.deepEqual(digest.headers, {
    'List-Unsubscribe': `<http://127.0.0.1:3000/unsubscribe/${unsubscribeToken(app.config.sessionSecret, weekly.id)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });

  // Within the week, news waits; a week after the last digest, the next one lists only what is new.
  await teamPosts(app, s, 'pilot');
  assert.equal(await mailWeeklyDigests(app), 0);
  await app.db
    .update(users)
    .set({ digestSentAt: new Date(Date.now() - 7 * 24 * 3600_000 - 60_000) })
    .where(eq(users.id, weekly.id));
  assert.equal(await mailWeeklyDigests(app), 1);
  const second = (await mailOf(app, weekly.id)).find((m) => m.id !== digest.id)!;
  assert.equal(second.subject, "This week's news about what you follow (1)");
  assert.match(second.textBody, /new stage – Pilot/);
  assert.equal(await mailWeeklyDigests(app), 0, 'nothing left to tell');

  // Mail off: nothing queued, ever; the notices are all in the list.
  assert.equal((await mailOf(app, off.id)).length, 0);
  assert.equal(
    (
      await app.db
        .select()
        .from(notices)
        .where(and(eq(notices.userId, off.id), isNull(notices.mailedAt)))
    ).length,
    3,
  );
  assert.equal((await off.client.get('/notices')).body.match(/class="badge">Ny /g)?.length, 3);
});

test('unsubscribe: opening the link changes nothing; one POST without a cookie or token turns notice mail off; a forged link is missing', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const s = await aSolution(app, { title: 'Avslutet' });
  const follower = await aFollower(app, s);
  const other = await aUser(app);
  const path = `/unsubscribe/${unsubscribeToken(app.config.sessionSecret, follower.id)}`;
  const modeOf = async (id: string) => (await app.db.select({ m: users.noticeMail }).from(users).where(eq(users.id, id)))[0].m;

  // A mail scanner follows the link: a page with one button, and nothing changes.
  const page = await new Client(app).get(path);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`<form method="post" action="${path}"><button type="submit" class="button">Sluta skicka e-post</button></form>`));
  assert.equal(await modeOf(follower.id), 'immediate');

  // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no cookie and no CSRF token.
  const res = await app.inject({
    method: 'POST',
    url: path,
    payload: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Du får ingen mer e-post om det du följer/);
  assert.equal(await modeOf(follower.id), 'off');
  // As multipart/form-data (what RFC 8058 prefers) it works too, and again is harmless.
  const multipart = await app.inject({
    method: 'POST',
    url: path,
    payload: '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
  });
  assert.equal(multipart.statusCode, 200);

  // A token for someone else, or one altered, is missing; the other person keeps their mail.
  const forged = `/unsubscribe/${other.id}.${unsubscribeToken(app.config.sessionSecret, follower.id).split('.')[1]}`;
  assert.equal((await app.inject({ method: 'POST', url: forged })).statusCode, 404);
  assert.equal((await new Client(app).get(`${path}x`)).statusCode, 404);
  assert.equal(await modeOf(other.id), 'immediate');

  // Unsubscribed, the next update brings a notice and no mail.
  await teamPosts(app, s);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await mailImmediateNotices(app), 0);
  assert.equal(mail.received.filter((m) => m.to === follower.email).length, 0);
  assert.match((await follower.client.get('/notices')).body, /Avslutet: en ny uppdatering/);
});

test('the notice list: paged newest first, opening a page reads it, "mark all read"; the mail choice is saved and bad input re-renders', async (t) => {
  const app = await build(t);
  const person = await aUser(app);
  const client = await signedIn(app, person);
  const at = (i: number) => new Date(Date.now() - (30 - i) * 60_000);
  await app.db.insert(notices).values(
    Array.from({ length: 25 }, (_, i) => ({
      userId: person.id,
      kind: 'realisation.update',
      path: `/solutions/x${i}`,
      params: { solution: `Lösning ${i}`, stage: 'idea' },
      createdAt: at(i),
    })),
  );
  // A kind this version has no text for still reads as news.
  await app.db.insert(notices).values({ userId: person.id, kind: 'something.new', path: '/challenges', params: {}, createdAt: at(-5) });

  assert.match((await client.get('/events')).body, /Notiser \(olästa: 26\)/);
  const first = await client.get('/notices');
  const titles = [...first.body.matchAll(/>(Lösning \d+): en ny uppdatering</g)].map((m) => m[1]);
  assert.deepEqual(
    titles,
    Array.from({ length: 20 }, (_, i) => `Lösning ${24 - i}`),
  );
  assert.match(first.body, /Olästa notiser på andra sidor i listan: 6\./);
  assert.match(first.body, /Notiser \(olästa: 6\)/);
  const second = await client.get('/notices?page=2');
  assert.match(second.body, /Lösning 0: en ny uppdatering/);
  assert.match(second.body, /Nytt om något du följer/);
  assert.equal((await client.get('/notices?page=3')).statusCode, 404);
  assert.equal((await client.get('/notices?page=-1')).statusCode, 200);

  await app.db
    .insert(notices)
    .values({ userId: person.id, kind: 'realisation.confirmed', path: '/solutions/y', params: { solution: 'Sista', stage: 'operation' } });
  assert.equal((await client.post('/notices/read')).statusCode, 303);
  const read = await client.get('/notices');
  assert.match(read.body, /Alla notiser är markerade som lästa/);
  assert.match(read.body, /Sista: behovsägaren bekräftar steget I drift/);
  assert.doesNotMatch(read.body, /class="badge">Ny/);
  assert.match(read.body, /<a href="\/notices" aria-current="page">Notiser<\/a>/);

  // The mail choice.
  assert.match(read.body, /<option value="immediate" selected>/);
  const bad = await client.post('/notices/mail', { noticeMail: 'hourly' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /<title>Fel: Notiser/);
  assert.match(bad.body, /href="#f-noticeMail"/);
  assert.equal((await client.post('/notices/mail', { noticeMail: 'weekly' })).statusCode, 303);
  assert.match((await client.get('/notices')).body, /<option value="weekly" selected>/);

  // Another person's notices never show; the header caps the count.
  const other = await aUser(app);
  await app.db.insert(notices).values(
    Array.from({ length: 150 }, () => ({
      userId: other.id,
      kind: 'realisation.update',
      path: '/solutions/z',
      params: { solution: 'Hemlig', stage: 'idea' },
    })),
  );
  assert.doesNotMatch((await client.get('/notices')).body, /Hemlig/);
  assert.match((await (await signedIn(app, other)).get('/events')).body, /Notiser \(olästa: 99\+\)/);
});

test('the data export holds what a person follows and their notices; deleting the account erases both', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const person = await aUser(app);
  await app.db.insert(follows).values({ userId: person.id, targetType: 'organisation', targetId: org.id });
  await app.db.insert(notices).values({ userId: person.id, kind: 'realisation.update', path: '/solutions/x', params: { solution: 'Exporten', stage: 'idea' } });
  const data = JSON.parse((await (await signedIn(app, person)).get('/account/export')).body);
  assert.deepEqual(
    data.follows.map((f: { type: string; id: string }) => [f.type, f.id]),
    [['organisation', org.id]],
  );
  assert.equal(data.notices[0].params.solution, 'Exporten');

  const client = await signedIn(app, person);
  await client.get('/account/delete');
  assert.equal((await client.post('/account/delete', { confirm: 'on' })).statusCode, 303);
  assert.equal((await app.db.select().from(follows).where(eq(follows.userId, person.id))).length, 0);
  assert.equal((await app.db.select().from(notices).where(eq(notices.userId, person.id))).length, 0);
});
