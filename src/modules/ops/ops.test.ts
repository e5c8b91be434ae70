import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../../test/app.ts';

test('/healthz checks the database and answers JSON', async (t) => {
  const app = await build(t);
  const res = await app.inject('/healthz');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database.ok, true);
  assert.equal(body.database.kind, process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');
});

test('/metrics serves Prometheus text with request durations by route pattern, and can require a token', async (t) => {
  const app = await build(t);
  await app.inject('/privacy');
  await app.inject('/organisations/does-not-exist');
  const res = await app.inject('/metrics');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/plain/);
  assert.match(res.body, /http_request_duration_seconds_count\{method="GET",route="\/privacy",status_code="200"\} 1/);
  assert.match(res.body, /route="\/organisations\/:slug",status_code="404"/);
  assert.match(res.body, /process_cpu_user_seconds_total/);

  const closed = await build(t, { config: { metricsToken: 's3cret' } });
  assert.equal((await closed.inject('/metrics')).statusCode, 401);
  assert.equal((await closed.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong!' } })).statusCode, 401);
  assert.equal((await closed.inject({ url: '/metrics', headers: { authorization: 'Bearer s3cret' } })).statusCode, 200);
});

test('the OpenAPI document describes the JSON API, and its UI is served', async (t) => {
  const app = await build(t);
  const doc = (await app.inject('/api/openapi.json')).json();
  assert.match(doc.openapi, /^3\./);
  assert.ok(doc.paths['/api/v1/me'].get);
  assert.ok(doc.paths['/api/v1/me'].patch.requestBody);
  assert.ok(doc.paths['/healthz'].get);
  assert.equal(doc.paths['/signin'], undefined, 'pages are not part of the API document');
  const ui = await app.inject('/api/docs');
  assert.ok([200, 302].includes(ui.statusCode));
  const page = await app.inject('/api/docs/');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /swagger/i);
});

test('responses carry a request id (given or generated) and strict security headers', async (t) => {
  const app = await build(t);
  const given = await app.inject({ url: '/', headers: { 'x-request-id': 'abc-123' } });
  assert.equal(given.headers['x-request-id'], 'abc-123');
  const hostile = await app.inject({ url: '/', headers: { 'x-request-id': '<script>' } });
  assert.match(String(hostile.headers['x-request-id']), /^[0-9a-f-]{36}$/);

  const csp = String(given.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(given.headers['x-content-type-options'], 'nosniff');
  assert.match(String(given.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.deepEqual(
    [...given.body.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
    ['<script src="/assets/app.js" type="module">'],
    'one external script, no inline ones',
  );
});

test('404 and 500 pages come in both languages; API errors are JSON with stable codes', async (t) => {
  const app = await build(t, {
    extend: (app) =>
      app.get('/boom', async () => {
        throw new Error('secret internal detail');
      }),
  });
  const sv = await app.inject('/no-such-page');
  assert.equal(sv.statusCode, 404);
  assert.match(sv.body, /<html lang="sv"/);
  assert.match(sv.body, /Sidan finns inte/);
  const en = await app.inject({ url: '/no-such-page', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.match(en.body, /<html lang="en"/);
  assert.match(en.body, /Page not found/);

  const boom = await app.inject({ url: '/boom', headers: { 'accept-language': 'en' } });
  assert.equal(boom.statusCode, 500);
  assert.match(boom.body, /Something went wrong/);
  assert.doesNotMatch(boom.body, /secret internal detail/);

  const api = await app.inject('/api/v1/nothing');
  assert.equal(api.statusCode, 404);
  assert.deepEqual(api.json(), { error: { code: 'not_found', message: 'Vi hittar inte sidan du letar efter.' } });
});

test('language: ?lang= wins and is remembered in a cookie, else Accept-Language, else Swedish', async (t) => {
  const app = await build(t);
  const client = new Client(app, { 'accept-language': 'en' });
  assert.match((await client.get('/')).body, /<html lang="en"/);
  const switched = await client.get('/privacy?lang=sv');
  assert.match(switched.body, /<html lang="sv"/);
  assert.match(switched.body, /href="\/privacy\?lang=en" lang="en" hreflang="en">In English</);
  assert.match((await client.get('/')).body, /<html lang="sv"/, 'the choice is kept');
  assert.match((await new Client(app, { 'accept-language': 'fi, de' }).get('/')).body, /<html lang="sv"/);
});
