import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../test/app.ts';
import { eq } from 'drizzle-orm';
import { aChallenge, aMember, aNeedOwner, anEvent, aRegistrant, aUser, openForRegistration, signedIn } from '../test/factories.ts';
import type { FastifyRequest } from 'fastify';
import { events, notices } from '../db/schema/index.ts';
import type { Db } from '../db/client.ts';
import { keptHtml } from './kept-html.ts';
import { versionPerRequest, versionRead } from './changes.ts';
import type { PageContextValue } from './page-context.ts';

const signOutToken = (html: string) => /action="\/signout"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(html)?.[1];

test('the kept page frame gives every reader a fresh sign-out token of their own, their own header, and one reader’s token does not sign out another', async (t) => {
  const app = await build(t);
  const alice = await aUser(app, { name: 'Alice' });
  const bob = await aUser(app, { name: 'Bob', organiser: true });
  const asAlice = await signedIn(app, alice);
  const asBob = await signedIn(app, bob);

  const first = (await asAlice.get('/challenges')).body;
  const second = (await asAlice.get('/challenges')).body;
  const bobs = (await asBob.get('/challenges')).body;
  const tokens = [signOutToken(first), signOutToken(second), signOutToken(bobs)];
  assert.ok(tokens.every(Boolean), 'every signed-in page has the sign-out form with a token');
  assert.equal(new Set(tokens).size, 3, 'a fresh token for each page, as before the frame was kept');
  assert.doesNotMatch(first, /csrf[0-9a-f]{32}/, 'no mark is left where the token goes');
  assert.doesNotMatch(first, />Administration</, 'the organiser’s link is not in the participant’s header');
  assert.match(bobs, />Administration</);

  // A notice arrives: the very next page's header counts it, from the same kept address.
  await app.db.insert(notices).values({ userId: alice.id, kind: 'something.new', path: '/challenges', params: {} });
  assert.match((await asAlice.get('/challenges')).body, /Notiser \(olästa: 1\)/);
  assert.doesNotMatch((await asBob.get('/challenges')).body, /olästa/);

  // Bob's token is bound to Bob: with it, Alice's sign-out is refused; with her own it works.
  const refused = await asAlice.post('/signout', { _csrf: tokens[2]! });
  assert.equal(refused.statusCode, 403);
  const done = await asAlice.post('/signout', { _csrf: tokens[1]! });
  assert.equal(done.statusCode, 303);
  assert.doesNotMatch((await asAlice.get('/challenges')).body, /action="\/signout"/, 'signed out: the frame for nobody');
});

test('a kept list body shows a new challenge on the next request, and what the route says about the reader (may they write one) is kept apart', async (t) => {
  const app = await build(t);
  const owner = await aNeedOwner(app);
  const editor = await aMember(app, owner.id);
  const asEditor = await signedIn(app, editor);
  const asParticipant = await signedIn(app, await aUser(app));

  const newButton = /href="\/challenges\/new"/;
  await aChallenge(app, owner, editor.id, { titleSv: 'Cykelvägar i Södertälje' });
  assert.match((await asEditor.get('/challenges')).body, newButton);
  assert.doesNotMatch((await asParticipant.get('/challenges')).body, newButton, 'the editor’s kept body is not the participant’s');
  assert.match((await asEditor.get('/challenges')).body, newButton);

  await aChallenge(app, owner, editor.id, { titleSv: 'Badplatser i Mälaren' });
  const after = (await asParticipant.get('/challenges')).body;
  assert.match(after, /Badplatser i Mälaren/, 'a change is seen on the next request');
  assert.match(after, /Cykelvägar i Södertälje/);
  assert.match((await asParticipant.get('/challenges?lang=en')).body, /<html lang="en"/, 'each language its own');
});

test('a kept body that reads the reader or a CSRF token while it renders is not kept, so it cannot reach another reader', async () => {
  const db = {} as Db; // only a key here: the version is given, no query runs
  const req = { server: { db, readDb: db }, lang: 'sv', url: '/lista' } as unknown as FastifyRequest;
  const context = { user: { id: 'u1' }, csrfToken: 'token-1', errorSummaries: [] } as unknown as PageContextValue;
  const renders = { impersonal: 0, personal: 0, token: 0 };
  const impersonal = () => `<p>${++renders.impersonal}</p>`;
  const personal = (c: PageContextValue) => `<p>${c.user?.id}${++renders.personal}</p>`;
  const token = (c: PageContextValue) => `<input value="${c.csrfToken}">${++renders.token}`;
  await new Promise<void>((done) =>
    versionPerRequest(null, null, () => {
      versionRead(db, '7');
      for (let i = 0; i < 3; i++) {
        assert.equal(keptHtml(req, 'a', context, impersonal), '<p>1</p>');
        keptHtml(req, 'b', context, personal);
        keptHtml(req, 'c', context, token);
      }
      done();
    }),
  );
  assert.deepEqual(renders, { impersonal: 1, personal: 3, token: 3 });
});

test('a kept part of a page (what an event says about itself) is shared by its readers, while their registration stays their own and a change shows at once', async (t) => {
  const app = await build(t);
  const event = await anEvent(app, { capacity: 5, phases: openForRegistration });
  const registered = await signedIn(app, await aRegistrant(app, event));
  const other = await signedIn(app, await aUser(app));
  const path = `/events/${event.slug}`;

  const theirs = (await registered.get(path)).body;
  const mine = (await other.get(path)).body;
  assert.match(theirs, /Du är anmäld\./);
  assert.doesNotMatch(mine, /Du är anmäld\./, 'one reader’s registration is not another’s');
  assert.match(mine, /Anmäl mig/);
  for (const page of [theirs, mine]) assert.match(page, /1 av 5 platser tagna/);
  assert.notEqual(signOutToken(theirs), signOutToken(mine));

  await aRegistrant(app, event);
  await app.db.update(events).set({ descriptionSv: 'Nu med frukost.' }).where(eq(events.id, event.id));
  const after = (await other.get(path)).body;
  assert.match(after, /2 av 5 platser tagna/, 'counted on the next request');
  assert.match(after, /Nu med frukost\./);
  assert.match((await registered.get(path)).body, /Du är anmäld\./);
});
