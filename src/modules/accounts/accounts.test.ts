import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build, Client } from '../../test/app.ts';
import { aUser, anOrganisation, aMember, signedIn, PASSWORD } from '../../test/factories.ts';
import { startMailServer, linkIn } from '../../test/mail-server.ts';
import { consents, users } from '../../db/schema/index.ts';
import { PRIVACY_NOTICE_VERSION } from './schema.ts';

const mail = await startMailServer();
const withMail = { config: { smtpUrl: mail.url, publicUrl: 'http://127.0.0.1:3000' }, jobs: true };
const unique = () => Math.random().toString(36).slice(2, 10);

test('sign-up stores consent, mails a verification link over SMTP, and the link verifies and signs in', async (t) => {
  const app = await build(t, withMail);
  const client = new Client(app);
  await client.get('/signup');
  const email = `new-${unique()}@example.org`;
  const res = await client.post('/signup', { name: 'Nova Ny', email: email.toUpperCase(), password: PASSWORD, consent: 'on' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/signup/check-email');

  const [user] = await app.db.select().from(users).where(eq(users.email, email));
  assert.ok(user, 'the address is stored lower-cased');
  assert.equal(user.emailVerifiedAt, null);
  assert.match(user.passwordHash!, /^\$argon2id\$/);
  const [consent] = await app.db.select().from(consents).where(eq(consents.userId, user.id));
  assert.equal(consent.version, PRIVACY_NOTICE_VERSION);

  const received = await mail.waitFor((m) => m.to === email);
  assert.match(received.subject, /Bekräfta/);
  const link = new URL(linkIn(received.text, '/verify-email'));
  const verified = await client.get(link.pathname + link.search);
  assert.equal(verified.statusCode, 303);
  const account = await client.get('/account');
  assert.equal(account.statusCode, 200);
  assert.match(account.body, /Din e-postadress är bekräftad/);
  assert.match(account.body, /bekräftad\)/);

  const reused = await new Client(app).get(link.pathname + link.search);
  assert.equal(reused.statusCode, 400, 'a verification link works once');
});

test('signing up with a taken address reveals nothing on screen and tells the owner by mail', async (t) => {
  const app = await build(t, withMail);
  const existing = await aUser(app);
  const res = await new Client(app).post('/signup', { name: 'Someone', email: existing.email, password: PASSWORD, consent: 'on' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/signup/check-email');
  const received = await mail.waitFor((m) => m.to === existing.email);
  assert.match(received.subject, /redan ett konto/);
  const rows = await app.db.select().from(users).where(eq(users.email, existing.email));
  assert.equal(rows.length, 1);
});

test('a failed sign-up re-renders with an error summary linked to each field, keeps values, stores nothing', async (t) => {
  const app = await build(t);
  const email = `bad-${unique()}@example.org`;
  const res = await new Client(app).post('/signup', { name: '<script>alert(1)</script>', email, password: 'short' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /<title>Fel: Skapa konto/);
  assert.match(res.body, /class="error-summary"/);
  assert.match(res.body, /href="#f-password"[^>]*>Lösenord: Skriv minst 10 tecken/);
  assert.match(res.body, /href="#f-consent"/);
  assert.match(res.body, /id="f-password"/);
  assert.match(res.body, /value="&lt;script>alert\(1\)&lt;\/script>"/, 'values are kept, escaped');
  assert.doesNotMatch(res.body, /<script>alert/);
  assert.match(res.body, new RegExp(`value="${email}"`));
  assert.doesNotMatch(res.body, /value="short"/, 'passwords are never echoed');
  assert.equal((await app.db.select().from(users).where(eq(users.email, email))).length, 0);
});

test('sign-in sets an httpOnly SameSite=Lax session cookie; wrong passwords get one message for both fields', async (t) => {
  const app = await build(t);
  const user = await aUser(app);
  const client = new Client(app);
  const wrong = await client.post('/signin', { email: user.email, password: 'not the password' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /E-postadressen eller lösenordet stämmer inte/);
  const unknown = await client.post('/signin', { email: `nobody-${unique()}@example.org`, password: 'whatever' });
  assert.match(unknown.body, /E-postadressen eller lösenordet stämmer inte/);

  const ok = await client.post('/signin', { email: user.email, password: user.password, next: '/account' });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/account');
  const cookie = ([] as string[]).concat(ok.headers['set-cookie'] ?? []).find((c) => c.startsWith('hack365_session='))!;
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);
  assert.doesNotMatch(cookie, /Secure/i, 'not Secure over plain HTTP in development');
  assert.equal((await client.get('/account')).statusCode, 200);

  const offsite = await signedIn(app, user);
  const res = await offsite.post('/signin', { email: user.email, password: user.password, next: '//evil.example/' });
  assert.equal(res.headers.location, '/account', 'next= never leaves the site');
});

test('after sign-in, next= leads only to a path on this site: tabs, line breaks, backslashes and encoded tricks fall back', async (t) => {
  const app = await build(t, { config: { rateLimit: { signInPerMinute: 1000, resetPerHour: 5 } } });
  const user = await aUser(app);
  const hostile = [
    '/\t/evil.example/', // browsers drop the tab and read //evil.example/
    '/%09/evil.example/',
    '/\r\nSet-Cookie: x=y',
    '/%0d%0aSet-Cookie:%20x=y',
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    '/%5Cevil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    ' /account',
    '/ /evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/%E0%A4%A',
    '/konto€',
  ];
  const client = new Client(app);
  for (const next of hostile) {
    const res = await client.post('/signin', { email: user.email, password: user.password, next });
    assert.equal(res.statusCode, 303, JSON.stringify(next));
    assert.equal(res.headers.location, '/account', JSON.stringify(next));
    const form = await new Client(app).get(`/signin?next=${encodeURIComponent(next)}`);
    // Control characters in an address are refused outright; anything else leaves the form's next empty.
    if (form.statusCode === 400) assert.match(form.body, /Adressen innehåller tecken som inte kan användas/, JSON.stringify(next));
    else assert.match(form.body, /name="next" value\/>/, JSON.stringify(next));
  }
  for (const next of ['/events/hack-the-crisis#registration', '/challenges?q=skog%20brand&page=2', '/organisations/a-b/edit']) {
    const res = await client.post('/signin', { email: user.email, password: user.password, next });
    assert.equal(res.headers.location, next, 'a local path is kept as it is');
  }
});

test('in production the session cookie is Secure', async (t) => {
  const app = await build(t, { config: { env: 'production' } });
  const user = await aUser(app);
  const client = new Client(app);
  const res = await client.post('/signin', { email: user.email, password: user.password });
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hack365_session='))!;
  assert.match(cookie, /Secure/);
});

test('sign-out ends the session on the server', async (t) => {
  const app = await build(t);
  const client = await signedIn(app, await aUser(app));
  const stolen = new Map(client.cookies);
  assert.equal((await client.post('/signout')).statusCode, 303);
  const replay = new Client(app);
  replay.cookies = stolen;
  const res = await replay.get('/account');
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/signin?next=%2Faccount');
});

test('signing in starts a new session id and a new CSRF secret: a planted or earlier cookie is worth nothing after it', async (t) => {
  const app = await build(t);
  const user = await aUser(app);
  const client = new Client(app);
  await client.get('/signin');
  const before = { csrfCookie: client.cookies.get('hack365_csrf')!, csrfToken: client.csrfToken! };
  client.cookies.set('hack365_session', 'planted-by-someone-else');
  const res = await client.post('/signin', { email: user.email, password: user.password });
  assert.equal(res.statusCode, 303);
  const session = client.cookies.get('hack365_session')!;
  assert.ok(session && session !== 'planted-by-someone-else', 'a new session id, not the planted one');
  assert.equal(client.cookies.has('hack365_csrf'), false, 'the CSRF cookie from before sign-in is cleared');

  // Someone who knew the pre-sign-in CSRF pair (say, they set the cookie) cannot use it once the person is signed in.
  const profile = { name: 'Changed By Someone', skills: '', languages: '', bio: '', preferredLanguage: 'sv' };
  client.cookies.set('hack365_csrf', before.csrfCookie);
  assert.equal((await client.post('/account/profile', { ...profile, _csrf: before.csrfToken })).statusCode, 403);
  assert.equal((await app.db.select().from(users).where(eq(users.id, user.id)))[0].name, 'Test Person');
  client.cookies.delete('hack365_csrf');
  await client.get('/account'); // a page after sign-in issues a new secret, and its token works
  assert.notEqual(client.cookies.get('hack365_csrf'), before.csrfCookie);
  assert.equal((await client.post('/account/profile', profile)).statusCode, 303);

  assert.equal((await client.post('/signin', { email: user.email, password: user.password })).statusCode, 303);
  assert.notEqual(client.cookies.get('hack365_session'), session, 'signing in again rotates the id too');
  const replay = new Client(app);
  replay.cookies.set('hack365_session', session);
  assert.equal((await replay.get('/account')).statusCode, 303, 'and the earlier id no longer works');
});

test('signing out clears the session and CSRF cookies and any OpenID Connect sign-in under way', async (t) => {
  const app = await build(t);
  const client = await signedIn(app, await aUser(app));
  await client.get('/account');
  const res = await client.post('/signout');
  const cleared = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .filter((c) => /Expires=Thu, 01 Jan 1970/i.test(c) || /Max-Age=0/i.test(c))
    .map((c) => `${c.split('=')[0]} ${/Path=([^;]+)/i.exec(c)?.[1]}`);
  assert.deepEqual(cleared.sort(), ['hack365_csrf /', 'hack365_oidc_flow /auth/oidc', 'hack365_oidc_pending /auth/oidc', 'hack365_session /']);
  assert.equal(client.cookies.has('hack365_session'), false);
  assert.equal(client.cookies.has('hack365_csrf'), false);
});

test('state-changing forms refuse a missing or foreign CSRF token', async (t) => {
  const app = await build(t);
  const user = await aUser(app);
  const none = await new Client(app).post('/signin', { _csrf: '', email: user.email, password: user.password });
  assert.equal(none.statusCode, 403);
  assert.match(none.body, /Formuläret har gått ut/);

  const attacker = new Client(app);
  await attacker.get('/');
  const victim = new Client(app);
  await victim.get('/');
  const forged = await victim.post('/signin', { _csrf: attacker.csrfToken!, email: user.email, password: user.password });
  assert.equal(forged.statusCode, 403);
});

test('sign-in and password reset are rate limited per client', async (t) => {
  const app = await build(t, { config: { rateLimit: { signInPerMinute: 3, resetPerHour: 2 } } });
  const client = new Client(app);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await client.post('/signin', { email: 'a@example.org', password: 'x' })).statusCode);
  assert.deepEqual(statuses, [400, 400, 400, 429]);
  const limited = await client.post('/signin', { email: 'a@example.org', password: 'x' });
  assert.match(limited.body, /För många försök/);

  const resets = [];
  for (let i = 0; i < 3; i++) resets.push((await client.post('/forgot-password', { email: 'a@example.org' })).statusCode);
  assert.deepEqual(resets, [200, 200, 429]);
});

test('a client cannot escape the sign-in limit by naming its own address in X-Forwarded-For; behind a named proxy the forwarded address counts', async (t) => {
  const attempt = (client: Client, forwardedFor: string) =>
    client.post('/signin', { email: 'a@example.org', password: 'x' }, { 'x-forwarded-for': forwardedFor });
  const spoofed = new Client(await build(t, { config: { env: 'production', rateLimit: { signInPerMinute: 3, resetPerHour: 2 } } }));
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await attempt(spoofed, `203.0.113.${i + 1}`)).statusCode);
  assert.deepEqual(statuses, [400, 400, 400, 429, 429], 'without TRUST_PROXY the connecting address is the client, whatever the header says');

  const behindProxy = new Client(await build(t, { config: { trustProxy: ['127.0.0.1'], rateLimit: { signInPerMinute: 3, resetPerHour: 2 } } }));
  const one = [];
  for (let i = 0; i < 4; i++) one.push((await attempt(behindProxy, '198.51.100.7')).statusCode);
  assert.deepEqual(one, [400, 400, 400, 429], 'one client behind the proxy is limited');
  assert.equal((await attempt(behindProxy, '198.51.100.8')).statusCode, 400, 'another client behind the same proxy has its own limit');
  // Only the proxy's own word counts: an address the client prepends (leftmost) is not believed.
  assert.equal((await attempt(behindProxy, '192.0.2.1, 198.51.100.7')).statusCode, 429);
});

test('password reset by mailed link: one use, ends every session, old password stops working', async (t) => {
  const app = await build(t, withMail);
  const user = await aUser(app);
  const otherDevice = await signedIn(app, user);
  const client = new Client(app);
  const res = await client.post('/forgot-password', { email: user.email });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Om det finns ett konto/);
  const unknown = await client.post('/forgot-password', { email: `nobody-${unique()}@example.org` });
  assert.equal(unknown.body.replace(/value="[^"]+"/g, ''), res.body.replace(/value="[^"]+"/g, ''), 'same answer for unknown addresses');

  const received = await mail.waitFor((m) => m.to === user.email && /lösenord/i.test(m.subject));
  const link = new URL(linkIn(received.text, '/reset-password'));
  const form = await client.get(link.pathname + link.search);
  assert.equal(form.statusCode, 200);
  const token = link.searchParams.get('token')!;
  const tooShort = await client.post('/reset-password', { token, password: 'short' });
  assert.equal(tooShort.statusCode, 400);
  assert.match(tooShort.body, /href="#f-password"/);
  const done = await client.post('/reset-password', { token, password: 'a brand new passphrase' });
  assert.equal(done.statusCode, 303);
  assert.equal((await otherDevice.get('/account')).statusCode, 303, 'other sessions ended');
  assert.equal((await client.post('/reset-password', { token, password: 'yet another passphrase' })).statusCode, 400, 'token used once');
  assert.equal((await new Client(app).post('/signin', { email: user.email, password: PASSWORD })).statusCode, 400);
  assert.equal((await new Client(app).post('/signin', { email: user.email, password: 'a brand new passphrase' })).statusCode, 303);
  await mail.waitFor((m) => m.to === user.email && /ändrat/.test(m.subject));
});

test('using one mailed link ends the others: an older reset link and an unused verification link stop working', async (t) => {
  const app = await build(t, withMail);
  const email = `links-${unique()}@example.org`;
  const client = new Client(app);
  await client.post('/signup', { name: 'Lina Länk', email, password: PASSWORD, consent: 'on' });
  const verification = new URL(linkIn((await mail.waitFor((m) => m.to === email && /Bekräfta/.test(m.subject))).text, '/verify-email'));
  await client.post('/forgot-password', { email });
  await mail.waitFor((m) => m.to === email && /lösenord/i.test(m.subject));
  await client.post('/forgot-password', { email });
  await mail.waitFor(() => mail.received.filter((r) => r.to === email && /lösenord/i.test(r.subject)).length === 2);
  const [older, newer] = mail.received
    .filter((m) => m.to === email && /lösenord/i.test(m.subject))
    .map((m) => new URL(linkIn(m.text, '/reset-password')).searchParams.get('token')!);
  assert.notEqual(older, newer);

  assert.equal((await client.post('/reset-password', { token: newer, password: 'the newest passphrase' })).statusCode, 303);
  const form = await client.get(`/reset-password?token=${encodeURIComponent(older)}`);
  assert.equal(form.statusCode, 400, 'the older link shows that it no longer works');
  const replay = await client.post('/reset-password', { token: older, password: 'an attacker passphrase' });
  assert.equal(replay.statusCode, 400);
  assert.match(replay.body, /Länken fungerar inte/);
  assert.equal((await new Client(app).post('/signin', { email, password: 'an attacker passphrase' })).statusCode, 400);
  assert.equal((await new Client(app).post('/signin', { email, password: 'the newest passphrase' })).statusCode, 303);

  const signedInByLink = await new Client(app).get(verification.pathname + verification.search);
  assert.equal(signedInByLink.statusCode, 400, 'the verification link, which would sign in, died with the reset');
  assert.equal(
    signedInByLink.cookies.some((c: { name: string }) => c.name === 'hack365_session'),
    false,
  );
});

test('the profile form saves roles, skills, languages, bio and language, and errors keep what was typed', async (t) => {
  const app = await build(t);
  const user = await aUser(app);
  const client = await signedIn(app, user);
  await client.get('/account');
  const res = await client.post('/account/profile', {
    name: 'Alva Andersson',
    roles: ['developer', 'designer'],
    skills: 'Python, GIS, Python',
    languages: 'svenska, English',
    bio: 'Bygger kartor.',
    preferredLanguage: 'en',
  });
  assert.equal(res.statusCode, 303);
  const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
  assert.deepEqual(row.roles, ['developer', 'designer']);
  assert.deepEqual(row.skills, ['Python', 'GIS']);
  assert.equal(row.preferredLanguage, 'en');
  const page = await client.get('/account');
  assert.match(page.body, /<html lang="en"/, 'the preferred language applies when no other choice is made');

  const bad = await client.post('/account/profile', {
    name: '',
    roles: ['hacker'],
    skills: 'x',
    languages: '',
    bio: 'b'.repeat(1001),
    preferredLanguage: 'fi',
  });
  assert.equal(bad.statusCode, 400);
  for (const field of ['name', 'roles', 'bio', 'preferredLanguage']) assert.match(bad.body, new RegExp(`href="#f-${field}"`));
  assert.match(bad.body, /value="x"/);
  const [unchanged] = await app.db.select().from(users).where(eq(users.id, user.id));
  assert.equal(unchanged.name, 'Alva Andersson');
});

test('the JSON API reads and patches the profile with validation and stable error codes', async (t) => {
  const app = await build(t);
  const anonymous = await new Client(app).get('/api/v1/me');
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().error.code, 'unauthenticated');

  const client = await signedIn(app, await aUser(app));
  const me = await client.get('/api/v1/me');
  assert.equal(me.json().name, 'Test Person');
  const token = (await client.get('/api/v1/csrf-token')).json().token;
  client.csrfToken = token;
  const patched = await client.json('PATCH', '/api/v1/me', { skills: ['R', 'SQL'], bio: '<b>hej</b>' });
  assert.equal(patched.statusCode, 200);
  assert.deepEqual(patched.json().skills, ['R', 'SQL']);

  const unknown = await client.json('PATCH', '/api/v1/me', { isOrganiser: true });
  assert.equal(unknown.statusCode, 422);
  assert.equal(unknown.json().error.code, 'validation_failed');
  assert.ok(unknown.json().error.fields.isOrganiser);
  assert.equal((await client.get('/api/v1/me')).json().isOrganiser, false);

  const noCsrf = await client.json('PATCH', '/api/v1/me', { bio: 'x' }, { 'x-csrf-token': 'nope' });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'invalid_csrf_token');
});

test('download my data returns everything stored about me as JSON, without secrets', async (t) => {
  const app = await build(t);
  const user = await aUser(app);
  const client = await signedIn(app, user);
  const res = await client.get('/account/export');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-disposition']), /attachment/);
  const data = res.json();
  assert.equal(data.account.email, user.email);
  assert.equal(data.account.passwordHash, undefined);
  assert.equal(data.account.hasPassword, true);
  assert.equal(data.consents[0].version, PRIVACY_NOTICE_VERSION);
  assert.equal(data.sessions.length, 1);
  assert.doesNotMatch(res.body, /argon2/);
});

test('deleting the account erases personal data; what the person did stays, shown as "deleted user"', async (t) => {
  const app = await build(t, withMail);
  const org = await anOrganisation(app);
  const editor = await aMember(app, org.id, 'editor');
  const client = await signedIn(app, editor);
  await client.get(`/organisations/${org.slug}/edit`);
  assert.equal((await client.post(`/organisations/${org.slug}/edit`, { description: 'Vi öppnar data.', website: '' })).statusCode, 303);
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  assert.match((await organiser.get(`/organisations/${org.slug}`)).body, /Test Person · ändrade profilen/);

  await client.get('/account/delete');
  const refused = await client.post('/account/delete', {});
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /href="#f-confirm"/);
  const res = await client.post('/account/delete', { confirm: 'on' });
  assert.equal(res.statusCode, 303);

  const [row] = await app.db.select().from(users).where(eq(users.id, editor.id));
  assert.equal(row.email, null);
  assert.equal(row.name, null);
  assert.equal(row.passwordHash, null);
  assert.ok(row.deletedAt);
  assert.equal((await app.db.select().from(consents).where(eq(consents.userId, editor.id))).length, 0);
  assert.equal((await new Client(app).post('/signin', { email: editor.email, password: editor.password })).statusCode, 400);
  assert.equal((await client.get('/account')).statusCode, 303);
  const history = await organiser.get(`/organisations/${org.slug}`);
  assert.match(history.body, /raderad användare · ändrade profilen/);
  assert.doesNotMatch(history.body, /Test Person · ändrade/);
  await mail.waitFor((m) => m.to === editor.email && /raderat/.test(m.subject));
});
