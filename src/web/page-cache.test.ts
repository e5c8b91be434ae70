import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../test/app.ts';
import { aChallenge, aMember, aNeedOwner, challengeFields, signedIn } from '../test/factories.ts';

test('public pages are kept for anonymous visitors only, per language, and forgotten after a change', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id);
  const challenge = await aChallenge(app, org, editor.id, { titleSv: 'Renare luft i skolor' }, 'published');
  const visitor = new Client(app);
  const page = `/challenges/${challenge.slug}`;

  const first = await visitor.get(page);
  assert.equal(first.headers['x-page-cache'], undefined);
  const second = await visitor.get(page);
  assert.equal(second.headers['x-page-cache'], 'hit');
  assert.equal(second.body, first.body);
  assert.match(String(second.headers['content-type']), /text\/html/);

  const english = await new Client(app, { 'accept-language': 'en' }).get(page);
  assert.match(english.body, /<html lang="en"/, 'each language is kept apart');

  const client = await signedIn(app, editor);
  const own = await client.get(page);
  assert.equal(own.headers['x-page-cache'], undefined, 'a signed-in reader always gets their own page');
  assert.match(own.body, /\/edit"/);
  assert.doesNotMatch(second.body, /\/edit"/, 'and what they see is never kept for others');

  await client.get(`${page}/edit`);
  assert.equal((await client.post(`${page}/edit`, challengeFields(org.slug, { titleSv: 'Renare luft i förskolor' }))).statusCode, 303);
  const after = await visitor.get(page);
  assert.equal(after.headers['x-page-cache'], undefined);
  assert.match(after.body, /Renare luft i förskolor/, 'a change forgets the kept pages');

  const missing = await visitor.get('/challenges/no-such-challenge');
  assert.equal(missing.statusCode, 404);
  assert.equal((await visitor.get('/challenges/no-such-challenge')).headers['x-page-cache'], undefined, 'errors are not kept');
});
