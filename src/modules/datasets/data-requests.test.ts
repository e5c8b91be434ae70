import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, anOrganisation, aUser, signedIn } from '../../test/factories.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { datasets, follows, notices, users } from '../../db/schema/index.ts';
import { noticeText } from '../notifications/render.ts';
import { translator } from '../../web/i18n.ts';

const mail = await startMailServer();
const withMail = { config: { smtpUrl: mail.url, organiserEmail: 'digg@example.org' }, jobs: true };

async function setting(app: TestApp) {
  const org = await aNeedOwner(app, { name: 'Södertälje kommun', type: 'municipality' });
  const editorUser = await aMember(app, org.id);
  const englishMember = await aMember(app, org.id);
  await app.db.update(users).set({ preferredLanguage: 'en' }).where(eq(users.id, englishMember.id));
  const challenge = await aChallenge(app, org, editorUser.id, { titleSv: 'Resor utan bil' });
  const askerUser = await aUser(app);
  const asker = await signedIn(app, askerUser);
  return { org, editorUser, englishMember, challenge, askerUser, asker };
}

const fields = (overrides: Record<string, string> = {}) => ({
  title: 'Hållplatser som GeoJSON',
  description: 'Vi behövde busshållplatserna med koordinater för att rita en karta över resor utan bil.',
  format: 'GeoJSON',
  challenge: '',
  event: '',
  ...overrides,
});

test('a participant asks a publisher for data for a challenge; the publisher answers it published; the asker and followers are told', async (t) => {
  const app = await build(t, withMail);
  const { org, editorUser, englishMember, challenge, askerUser, asker } = await setting(app);
  const newUrl = `/organisations/${org.slug}/data-requests/new`;

  assert.match((await new Client(app).get(newUrl)).headers.location ?? '', /^\/signin/, 'asking needs an account');
  const form = await asker.get(`${newUrl}?challenge=${challenge.id}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Resor utan bil/);

  const posted = await asker.post(`${newUrl}?challenge=${challenge.id}`, fields({ challenge: challenge.id }));
  assert.equal(posted.statusCode, 303);
  const requestUrl = /^\/data-requests\/[0-9a-f-]{36}$/.exec(posted.headers.location ?? '')?.[0];
  assert.ok(requestUrl, 'the asker lands on the request');

  // Every member of the publisher is mailed, each in their language.
  const sv = await mail.waitFor((m) => m.to === editorUser.email && /Nytt önskemål om data/.test(m.subject));
  assert.match(sv.text, /Hållplatser som GeoJSON/);
  assert.match(sv.text, /GeoJSON/);
  assert.ok(sv.text.includes(requestUrl));
  await mail.waitFor((m) => m.to === englishMember.email && /New data request/.test(m.subject));

  // Public: on its own page, the challenge page and the organisation page, without the asker's name.
  const page = await new Client(app).get(requestUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Inte besvarat/);
  assert.doesNotMatch(page.body, new RegExp(askerUser.email));
  assert.doesNotMatch(page.body, /action="[^"]*\/answer"/, 'the public gets no answer form');
  assert.doesNotMatch((await asker.get(requestUrl)).body, /action="[^"]*\/answer"/, 'nor does the asker');
  assert.match(
    (await new Client(app).get(`/challenges/${challenge.slug}`)).body,
    new RegExp(`href="${requestUrl}">Hållplatser som GeoJSON</a> · Inte besvarat`),
  );
  const orgPage = (await new Client(app).get(`/organisations/${org.slug}`)).body;
  assert.match(orgPage, new RegExp(`href="${requestUrl}"`));
  assert.match(orgPage, /href="\/open-data\/data-requests.csv"/);

  // Followers of the challenge and of the publisher are told of the answer; the editor's own follow is not.
  const challengeFollower = await aUser(app);
  const orgFollower = await aUser(app);
  await app.db.insert(follows).values([
    { userId: challengeFollower.id, targetType: 'challenge', targetId: challenge.id },
    { userId: orgFollower.id, targetType: 'organisation', targetId: org.id },
    { userId: editorUser.id, targetType: 'organisation', targetId: org.id },
  ]);

  const editor = await signedIn(app, editorUser);
  const inbox = await editor.get('/data-requests');
  assert.match(inbox.body, new RegExp(`href="${requestUrl}"`));
  const [dataset] = await app.db
    .insert(datasets)
    .values({ organisationId: org.id, key: 'stops', iri: 'http://example.se/stops', titleSv: 'Hållplatser' })
    .returning();
  assert.match((await editor.get(requestUrl)).body, new RegExp(`<option value="${dataset.id}"`), 'the publisher picks among its datasets');
  const answered = await editor.post(`${requestUrl}/answer`, { status: 'published', answer: 'Nu finns de som GeoJSON.', dataset: dataset.id });
  assert.equal(answered.statusCode, 303);

  const told = await mail.waitFor((m) => m.to === askerUser.email && /Svar på ditt önskemål om data/.test(m.subject));
  assert.match(told.text, /Status: Publicerat/);
  assert.match(told.text, /Nu finns de som GeoJSON/);
  const after = await new Client(app).get(requestUrl);
  assert.match(after.body, /Publicerat/);
  assert.match(after.body, new RegExp(`href="/datasets/${dataset.id}"`));
  assert.doesNotMatch((await editor.get('/data-requests')).body, new RegExp(requestUrl), 'answered requests leave the open list');
  assert.match((await editor.get('/data-requests?state=answered')).body, new RegExp(requestUrl));

  const told2 = await app.db
    .select()
    .from(notices)
    .where(and(eq(notices.kind, 'dataRequest.answered'), eq(notices.path, requestUrl)));
  assert.deepEqual(told2.map((n) => n.userId).sort(), [challengeFollower.id, orgFollower.id].sort());
  assert.equal(noticeText(translator('en'), told2[0]), 'Hållplatser som GeoJSON: the publisher has answered – Published');
  assert.equal(noticeText(translator('sv'), told2[0]), 'Hållplatser som GeoJSON: utgivaren har svarat – Publicerat');

  // Open data: the request and its answer, never who asked.
  const json = await new Client(app).get('/open-data/data-requests.json');
  const [row] = (json.json() as Record<string, unknown>[]).filter((r) => r.publisher === org.slug);
  assert.equal(row.title, 'Hållplatser som GeoJSON');
  assert.equal(row.status, 'published');
  assert.equal(row.dataset, dataset.id);
  assert.equal(row.challenge, challenge.slug);
  assert.equal(row.publisher, org.slug);
  assert.doesNotMatch(json.body, new RegExp(askerUser.email));
  const csv = await new Client(app).get('/open-data/data-requests.csv');
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(csv.body, /^id,title,description,format,status,answer,publisher,/);
  assert.match(csv.body, /Hållplatser som GeoJSON,.*,GeoJSON,published,Nu finns de som GeoJSON\./);
});

test('a request is refused with a clear error for bad input, and nothing is saved', async (t) => {
  const app = await build(t);
  const { org, asker, editorUser } = await setting(app);
  const newUrl = `/organisations/${org.slug}/data-requests/new`;
  await asker.get(newUrl);
  const cases: [Record<string, string>, string][] = [
    [{ title: '', description: '' }, 'title'],
    [{ description: 'kort' }, 'description'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ description: 'Hållplatser\u0000 med koordinater för kartan' }, 'description'],
    [{ format: 'G'.repeat(101) }, 'format'],
    [{ challenge: '00000000-0000-4000-8000-000000000000' }, 'challenge'],
    [{ challenge: 'inte-ett-id' }, 'challenge'],
    [{ event: '00000000-0000-4000-8000-000000000000' }, 'event'],
    [{ challenge: (await aChallenge(app, org, editorUser.id, {}, 'draft')).id }, 'challenge'],
    [{ event: (await anEvent(app, { status: 'draft' })).id }, 'event'],
  ];
  for (const [input, field] of cases) {
    const res = await asker.post(newUrl, fields(input));
    assert.equal(res.statusCode, 400, JSON.stringify(input));
    assert.match(res.body, new RegExp(`href="#f-${field}"`), JSON.stringify(input));
  }
  assert.equal((await asker.post('/organisations/ingen-sadan/data-requests/new', fields())).statusCode, 404);
  const saved = (await new Client(app).get('/open-data/data-requests.json')).json() as { publisher: string }[];
  assert.equal(saved.filter((r) => r.publisher === org.slug).length, 0);
});

test('only the publisher answers; a published answer needs one of its datasets, a declined one a reason', async (t) => {
  const app = await build(t);
  const { org, editorUser, asker } = await setting(app);
  await asker.get(`/organisations/${org.slug}/data-requests/new`);
  const requestUrl = (await asker.post(`/organisations/${org.slug}/data-requests/new`, fields())).headers.location!;
  const other = await anOrganisation(app);
  const [theirs] = await app.db
    .insert(datasets)
    .values({ organisationId: other.id, key: 'theirs', iri: 'http://example.se/theirs', titleSv: 'Deras' })
    .returning();

  const outsider = await signedIn(app, await aMember(app, other.id));
  assert.doesNotMatch((await outsider.get('/data-requests?state=all')).body, new RegExp(requestUrl));
  assert.equal((await outsider.post(`${requestUrl}/answer`, { status: 'declined', answer: 'Nej.' })).statusCode, 403);
  assert.equal((await asker.post(`${requestUrl}/answer`, { status: 'planned', answer: '' })).statusCode, 403, 'the asker cannot answer');

  const editor = await signedIn(app, editorUser);
  await editor.get(requestUrl);
  const cases: [Record<string, string>, string][] = [
    [{ status: 'declined', answer: '' }, 'answer'],
    [{ status: 'published', answer: 'Klart.', dataset: '' }, 'dataset'],
    [{ status: 'published', answer: 'Klart.', dataset: theirs.id }, 'dataset'],
    [{ status: 'published', answer: 'Klart.', dataset: 'inte-ett-id' }, 'dataset'],
    [{ status: 'done', answer: 'Klart.' }, 'status'],
    [{ status: 'planned', answer: 'x'.repeat(2001) }, 'answer'],
    [{ status: 'planned', answer: 'Till\u0000 hösten' }, 'answer'],
  ];
  for (const [input, field] of cases) {
    const res = await editor.post(`${requestUrl}/answer`, input);
    assert.equal(res.statusCode, 400, JSON.stringify(input));
    assert.match(res.body, new RegExp(`href="#f-${field}"`), JSON.stringify(input));
  }
  assert.match((await new Client(app).get(requestUrl)).body, /Inte besvarat/, 'nothing was saved');

  assert.equal((await editor.post('/data-requests/00000000-0000-4000-8000-000000000000/answer', { status: 'planned' })).statusCode, 404);
  assert.equal((await editor.post('/data-requests/inte-ett-id/answer', { status: 'planned' })).statusCode, 404);
  assert.equal((await new Client(app).get('/data-requests/inte-ett-id')).statusCode, 404);

  assert.equal((await editor.post(`${requestUrl}/answer`, { status: 'declined', answer: 'Uppgifterna är sekretessbelagda.' })).statusCode, 303);
  const page = (await new Client(app).get(requestUrl)).body;
  assert.match(page, /Avböjt/);
  assert.match(page, /Uppgifterna är sekretessbelagda/);
  assert.equal((await editor.post(`${requestUrl}/answer`, { status: 'planned', answer: '' })).statusCode, 303, 'planned needs no text');
});

test('a request made at an event is tied to it and shows it', async (t) => {
  const app = await build(t);
  const { org, asker } = await setting(app);
  const event = await anEvent(app);
  const newUrl = `/organisations/${org.slug}/data-requests/new?event=${event.id}`;
  assert.match((await asker.get(newUrl)).body, new RegExp(event.titleSv));
  const posted = await asker.post(newUrl, fields({ event: event.id, format: '' }));
  assert.equal(posted.statusCode, 303);
  const page = (await new Client(app).get(posted.headers.location!)).body;
  assert.match(page, new RegExp(`href="/events/${event.slug}"`));
  assert.doesNotMatch(page, /Önskat format/, 'no format wanted, none shown');
  const [row] = ((await new Client(app).get('/open-data/data-requests.json')).json() as Record<string, unknown>[]).filter((r) => r.publisher === org.slug);
  assert.equal(row.event, event.slug);
  assert.equal(row.challenge, null);
});

test('a request to a publisher without members here goes to the organiser, who answers it', async (t) => {
  const app = await build(t, withMail);
  const agency = await anOrganisation(app, { name: 'Trafikverket', type: 'agency' });
  const asker = await signedIn(app, await aUser(app));
  await asker.get(`/organisations/${agency.slug}/data-requests/new`);
  const requestUrl = (await asker.post(`/organisations/${agency.slug}/data-requests/new`, fields({ title: 'Vägarbeten som API' }))).headers.location!;
  const told = await mail.waitFor((m) => m.to === 'digg@example.org' && /Vägarbeten som API/.test(m.subject));
  assert.ok(told.text.includes(requestUrl));
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  assert.match((await organiser.get('/data-requests')).body, new RegExp(requestUrl));
  await organiser.get(requestUrl);
  assert.equal((await organiser.post(`${requestUrl}/answer`, { status: 'planned', answer: 'Vi har frågat Trafikverket.' })).statusCode, 303);
});
