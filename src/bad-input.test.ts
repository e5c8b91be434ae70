import { test } from 'node:test';
import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { build, Client, type TestApp } from './test/app.ts';
import { aChallenge, aMember, aNeedOwner, aUser, challengeFields, signedIn } from './test/factories.ts';
import { challenges, feedback, needOwnerApplications, organisations, users } from './db/schema/index.ts';

const SCRIPT = '<script>alert(1)</script>';
const QUOTES = `"'><img src=x onerror=alert(2)>`;
const SQL = `'; drop table users; --`;
const hostileValues = [SCRIPT, QUOTES, SQL, 'x'.repeat(20_000), '\u0000', 'a\uFFFDb'];

/** Every HTML form with its fields; `:org` is an organisation the signed-in editor belongs to. */
const challengeFieldNames = Object.keys(challengeFields('x'));
const forms: { path: string; fields: string[]; signedIn?: boolean | 'organiser'; emptyIsValid?: boolean; linkPage?: boolean }[] = [
  { path: '/signup', fields: ['name', 'email', 'password', 'consent'] },
  { path: '/signin', fields: ['email', 'password', 'next'] },
  { path: '/forgot-password', fields: ['email'] },
  // Well-formed values with an unknown token get the "link does not work" page instead of field errors.
  { path: '/reset-password', fields: ['token', 'password'], linkPage: true },
  { path: '/accessibility/feedback', fields: ['message', 'pageUrl', 'replyTo'] },
  { path: '/account/profile', fields: ['name', 'roles', 'skills', 'languages', 'bio', 'preferredLanguage'], signedIn: true },
  { path: '/account/delete', fields: ['confirm'], signedIn: true },
  { path: '/notices/mail', fields: ['noticeMail'], signedIn: true },
  { path: '/organisations/:org/edit', fields: ['description', 'website'], signedIn: true, emptyIsValid: true },
  { path: '/organisations/apply', fields: ['name', 'type', 'orgNumber', 'foreign', 'website', 'motivation'], signedIn: true },
  { path: '/organisations/:org/members/invite', fields: ['email', 'role'], signedIn: true },
  { path: '/challenges', fields: challengeFieldNames, signedIn: true },
  { path: '/challenges/:challenge/edit', fields: challengeFieldNames, signedIn: true },
  { path: '/admin/applications/:application/decision', fields: ['decision', 'reason'], signedIn: 'organiser' },
];

async function setUp(t: Parameters<typeof build>[0]) {
  const app = await build(t, { config: { rateLimit: { signInPerMinute: 10_000, resetPerHour: 10_000 } } });
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id, 'owner');
  const organiser = await aUser(app, { organiser: true });
  const challenge = await aChallenge(app, org, editor.id);
  const [application] = await app.db.insert(needOwnerApplications).values({ organisationId: org.id, motivation: 'Vi vill publicera utmaningar.' }).returning();
  return { app, org, editor, organiser, challenge, application };
}

async function counts(app: TestApp) {
  const result = await app.db.execute(sql`select (select count(*)::int from ${users}) as users, (select count(*)::int from ${feedback}) as feedback`);
  return (result as unknown as { rows: { users: number; feedback: number }[] }).rows[0];
}

test('every form answers hostile, overlong and undecodable values with errors in the page, escaped, storing nothing', async (t) => {
  const { app, org, editor, organiser, challenge, application } = await setUp(t);
  const before = await counts(app);
  const failures: string[] = [];
  for (const form of forms) {
    const client = form.signedIn ? await signedIn(app, form.signedIn === 'organiser' ? organiser : editor) : new Client(app);
    const path = form.path.replace(':org', org.slug).replace(':challenge', challenge.slug).replace(':application', application.id);
    await client.get(form.signedIn ? '/account' : '/signin');
    for (const value of hostileValues) {
      const res = await client.post(path, Object.fromEntries(form.fields.map((f) => [f, value])));
      if (res.statusCode !== 400) failures.push(`${path} with ${JSON.stringify(value.slice(0, 20))}: status ${res.statusCode}`);
      if (res.body.includes('<script>alert') || res.body.includes('<img src=x')) failures.push(`${path}: unescaped hostile text`);
      const explained = res.body.includes('class="error-summary"') || (form.linkPage && res.body.includes('Länken fungerar inte'));
      if (!explained) failures.push(`${path} with ${JSON.stringify(value.slice(0, 20))}: no error summary`);
    }
    if (form.emptyIsValid) continue;
    const empty = await client.post(path, {});
    if (empty.statusCode !== 400 || !empty.body.includes('error-summary')) failures.push(`${path} empty: ${empty.statusCode}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(await counts(app), before, 'no rows were added by rejected forms');
  assert.equal((await app.db.select().from(challenges)).length, 1, 'no challenge was created');
  assert.equal((await app.db.select().from(challenges).where(eq(challenges.id, challenge.id)))[0].titleSv, challenge.titleSv, 'nor changed');
  assert.equal((await app.db.select().from(needOwnerApplications).where(eq(needOwnerApplications.id, application.id)))[0].status, 'pending');
  const [kept] = await app.db.select().from(organisations).where(eq(organisations.id, org.id));
  assert.equal(kept.description, '', 'the organisation was not changed');
  assert.ok((await app.db.select().from(users).where(eq(users.id, editor.id)))[0].email, 'the account was not deleted');
});

test('hostile text that is valid is stored as typed and always comes back escaped', async (t) => {
  const { app, org, editor } = await setUp(t);
  const client = await signedIn(app, editor);
  await client.get(`/organisations/${org.slug}/edit`);
  const text = `${SCRIPT} ${QUOTES} ${SQL}`;
  assert.equal((await client.post(`/organisations/${org.slug}/edit`, { description: text, website: '' })).statusCode, 303);
  const [row] = await app.db.select().from(organisations).where(eq(organisations.id, org.id));
  assert.equal(row.description, text);
  const page = await new Client(app).get(`/organisations/${org.slug}`);
  assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script>'));
  assert.ok(!page.body.includes('<script>'));
  assert.ok(!page.body.includes('<img src=x'));
  const profile = await client.post('/account/profile', { name: QUOTES, roles: [], skills: SCRIPT, languages: '', bio: SQL, preferredLanguage: 'sv' });
  assert.equal(profile.statusCode, 303);
  const account = await client.get('/account');
  assert.ok(account.body.includes('value="&quot;\'>&lt;img src=x onerror=alert(2)>"'));
  assert.equal((await client.get('/api/v1/me')).json().name, QUOTES);
});

test('a form with a value that is not one of the choices is refused (wrong type), unknown fields are ignored', async (t) => {
  const { app, editor } = await setUp(t);
  const client = await signedIn(app, editor);
  await client.get('/account');
  const res = await client.post('/account/profile', {
    name: 'Ok',
    roles: ['developer', 'root'],
    skills: '',
    languages: '',
    bio: '',
    preferredLanguage: 'sv',
    isOrganiser: 'true',
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /href="#f-roles"[^>]*>Vad gör du\?: Välj ett av alternativen/);
  const ok = await client.post('/account/profile', { name: 'Ok', skills: '', languages: '', bio: '', preferredLanguage: 'sv', isOrganiser: 'true' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await app.db.select().from(users).where(eq(users.id, editor.id)))[0].isOrganiser, false);
});

test('the JSON API answers bad bodies with stable error codes and changes nothing', async (t) => {
  const { app, editor } = await setUp(t);
  const client = await signedIn(app, editor);
  client.csrfToken = (await client.get('/api/v1/csrf-token')).json().token;
  const cases: [string, string, number, string][] = [
    ['wrong type', JSON.stringify({ name: 42 }), 422, 'validation_failed'],
    ['array instead of string', JSON.stringify({ bio: ['x'] }), 422, 'validation_failed'],
    ['overlong', JSON.stringify({ bio: 'x'.repeat(1001) }), 422, 'validation_failed'],
    ['unknown field', JSON.stringify({ isOrganiser: true }), 422, 'validation_failed'],
    ['NUL byte', JSON.stringify({ bio: 'a\u0000b' }), 422, 'validation_failed'],
    ['nested NUL', JSON.stringify({ skills: ['ok', 'a\u0000'] }), 422, 'validation_failed'],
    ['empty name', JSON.stringify({ name: '  ' }), 422, 'validation_failed'],
    ['malformed JSON', '{"name": ', 400, 'bad_request'],
    ['not an object', '"just a string"', 422, 'validation_failed'],
  ];
  for (const [what, body, status, code] of cases) {
    const res = await client.json('PATCH', '/api/v1/me', body);
    assert.equal(res.statusCode, status, what);
    assert.equal(res.json().error.code, code, what);
    assert.equal(typeof res.json().error.message, 'string', what);
  }
  const invalidUtf8 = await client.request('PATCH', '/api/v1/me', undefined, {});
  assert.ok(invalidUtf8.statusCode >= 400);
  const bytes = await app.inject({
    method: 'PATCH',
    url: '/api/v1/me',
    payload: Buffer.concat([Buffer.from('{"bio":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    headers: { 'content-type': 'application/json', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': client.csrfToken! },
  });
  assert.equal(bytes.statusCode, 422);
  assert.equal(bytes.json().error.fields.bio, 'Texten innehåller tecken som inte kan användas');
  const wrongType = await client.request('PATCH', '/api/v1/me', 'bio=x', { 'content-type': 'text/plain', 'x-csrf-token': client.csrfToken! });
  assert.equal(wrongType.statusCode, 415);
  assert.equal(wrongType.json().error.code, 'unsupported_media_type');
  assert.equal((await client.get('/api/v1/me')).json().bio, '', 'nothing was stored');
});

test('bodies over the limit are refused with 413, as a page for forms and JSON for the API', async (t) => {
  const { app } = await setUp(t);
  const client = new Client(app);
  const page = await client.post('/accessibility/feedback', { message: 'x'.repeat(1_100_000) });
  assert.equal(page.statusCode, 413);
  assert.match(page.body, /för stort/);
  const api = await client.json('PATCH', '/api/v1/me', { bio: 'x'.repeat(1_100_000) });
  assert.equal(api.statusCode, 413);
  assert.equal(api.json().error.code, 'payload_too_large');
});

test('every GET route answers NUL, control characters and undecodable bytes in a path parameter or the query with a 400, never a 5xx', async (t) => {
  const { app, organiser } = await setUp(t);
  const client = await signedIn(app, organiser); // the organiser passes most policies, so requests reach the handlers
  const routes = app.moduleRoutes.filter((r) => r.method === 'GET').map((r) => r.url);
  assert.ok(routes.length > 40, 'the walk covers the module routes');
  const failures: string[] = [];
  for (const route of routes) {
    const params = route.match(/:\w+|\*/g) ?? [];
    const fill = (bad: number, value: string) => {
      let i = 0;
      return route.replace(/:\w+|\*/g, () => (i++ === bad ? value : 'x'));
    };
    const plain = fill(-1, '');
    const urls = [
      ...params.flatMap((_, i) => [fill(i, 'a%00b'), fill(i, 'a%0Ab'), fill(i, '%FF')]),
      `${plain}?q=%00&page=%00&token=%00&next=%00&lang=%00&format=%00`,
      `${plain}?q=a%1Bb`,
      `${plain}?q=%E0%A4%A`,
    ];
    for (const url of urls) {
      const res = await client.get(url);
      if (res.statusCode !== 400) {
        failures.push(`${url}: ${res.statusCode}`);
        continue;
      }
      const api = /^\/(api\/|healthz|metrics)/.test(url);
      if (api ? res.json().error?.code !== 'invalid_url' : !res.body.includes('Adressen innehåller tecken som inte kan användas')) {
        failures.push(`${url}: 400 without the explanation`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test("Fastify's and Node's own refusals come in the project's error shape: bad addresses, long parameters, deep JSON, huge headers", async (t) => {
  const { app, editor } = await setUp(t);
  const undecodable = await app.inject({ url: '/challenges/%FF', headers: { 'accept-language': 'en' } });
  assert.equal(undecodable.statusCode, 400);
  assert.match(undecodable.body, /<html lang="en"[\s\S]*The address contains characters that cannot be used/);
  const undecodableApi = await app.inject('/api/v1/challenges/%E0%A4%A');
  assert.deepEqual(undecodableApi.json().error.code, 'invalid_url');

  const long = await app.inject(`/organisations/${'x'.repeat(300)}`);
  assert.equal(long.statusCode, 414);
  assert.match(long.body, /Adressen är för lång/);
  assert.equal((await app.inject(`/api/v1/challenges/${'x'.repeat(300)}`)).json().error.code, 'uri_too_long');

  const client = await signedIn(app, editor);
  client.csrfToken = (await client.get('/api/v1/csrf-token')).json().token;
  for (const body of ['['.repeat(5000) + ']'.repeat(5000), `{"bio":${'['.repeat(5000)}`, `{"skills":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`]) {
    const deep = await client.json('PATCH', '/api/v1/me', body);
    assert.equal(deep.statusCode, 400);
    assert.deepEqual(deep.json().error, { code: 'too_deeply_nested', message: 'Det du skickade är nästlat i för många nivåer (högst 32).' });
  }
  const brackets = await client.json('PATCH', '/api/v1/me', { bio: '[[[[{{{{'.repeat(100) });
  assert.equal(brackets.statusCode, 200, 'brackets inside strings are text, not nesting');

  // Headers over Node's limit and malformed requests never reach Fastify's router: they are answered on the socket.
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const big = `X-Big: ${'a'.repeat(20_000)}\r\n`;
  const page = await rawHttp(port, `GET /challenges HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n${big}\r\n`);
  assert.match(page, /^HTTP\/1\.1 431 /);
  assert.match(page, /content-type: text\/html; charset=utf-8/i);
  assert.match(page, /<html lang="en">[\s\S]*headers that are too large/);
  const api = await rawHttp(port, `GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n${big}\r\n`);
  assert.match(api, /^HTTP\/1\.1 431 /);
  assert.deepEqual(JSON.parse(api.slice(api.indexOf('\r\n\r\n') + 4)).error.code, 'headers_too_large');
  const garbled = await rawHttp(port, 'GET /api/v1/me\u0001 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  assert.match(garbled, /^HTTP\/1\.1 400 /);
  assert.match(garbled, /"code":"bad_request"/);
});

/** Sends bytes as they are (no client library would send these) and reads the whole answer. */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (err) => (answer ? resolve(answer) : reject(err)));
    socket.write(request);
  });
}
