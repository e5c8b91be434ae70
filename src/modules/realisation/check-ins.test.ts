import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { aSolution as aFinishedSolution } from '../../test/solutions.ts';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aMember, aUser, signedIn } from '../../test/factories.ts';
import { linkIn, startMailServer } from '../../test/mail-server.ts';
import { checkInLinks, checkIns, events, outbox, realisations, realisationUpdates, teamMembers, users } from '../../db/schema/index.ts';
import { sendDueCheckIns } from './check-ins.ts';

const mail = await startMailServer();

const monthsAgo = (months: number, days = 1) => {
  const d = new Date();
  d.setMonth(d.getMonth() - months);
  return new Date(d.getTime() - days * 24 * 3600_000);
};

/** A solution of a need owner's challenge: a team of two, submitted, in a published gallery, results out `resultsAgo` months ago. */
async function aSolution(app: TestApp, opts: { resultsAgo?: number | null; gallery?: boolean; title?: string } = {}) {
  const s = await aFinishedSolution(app, {
    title: opts.title ?? `Lösning ${crypto.randomBytes(3).toString('hex')}`,
    teamName: `Laget ${crypto.randomBytes(3).toString('hex')}`,
    gallery: opts.gallery,
    resultsPublishedAt: opts.resultsAgo === null ? null : monthsAgo(opts.resultsAgo ?? 4),
  });
  return { ...s, org: s.organisation };
}
type Fixture = Awaited<ReturnType<typeof aSolution>>;

/** The check-in path each person was mailed for a solution, read from the outbox. */
async function linksOf(app: TestApp, f: Fixture) {
  const people = [...f.members, f.owner];
  const links = new Map<string, string>();
  for (const p of people) {
    const mails = await app.db.select().from(outbox).where(eq(outbox.toAddress, p.email)).orderBy(asc(outbox.id));
    const found = mails.map((m) => /\/check-in\/([A-Za-z0-9_-]+)/.exec(m.textBody)).filter(Boolean);
    if (found.length) links.set(p.email, `/check-in/${found.at(-1)![1]}`);
  }
  return links;
}

const checkInsOf = (app: TestApp, submissionId: string) =>
  app.db.select().from(checkIns).where(eq(checkIns.submissionId, submissionId)).orderBy(asc(checkIns.months));
const updatesOf = (app: TestApp, submissionId: string) => app.db.select().from(realisationUpdates).where(eq(realisationUpdates.submissionId, submissionId));

test('results published → the job asks the team and the need owner by mail → "no change" is one click on the page → answered, seen by the organiser', async (t) => {
  const app = await build(t, { config: { smtpUrl: mail.url }, jobs: true });
  const f = await aSolution(app, { resultsAgo: null, title: 'Skogskollen' });
  await app.db.update(users).set({ preferredLanguage: 'en' }).where(eq(users.id, f.members[1].id));

  await sendDueCheckIns(app);
  assert.equal((await checkInsOf(app, f.submission.id)).length, 0, 'nothing is planned before the results are out');

  await app.db
    .update(events)
    .set({ resultsPublished: true, resultsPublishedAt: monthsAgo(4) })
    .where(eq(events.id, f.event.id));
  assert.deepEqual(await sendDueCheckIns(app), { sent: 1, skipped: 0 });
  const planned = await checkInsOf(app, f.submission.id);
  assert.deepEqual(
    planned.map((c) => [c.months, c.status]),
    [
      [3, 'sent'],
      [6, 'scheduled'],
      [12, 'scheduled'],
      [24, 'scheduled'],
    ],
  );

  // One mail per person, in their language, each with its own link; only the hash of a token is stored.
  const swedish = await mail.waitFor((m) => m.to === f.members[0].email);
  assert.equal(swedish.subject, 'Hur går det för Skogskollen?');
  assert.match(swedish.text, /För 3 månader sedan/);
  const english = await mail.waitFor((m) => m.to === f.members[1].email);
  assert.equal(english.subject, 'How is Skogskollen doing?');
  await mail.waitFor((m) => m.to === f.owner.email);
  const link = new URL(linkIn(swedish.text, '/check-in/')).pathname;
  const token = link.split('/').pop()!;
  const stored = await app.db.select().from(checkInLinks);
  assert.equal(stored.length, 3);
  assert.ok(stored.every((l) => l.tokenHash !== token && l.usedAt === null));

  // Opening the link (as a mail scanner would) changes nothing.
  const person = new Client(app);
  const page = await person.get(link);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Hur går det för Skogskollen\?/);
  assert.match(page.body, /Du svarar för laget/);
  assert.match(page.body, /<button type="submit" class="button">Ingen förändring<\/button>/);
  assert.equal((await updatesOf(app, f.submission.id)).length, 0);

  const answered = await person.post(link, { answer: 'noChange' });
  assert.equal(answered.statusCode, 303);
  const after = await person.get(String(answered.headers.location));
  assert.match(after.body, /Tack! Ditt svar finns nu i lösningens historik/);
  assert.match(after.body, /Länken är redan använd/);
  const [update] = await updatesOf(app, f.submission.id);
  assert.equal(update.stage, null, 'no change keeps the stage (and its confirmation) as it was');
  assert.equal(update.textSv, 'Avstämning efter 3 månader: ingen förändring, fortfarande Idé.');
  assert.equal(update.textEn, 'Check-in after 3 months: no change, still Idea.');
  assert.equal(update.authorId, f.members[0].id);
  const [three] = await checkInsOf(app, f.submission.id);
  assert.equal(three.status, 'answered');
  assert.equal(three.updateId, update.id);

  // The link works once; the others' links say who answered.
  const again = await person.post(link, { answer: 'noChange' });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /Länken är redan använd/);
  const links = await linksOf(app, f);
  const owners = new Client(app);
  const ownerPage = await owners.get(links.get(f.owner.email)!);
  assert.match(ownerPage.body, /Avstämningen är redan besvarad/);
  assert.match(ownerPage.body, new RegExp(`Laget ${f.team.name} svarade redan`));
  assert.equal((await owners.post(links.get(f.owner.email)!, { answer: 'noChange' })).statusCode, 409);
  // The English reader's page opens in English (their own language), unless they chose otherwise.
  assert.match((await new Client(app).get(links.get(f.members[1].email)!)).body, /This check-in has already been answered/);
  assert.equal((await updatesOf(app, f.submission.id)).length, 1);

  // The organiser sees it from the event's management page.
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  assert.match((await organiser.get(`/events/${f.event.slug}/manage`)).body, new RegExp(`href="/events/${f.event.slug}/manage/check-ins"`));
  const overview = await organiser.get(`/events/${f.event.slug}/manage/check-ins`);
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /Skogskollen/);
  assert.match(overview.body, /<td>Besvarad<br\/><span class="meta">[^<]+<\/span><br\/><span class="meta">av Laget/);
  assert.equal((overview.body.match(/<td>Planerad<br\/>/g) ?? []).length, 3);
});

test("a need owner's stage answer is confirmed; the team's is reported; the current stage again is news that keeps a confirmation", async (t) => {
  const app = await build(t);
  const owned = await aSolution(app);
  const teamOwned = await aSolution(app);
  await sendDueCheckIns(app);

  const ownerLink = (await linksOf(app, owned)).get(owned.owner.email)!;
  const owner = new Client(app);
  const ownerPage = await owner.get(ownerLink);
  assert.match(ownerPage.body, new RegExp(`Du svarar för ${owned.org.name}, som behovsägare`));
  const res = await owner.post(ownerLink, {
    answer: 'update',
    stage: 'pilot',
    news: 'Kommunen kör en pilot i höst.',
    lang: 'sv',
    route: 'in_house',
    reference: 'KS 2026/14',
  });
  assert.equal(res.statusCode, 303);
  const [record] = await app.db.select().from(realisations).where(eq(realisations.submissionId, owned.submission.id));
  assert.equal(record.stage, 'pilot');
  assert.equal(record.confirmed, true);
  const [update] = await updatesOf(app, owned.submission.id);
  assert.equal(update.organisationId, owned.org.id);
  assert.equal(update.route, 'in_house');
  assert.equal(update.reference, 'KS 2026/14');
  assert.equal(update.textSv, 'Kommunen kör en pilot i höst.');

  const memberLink = (await linksOf(app, teamOwned)).get(teamOwned.members[0].email)!;
  const member = new Client(app);
  await member.get(memberLink);
  assert.equal(
    (await member.post(memberLink, { answer: 'update', stage: 'prototype', news: 'We have a working prototype.', lang: 'en', route: '', reference: '' }))
      .statusCode,
    303,
  );
  const [claimed] = await app.db.select().from(realisations).where(eq(realisations.submissionId, teamOwned.submission.id));
  assert.deepEqual([claimed.stage, claimed.confirmed], ['prototype', false]);
  const [news] = await updatesOf(app, teamOwned.submission.id);
  assert.deepEqual([news.organisationId, news.textEn, news.textSv], [null, 'We have a working prototype.', '']);

  // At the next check-in the team keeps the need owner's confirmed pilot: its answer is news, the pilot stays confirmed.
  await app.db
    .update(checkIns)
    .set({ dueAt: new Date(Date.now() - 1000) })
    .where(and(eq(checkIns.submissionId, owned.submission.id), eq(checkIns.months, 6)));
  await sendDueCheckIns(app);
  const teamLink = (await linksOf(app, owned)).get(owned.members[1].email)!;
  const team = new Client(app);
  assert.match((await team.get(teamLink)).body, /value="pilot" checked/);
  assert.equal(
    (await team.post(teamLink, { answer: 'update', stage: 'pilot', news: 'Piloten går bra.', lang: 'sv', route: '', reference: '' })).statusCode,
    303,
  );
  const [still] = await app.db.select().from(realisations).where(eq(realisations.submissionId, owned.submission.id));
  assert.deepEqual([still.stage, still.confirmed], ['pilot', true]);

  // Stopping: the line of news is the reason, and no more check-ins are sent.
  const ownerLater = (await linksOf(app, owned)).get(owned.owner.email)!;
  const stopper = new Client(app);
  await stopper.get(ownerLater);
  assert.equal(
    (await stopper.post(ownerLater, { answer: 'update', stage: 'stopped', news: 'Behovet löstes på annat sätt.', lang: 'sv', route: '', reference: '' }))
      .statusCode,
    409,
    'the team already answered this one',
  );
  await app.db
    .update(checkIns)
    .set({ dueAt: new Date(Date.now() - 1000) })
    .where(and(eq(checkIns.submissionId, owned.submission.id), eq(checkIns.months, 12)));
  await sendDueCheckIns(app);
  const newest = (await linksOf(app, owned)).get(owned.owner.email)!;
  await stopper.get(newest);
  assert.equal(
    (await stopper.post(newest, { answer: 'update', stage: 'stopped', news: 'Behovet löstes på annat sätt.', lang: 'sv', route: '', reference: '' }))
      .statusCode,
    303,
  );
  const [stop] = (await updatesOf(app, owned.submission.id)).filter((u) => u.stage === 'stopped');
  assert.equal(stop.reason, 'Behovet löstes på annat sätt.');
  await app.db
    .update(checkIns)
    .set({ dueAt: new Date(Date.now() - 1000) })
    .where(and(eq(checkIns.submissionId, owned.submission.id), eq(checkIns.months, 24)));
  assert.deepEqual(await sendDueCheckIns(app), { sent: 0, skipped: 1 });
  assert.deepEqual(
    (await checkInsOf(app, owned.submission.id)).map((c) => c.status),
    ['answered', 'answered', 'answered', 'skipped'],
  );
});

test('bad input on the check-in form re-renders with an error summary and leaves the link unused', async (t) => {
  const app = await build(t);
  const f = await aSolution(app);
  await sendDueCheckIns(app);
  const link = (await linksOf(app, f)).get(f.members[0].email)!;
  const client = new Client(app);
  await client.get(link);
  const valid = { answer: 'update', stage: 'prototype', news: 'En prototyp finns.', lang: 'sv', route: '', reference: '' };
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ news: 'Noll\u0000byte' }, 'news', /Texten innehåller tecken som inte kan användas/],
    [{ stage: 'flying' }, 'stage', /Välj ett av alternativen/],
    [{ news: 'x'.repeat(301) }, 'news', /högst 300 tecken/],
    [{ news: '' }, 'news', /Fyll i fältet|Skriv vad som har hänt/],
    [{ lang: 'fi' }, 'lang', /Välj ett av alternativen/],
    [{ stage: 'procurement' }, 'route', /Välj hur piloten eller upphandlingen genomförs/],
    [{ route: 'by_magic', stage: 'pilot' }, 'route', /Välj ett av alternativen/],
  ];
  for (const [change, field, message] of cases) {
    const res = await client.post(link, { ...valid, ...change });
    assert.equal(res.statusCode, 400, JSON.stringify(change));
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, new RegExp(`href="#f-${field}"`), `${JSON.stringify(change)} → ${field}`);
    assert.match(res.body, message, JSON.stringify(change));
    assert.match(res.body, /<title>Fel:/);
  }
  const kept = await client.post(link, { ...valid, news: 'x'.repeat(301) });
  assert.match(kept.body, /value="x{301}"/, 'what was typed is kept');
  const [row] = await app.db.select().from(checkInLinks).where(eq(checkInLinks.userId, f.members[0].id));
  assert.equal(row.usedAt, null);
  assert.equal((await updatesOf(app, f.submission.id)).length, 0);
  assert.equal((await client.post(link, valid)).statusCode, 303, 'the link still works after mistakes');
});

test('a link works only as itself: unknown tokens get a clear 404, expired links and former members are refused, and an answer lands on its own solution', async (t) => {
  const app = await build(t);
  const a = await aSolution(app);
  const b = await aSolution(app);
  await sendDueCheckIns(app);

  for (const path of ['/check-in/nope', `/check-in/${'A'.repeat(43)}`]) {
    const res = await new Client(app).get(path);
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Länken till avstämningen finns inte/);
    const post = await new Client(app).post(path, { answer: 'noChange' });
    assert.equal(post.statusCode, 404);
  }

  const links = await linksOf(app, a);
  // An answer through A's link never reaches B, whatever the form says.
  const first = new Client(app);
  await first.get(links.get(a.members[0].email)!);
  const res = await first.post(links.get(a.members[0].email)!, {
    answer: 'update',
    stage: 'prototype',
    news: 'Klart.',
    lang: 'sv',
    route: '',
    reference: '',
    solution: b.submission.id,
    submission: b.submission.id,
  });
  assert.equal(res.statusCode, 303);
  assert.equal((await updatesOf(app, a.submission.id)).length, 1);
  assert.equal((await updatesOf(app, b.submission.id)).length, 0);

  const bLinks = await linksOf(app, b);
  // Expired.
  await app.db
    .update(checkInLinks)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(checkInLinks.userId, b.members[0].id));
  const expired = new Client(app);
  assert.match((await expired.get(bLinks.get(b.members[0].email)!)).body, /Länken har gått ut/);
  assert.equal((await expired.post(bLinks.get(b.members[0].email)!, { answer: 'noChange' })).statusCode, 410);
  // A member who has left the team.
  await app.db.delete(teamMembers).where(eq(teamMembers.userId, b.members[1].id));
  const former = new Client(app);
  assert.match((await former.get(bLinks.get(b.members[1].email)!)).body, /Länken gäller inte längre/);
  assert.equal((await former.post(bLinks.get(b.members[1].email)!, { answer: 'noChange' })).statusCode, 403);
  assert.equal((await updatesOf(app, b.submission.id)).length, 0);
  // Without a CSRF token nothing happens either.
  assert.equal((await new Client(app).post(bLinks.get(b.owner.email)!, { answer: 'noChange', _csrf: '' })).statusCode, 403);
  assert.equal((await updatesOf(app, b.submission.id)).length, 0);
});

test('concurrency: one link used twice at once, two people answering at once, and two job runs at once each count once', async (t) => {
  const app = await build(t);
  const f = await aSolution(app);
  const g = await aSolution(app);
  // Someone in both the team and the need owner is asked once.
  const both = await aMember(app, f.org.id, 'editor');
  await app.db.insert(teamMembers).values({ teamId: f.team.id, eventId: f.event.id, userId: both.id });

  await Promise.all([sendDueCheckIns(app), sendDueCheckIns(app), sendDueCheckIns(app)]);
  for (const s of [f, g]) {
    const people = s === f ? [...f.members, f.owner, both] : [...g.members, g.owner];
    for (const p of people) assert.equal((await app.db.select().from(outbox).where(eq(outbox.toAddress, p.email))).length, 1, `one mail for ${p.email}`);
    const [three] = await checkInsOf(app, s.submission.id);
    assert.equal((await app.db.select().from(checkInLinks).where(eq(checkInLinks.checkInId, three.id))).length, people.length);
  }

  const link = (await linksOf(app, f)).get(f.members[0].email)!;
  const client = new Client(app);
  await client.get(link);
  const twice = await Promise.all([client.post(link, { answer: 'noChange' }), client.post(link, { answer: 'noChange' })]);
  assert.deepEqual(twice.map((r) => r.statusCode).sort(), [303, 409]);
  assert.match(twice.find((r) => r.statusCode === 409)!.body, /Länken är redan använd/);
  assert.equal((await updatesOf(app, f.submission.id)).length, 1);

  const gLinks = await linksOf(app, g);
  const [x, y] = [new Client(app), new Client(app)];
  await x.get(gLinks.get(g.members[0].email)!);
  await y.get(gLinks.get(g.owner.email)!);
  const race = await Promise.all([
    x.post(gLinks.get(g.members[0].email)!, { answer: 'update', stage: 'prototype', news: 'Prototyp.', lang: 'sv', route: '', reference: '' }),
    y.post(gLinks.get(g.owner.email)!, { answer: 'noChange' }),
  ]);
  assert.deepEqual(race.map((r) => r.statusCode).sort(), [303, 409]);
  assert.match(race.find((r) => r.statusCode === 409)!.body, /Avstämningen är redan besvarad/);
  assert.equal((await updatesOf(app, g.submission.id)).length, 1);
});

test('check-ins stop for a stopped solution or one in operation for a year, a late run asks once, and a later solution gets its rows then', async (t) => {
  const app = await build(t);
  const stopped = await aSolution(app);
  await app.db.insert(realisations).values({ submissionId: stopped.submission.id, stage: 'stopped' });
  const running = await aSolution(app);
  await app.db.insert(realisations).values({ submissionId: running.submission.id, stage: 'operation', stageSince: monthsAgo(13) });
  const young = await aSolution(app);
  await app.db.insert(realisations).values({ submissionId: young.submission.id, stage: 'operation', stageSince: monthsAgo(6) });
  const late = await aSolution(app, { resultsAgo: 13 });
  const hidden = await aSolution(app, { gallery: false });

  assert.deepEqual(await sendDueCheckIns(app), { sent: 2, skipped: 2 });
  const statuses = async (s: Fixture) => (await checkInsOf(app, s.submission.id)).map((c) => c.status);
  assert.deepEqual(await statuses(stopped), ['skipped', 'skipped', 'skipped', 'skipped']);
  assert.deepEqual(await statuses(running), ['skipped', 'skipped', 'skipped', 'skipped']);
  assert.deepEqual(await statuses(young), ['sent', 'scheduled', 'scheduled', 'scheduled']);
  assert.deepEqual(await statuses(late), ['skipped', 'skipped', 'sent', 'scheduled'], 'one question, not three');
  assert.equal((await app.db.select().from(outbox).where(eq(outbox.toAddress, late.members[0].email))).length, 1);
  assert.deepEqual(await statuses(hidden), [], 'not a solution yet');

  await app.db.update(events).set({ galleryPublished: true }).where(eq(events.id, hidden.event.id));
  await sendDueCheckIns(app);
  assert.deepEqual(await statuses(hidden), ['sent', 'scheduled', 'scheduled', 'scheduled']);
  assert.deepEqual(await sendDueCheckIns(app), { sent: 0, skipped: 0 }, 'nothing is sent twice');
});

test('the organiser sees overdue check-ins; only those who run the event see the page', async (t) => {
  const app = await build(t);
  const f = await aSolution(app, { title: 'Vattenvakten' });
  await sendDueCheckIns(app);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const path = `/events/${f.event.slug}/manage/check-ins`;
  assert.match((await organiser.get(path)).body, /<td>Skickad<br\/>/);
  await app.db
    .update(checkIns)
    .set({ sentAt: new Date(Date.now() - 31 * 24 * 3600_000) })
    .where(eq(checkIns.submissionId, f.submission.id));
  const overdue = await organiser.get(path);
  assert.match(overdue.body, /<td><strong>Försenad<\/strong>/);
  assert.match(overdue.body, /<dt>Försenad<\/dt><dd>1<\/dd>/);
  // Past the next one's due date counts as overdue too, even if sent recently.
  await app.db.update(checkIns).set({ sentAt: new Date() }).where(eq(checkIns.submissionId, f.submission.id));
  await app.db
    .update(checkIns)
    .set({ dueAt: new Date(Date.now() - 1000) })
    .where(and(eq(checkIns.submissionId, f.submission.id), eq(checkIns.months, 6)));
  assert.match((await organiser.get(path)).body, /<td><strong>Försenad<\/strong>/);

  const english = await organiser.get(`${path}?lang=en`);
  assert.match(english.body, /<h1>Check-ins<\/h1>/);
  assert.equal((await (await signedIn(app, f.members[0])).get(path)).statusCode, 403, 'a team member does not run the event');
  assert.equal((await (await signedIn(app, f.owner)).get(path)).statusCode, 403, 'a need owner does not run this event');
  assert.equal((await new Client(app).get(path)).statusCode, 303);
  assert.equal((await organiser.get('/events/no-such-event/manage/check-ins')).statusCode, 404);
  const notYet = await aSolution(app, { resultsAgo: null });
  // (The organiser chose English above, and the language cookie keeps it.)
  assert.match((await organiser.get(`/events/${notYet.event.slug}/manage/check-ins`)).body, /Check-ins start when the results are published/);
});
