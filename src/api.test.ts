// The JSON API as another program sees it: its OpenAPI document passes Redocly's recommended rules, and what the
// endpoints answer (successes and errors) matches what the document says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { build, Client } from './test/app.ts';
import { aChallenge, aMember, aNeedOwner, aUser, signedIn } from './test/factories.ts';
import { aSolution } from './test/solutions.ts';
import { registerDataset } from './modules/datasets/commands/register-dataset.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: { 'application/json': { schema: object } } }> }>>;
  components: { responses: Record<string, { content: { 'application/json': { schema: object } } }>; schemas: Record<string, object> };
};

test("the OpenAPI document is 3.1 and passes Redocly's recommended rules with no errors or warnings", async (t) => {
  const app = await build(t);
  const source = (await app.inject('/api/openapi.json')).body;
  const doc = JSON.parse(source) as Doc;
  assert.equal(doc.openapi, '3.1.0');
  const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config: await createConfig({ extends: ['recommended'] }) });
  assert.deepEqual(
    problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
    [],
  );
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      assert.ok(op.responses['400'] && op.responses['429'], `${method} ${path} documents its errors`);
      if (path.includes('{')) assert.ok(op.responses['404'], `${method} ${path}: 404`);
    }
  }
});

test('every answer matches its documented schema: lists with page sizes, one resource, and errors in the one shape (422 names the values a filter takes)', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { type: 'municipality' });
  const editor = await aMember(app, org.id);
  const challenges = [];
  for (let i = 0; i < 3; i++) challenges.push(await aChallenge(app, org, editor.id, { titleSv: `Vatten i sjöar ${i}`, themes: ['ENVI'] }));
  const solution = await aSolution(app, { resultsPublishedAt: new Date() });
  const doc = (await app.inject('/api/openapi.json')).json() as Doc;
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema(doc.components.schemas.Error, '#/components/schemas/Error');
  const client = new Client(app);

  /** Checks the answer against the schema the document gives for this path, method and status. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an answer checked against its schema
  const check = async (url: string, path: string, status: number, headers: Record<string, string> = {}): Promise<any> => {
    const res = await client.get(url, headers);
    assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
    let response = doc.paths[path].get.responses[String(status)];
    assert.ok(response, `${path} documents ${status}`);
    if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop()!];
    const schema = response.content!['application/json'].schema;
    const validate = ajv.compile(schema);
    const body = res.json();
    assert.ok(validate(body), `${url} (${status}) does not match its schema: ${ajv.errorsText(validate.errors)}`);
    return body;
  };

  const page = await check('/api/v1/challenges?q=vatten&pageSize=2', '/api/v1/challenges', 200);
  assert.equal(page.items.length, 2);
  assert.equal(page.pageSize, 2);
  assert.equal(page.total, 3);
  assert.equal((await check('/api/v1/challenges?q=vatten&pageSize=2&page=2', '/api/v1/challenges', 200)).items.length, 1);
  await check(`/api/v1/challenges/${challenges[0].slug}`, '/api/v1/challenges/{slug}', 200);
  await check('/api/v1/challenges/no-such-challenge', '/api/v1/challenges/{slug}', 404);
  await check('/api/v1/solutions', '/api/v1/solutions', 200);
  await check(`/api/v1/solutions/${solution.submission.id}`, '/api/v1/solutions/{id}', 200);
  await check('/api/v1/solutions/00000000-0000-4000-8000-000000000000', '/api/v1/solutions/{id}', 404);

  // Events, their results once published, and need owners.
  const events = await check('/api/v1/events?kind=hackathon&pageSize=5', '/api/v1/events', 200);
  assert.ok(events.items.some((e: { slug: string }) => e.slug === solution.event.slug));
  const event = await check(`/api/v1/events/${solution.event.slug}`, '/api/v1/events/{slug}', 200);
  assert.ok(event.phases.length > 0);
  const results = await check(`/api/v1/events/${solution.event.slug}/results`, '/api/v1/events/{slug}/results', 200);
  assert.ok(Array.isArray(results.awards));
  await check('/api/v1/events/no-such-event', '/api/v1/events/{slug}', 404);
  const unpublished = await aSolution(app);
  await check(`/api/v1/events/${unpublished.event.slug}/results`, '/api/v1/events/{slug}/results', 404);
  const owners = await check('/api/v1/organisations?type=municipality&pageSize=100', '/api/v1/organisations', 200);
  assert.ok(owners.items.some((o: { slug: string }) => o.slug === org.slug));
  assert.ok(owners.items.every((o: { type: string }) => o.type === 'municipality'));
  await check(`/api/v1/organisations/${org.slug}`, '/api/v1/organisations/{slug}', 200);
  await check('/api/v1/organisations?type=kingdom', '/api/v1/organisations', 422);

  // The catalog.
  const dataset = await registerDataset(app, editor.id, org, {
    titleSv: 'Badplatser',
    titleEn: 'Bathing places',
    descriptionSv: 'Badplatser med vattenprov.',
    descriptionEn: '',
    themes: ['ENVI'],
    keywords: 'bad',
    contactName: 'Miljö',
    contactEmail: 'miljo@example.org',
    landingPage: '',
    accessRights: 'PUBLIC',
    issued: '',
    modified: '',
  });
  const found = await check('/api/v1/datasets?q=badplatser&theme=ENVI&pageSize=5', '/api/v1/datasets', 200);
  assert.deepEqual(
    found.items.map((d: { id: string }) => d.id),
    [dataset.id],
  );
  assert.equal((await check(`/api/v1/datasets/${dataset.id}`, '/api/v1/datasets/{id}', 200)).title.en, 'Bathing places');
  await check('/api/v1/datasets/00000000-0000-4000-8000-000000000000', '/api/v1/datasets/{id}', 404);
  await check('/api/v1/datasets?theme=NOPE', '/api/v1/datasets', 422);

  // An unknown filter value is refused, not ignored: the answer names the parameter and the values it takes.
  const unknown = await check('/api/v1/challenges?theme=NOPE', '/api/v1/challenges', 422, { 'accept-language': 'en' });
  assert.equal(unknown.error.code, 'invalid_filter');
  assert.match(unknown.error.fields.theme, /^Choose one of: .*\bENVI\b.*\bTRAN\b/);
  assert.equal((await check('/api/v1/challenges?pageSize=101', '/api/v1/challenges', 422)).error.code, 'invalid_filter');
  assert.equal((await check('/api/v1/challenges?sort=cheapest', '/api/v1/challenges', 422)).error.fields.sort.includes('relevance'), true);

  // Signed in, the profile; not signed in, a documented 401.
  await check('/api/v1/me', '/api/v1/me', 401);
  const person = await signedIn(app, await aUser(app));
  const me = await person.get('/api/v1/me');
  assert.equal(me.statusCode, 200);
  assert.ok(doc.paths['/api/v1/me'].get.responses['401'], 'a 401 is documented where a session is needed');
});
