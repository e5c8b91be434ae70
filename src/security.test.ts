import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp } from './app.ts';
import { testConfig } from './test/app.ts';
import { testDatabase } from './test/database.ts';
import { aUser } from './test/factories.ts';
import { calendarToken } from './modules/events/personal-calendar.ts';

test('request logs carry addresses without their secrets: e-mailed links, invitations, calendar addresses, OpenID Connect codes', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = testConfig();
  const app = await buildApp({ config, database: await testDatabase(), logger: { level: 'info', stream } });
  t.after(() => app.close());
  await app.ready();

  const secrets: string[] = [];
  const secret = () => {
    const value = `s3cret${crypto.randomBytes(8).toString('hex')}`;
    secrets.push(value);
    return value;
  };
  // Every route with a secret in its path (by convention a :token parameter), whatever the method.
  const tokenRoutes = app.moduleRoutes.filter((r) => r.url.includes(':token'));
  assert.deepEqual(
    [...new Set(tokenRoutes.map((r) => r.url))].sort(),
    ['/calendar/:token.ics', '/check-in/:token', '/events/:slug/teams/join/:token', '/invitations/:token', '/jury/invitations/:token', '/unsubscribe/:token'],
    'a new route with a secret in its path is listed here, and its parameter is named :token so the log redacts it',
  );
  for (const route of tokenRoutes) {
    await app.inject({ method: route.method as 'GET', url: route.url.replace(':token', secret()).replace(/:\w+/g, 'x') });
  }
  const user = await aUser(app);
  const calendar = calendarToken(config.sessionSecret, user.id);
  secrets.push(calendar.split('.')[1]);
  const withQuery = [
    `/calendar/${calendar}.ics`,
    `/reset-password?token=${secret()}`,
    `/verify-email?lang=en&token=${secret()}`,
    `/auth/oidc/callback?code=${secret()}&state=${secret()}`,
  ];
  for (const url of withQuery) await app.inject(url);

  const urls = lines
    .map((line) => JSON.parse(line) as { msg: string; req?: { url: string } })
    .filter((l) => l.req)
    .map((l) => l.req!.url);
  assert.ok(urls.length >= tokenRoutes.length + withQuery.length, 'every request was logged');
  const leaked = secrets.filter((s) => lines.some((line) => line.includes(s)));
  assert.deepEqual(leaked, [], 'no secret appears in any log line');
  for (const expected of [
    '/calendar/[redacted].ics',
    '/events/x/teams/join/[redacted]',
    '/invitations/[redacted]',
    '/jury/invitations/[redacted]',
    '/reset-password?token=[redacted]',
    '/verify-email?lang=en&token=[redacted]',
    '/auth/oidc/callback?code=[redacted]&state=[redacted]',
  ]) {
    assert.ok(urls.includes(expected), `logged as ${expected}`);
  }
  await app.inject('/challenges?q=skog&page=2');
  assert.ok(
    lines.some((line) => line.includes('"url":"/challenges?q=skog&page=2"')),
    'other addresses are logged as they came',
  );
});
