import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { accessTokens, auditLog, challenges, memberships } from '../../db/schema/index.ts';
import { build, Client } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, aUser, signedIn } from '../../test/factories.ts';
import { hashToken } from '../accounts/sessions.ts';

const challenge = (overrides: Record<string, unknown> = {}) => ({
  titleSv: 'Snöröjning i realtid',
  summarySv: 'Var har plogbilarna varit?',
  problemSv: 'Invånare vet inte när deras gata plogas.',
  outcomeSv: 'En karta över plogade gator.',
  themes: ['TRAN'],
  contactName: 'Gatukontoret',
  contactEmail: 'gata@example.se',
  ...overrides,
});

test('personal access tokens: made in My page and shown once, they let a system write challenges for one organisation within their scope, and stop when revoked', async (t) => {
  const app = await build(t);
  const [orgA, orgB] = [await aNeedOwner(app, { name: 'Kommun A' }), await aNeedOwner(app, { name: 'Kommun B' })];
  const editor = await aMember(app, orgA.id, 'editor');
  await app.db.insert(memberships).values({ organisationId: orgB.id, userId: editor.id, role: 'editor' });
  const theirs = await aChallenge(app, orgB, editor.id, { titleSv: 'Kommun B:s utmaning' });
  const person = await signedIn(app, editor);

  // Made for organisation A, to write challenges; the page shows it once and the database keeps only its hash.
  assert.match((await person.get('/me')).body, /href="\/me\/tokens"/);
  const bad = await person.post('/me/tokens', { name: '', organisation: orgA.id, days: '90' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-name"/);
  assert.match(bad.body, /href="#f-scopes"/);
  const made = await person.post('/me/tokens', { name: 'Ärendesystemet', organisation: orgA.id, scopes: 'challenges:write', days: '90' });
  assert.equal(made.statusCode, 201);
  assert.equal(made.headers['cache-control'], 'no-store');
  const token = /<code class="token-value">(h365_[\w-]+)<\/code>/.exec(made.body)?.[1];
  assert.ok(token, 'shown once');
  const [stored] = await app.db.select().from(accessTokens).where(eq(accessTokens.userId, editor.id));
  assert.equal(stored.tokenHash, hashToken(token));
  assert.doesNotMatch((await person.get('/me/tokens')).body, new RegExp(token), 'never shown again');

  const system = new Client(app);
  const bearer = { authorization: `Bearer ${token}` };
  // Creates for its organisation, with no CSRF token (a bearer token is not sent by browsers by themselves), audited as the person.
  const created = await system.json('POST', '/api/v1/challenges', challenge(), bearer);
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().organisation.slug, orgA.slug);
  const [row] = await app.db.select().from(challenges).where(eq(challenges.slug, created.json().slug));
  assert.equal(row.organisationId, orgA.id);
  assert.ok(
    (
      await app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, row.id), eq(auditLog.actorId, editor.id)))
    ).length > 0,
    'in the audit log as the person',
  );
  // The same validation as the form, as a 422 naming the fields.
  const invalid = await system.json('POST', '/api/v1/challenges', challenge({ contactEmail: 'not-an-address', themes: ['NOPE'] }), bearer);
  assert.equal(invalid.statusCode, 422);
  assert.deepEqual(Object.keys(invalid.json().error.fields).sort(), ['contactEmail', 'themes']);
  const patched = await system.json('PATCH', `/api/v1/challenges/${row.slug}`, { titleSv: 'Snöröjning, karta i realtid' }, bearer);
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().title.sv, 'Snöröjning, karta i realtid');
  assert.equal(patched.json().summary.sv, 'Var har plogbilarna varit?', 'fields not sent are kept');

  // No further than its organisation, though the person is an editor of B as well.
  assert.equal((await system.json('POST', '/api/v1/challenges', challenge({ organisation: orgB.slug }), bearer)).statusCode, 422);
  assert.equal((await system.json('PATCH', `/api/v1/challenges/${theirs.slug}`, { titleSv: 'Kapad' }, bearer)).statusCode, 403);
  assert.equal((await app.db.select().from(challenges).where(eq(challenges.id, theirs.id)))[0].titleSv, 'Kommun B:s utmaning');
  // No further than its scopes: not the person's profile, not a page.
  const profile = await system.get('/api/v1/me', bearer);
  assert.equal(profile.statusCode, 403);
  assert.equal(profile.json().error.code, 'insufficient_scope');
  assert.equal((await system.get('/me', bearer)).statusCode, 303, 'pages take no tokens: it is as if no one signed in');
  // A token that reads nothing it should not: a datasets-only token cannot write challenges.
  const datasetsOnly = await person.post('/me/tokens', { name: 'Katalogen', organisation: orgA.id, scopes: 'datasets:write', days: '30' });
  const other = /<code class="token-value">(h365_[\w-]+)<\/code>/.exec(datasetsOnly.body)![1];
  assert.equal((await system.json('POST', '/api/v1/challenges', challenge(), { authorization: `Bearer ${other}` })).statusCode, 403);

  // The datasets token registers a dataset and a distribution for A, and changes it; it cannot touch another
  // organisation's dataset, nor write challenges (above).
  const catalog = { authorization: `Bearer ${other}` };
  const dataset = await system.json(
    'POST',
    '/api/v1/datasets',
    {
      titleSv: 'Plogade gator',
      descriptionSv: 'Var plogbilarna har kört, per timme.',
      themes: ['TRAN'],
      contactName: 'Gatukontoret',
      contactEmail: 'gata@example.se',
    },
    catalog,
  );
  assert.equal(dataset.statusCode, 201, dataset.body);
  const datasetId = dataset.json().id as string;
  assert.match((await new Client(app).get(`/datasets/${datasetId}`)).body, /Plogade gator/);
  assert.equal(
    (
      await system.json(
        'POST',
        `/api/v1/datasets/${datasetId}/distributions`,
        { accessUrl: 'https://data.example.se/plog.csv', format: 'CSV', licence: 'http://creativecommons.org/publicdomain/zero/1.0/' },
        catalog,
      )
    ).statusCode,
    201,
  );
  assert.equal((await system.json('PATCH', `/api/v1/datasets/${datasetId}`, { titleSv: 'Plogade gator i realtid' }, catalog)).statusCode, 200);
  assert.match((await new Client(app).get(`/datasets/${datasetId}`)).body, /Plogade gator i realtid[^]*plog\.csv/);
  const invalidDataset = await system.json(
    'POST',
    '/api/v1/datasets',
    { titleSv: 'X', descriptionSv: 'kort', themes: [], contactName: '', contactEmail: 'x' },
    catalog,
  );
  assert.equal(invalidDataset.statusCode, 422);
  assert.ok(
    ['titleSv', 'descriptionSv', 'themes', 'contactEmail'].every((f) => f in invalidDataset.json().error.fields),
    invalidDataset.body,
  );
  const bDataset = await person.post('/datasets', {
    organisation: orgB.slug,
    titleSv: 'Kommun B:s data',
    descriptionSv: 'Data som kommun B har registrerat.',
    themes: 'TRAN',
    contactName: 'Kommun B',
    contactEmail: 'b@example.se',
    accessRights: 'PUBLIC',
  });
  assert.equal(bDataset.statusCode, 303, bDataset.body.match(/<div class="error-summary[^]*?<\/div>/)?.[0]);
  const bId = (bDataset.headers.location as string).split('/').pop()!;
  assert.equal(
    (await system.json('PATCH', `/api/v1/datasets/${bId}`, { titleSv: 'Kapad' }, catalog)).statusCode,
    404,
    "another organisation's dataset is not there for this token",
  );

  // Listed with its last use; revoked, it stops at once; unknown and expired tokens are refused alike.
  const list = (await person.get('/me/tokens')).body;
  const rowOf = (html: string, name: string) => html.match(/<tr>(?:(?!<\/tr>).)*<\/tr>/g)!.find((tr) => tr.includes(name))!;
  assert.doesNotMatch(rowOf(list, 'Ärendesystemet'), /Aldrig/, 'a used token shows the day of its last use');
  assert.match(rowOf(datasetsOnly.body, 'Katalogen'), /Aldrig/, 'a new one says never');
  const revoked = await person.post(`/me/tokens/${stored.id}/revoke`, {});
  assert.equal(revoked.statusCode, 303);
  const refused = await system.json('POST', '/api/v1/challenges', challenge(), bearer);
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.json().error.code, 'unauthenticated');
  assert.equal((await system.get('/api/v1/challenges', { authorization: 'Bearer h365_nonsense' })).statusCode, 401);
  await app.db
    .update(accessTokens)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(accessTokens.tokenHash, hashToken(other)));
  assert.equal((await system.json('POST', '/api/v1/datasets', {}, { authorization: `Bearer ${other}` })).statusCode, 401, 'expired');
  assert.equal((await system.get('/api/v1/challenges', { authorization: `Bearer ${other}` })).statusCode, 401);
  // Someone else cannot revoke it.
  const stranger = await signedIn(app, await aUser(app));
  assert.equal((await stranger.post(`/me/tokens/${stored.id}/revoke`, {})).statusCode, 404);
});
