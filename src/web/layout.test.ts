import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../test/app.ts';
import { aUser, PASSWORD, signedIn } from '../test/factories.ts';

/** What <main> holds first: its first element's opening tag. */
const firstInMain = (html: string) => /<main [^>]*>(<[^>]+>)/.exec(html)?.[1];

test('a failed form puts its error summary first in <main>, before the introduction and the page heading', async (t) => {
  const app = await build(t);
  const signup = await new Client(app).post('/signup', { name: '', email: 'not-an-address', password: 'short' });
  assert.equal(signup.statusCode, 400);
  assert.equal(firstInMain(signup.body), '<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">');
  assert.equal(signup.body.match(/class="error-summary"/g)?.length, 1, 'shown once');

  // The accessibility statement's feedback form comes after the whole statement; its summary is still at the top.
  const feedback = await new Client(app).post('/accessibility/feedback', { message: '' });
  assert.equal(feedback.statusCode, 400);
  assert.match(firstInMain(feedback.body)!, /^<div class="error-summary"/);
  assert.ok(feedback.body.indexOf('class="error-summary"') < feedback.body.indexOf('<h1>'));
  assert.match(feedback.body, /<title>Fel: /);
});

test('a flash message after a redirect is shown in a success notification banner at the top of <main>', async (t) => {
  const app = await build(t);
  const user = await aUser(app);
  const client = await signedIn(app, { email: user.email, password: PASSWORD });
  const out = await client.post('/signout');
  assert.equal(out.statusCode, 303);
  const home = await client.get(out.headers.location as string);
  assert.equal(firstInMain(home.body), '<div class="notice notice--success" role="status">');
  assert.match(home.body, /<div class="notice notice--success" role="status">Du är utloggad/);
});
