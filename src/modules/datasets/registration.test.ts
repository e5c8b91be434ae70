import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aMember, aNeedOwner, anOrganisation, aUser, signedIn, validDatasetFields } from '../../test/factories.ts';
import { startMailServer } from '../../test/mail-server.ts';
import { datasets, harvestRuns, harvestSources, needOwnerApplications, organisations } from '../../db/schema/index.ts';
import { readRdf } from './harvest/read-rdf.ts';
import { queueDueHarvests } from './harvest/run.ts';
import { validateCatalog, ValidationBuffer } from './harvest/validate.ts';

const mail = await startMailServer();
const withMail = { config: { smtpUrl: mail.url, organiserEmail: 'digg@example.org' }, jobs: true };

const distributionFields = (overrides: Record<string, string> = {}) => ({
  accessUrl: 'https://kommun.se/bad',
  downloadUrl: 'https://kommun.se/bad.csv',
  format: 'CSV',
  licence: 'http://creativecommons.org/publicdomain/zero/1.0/',
  titleSv: 'Badplatser som CSV',
  titleEn: '',
  descriptionSv: '',
  descriptionEn: '',
  ...overrides,
});

async function catalogViolations(body: string) {
  const buffer = new ValidationBuffer();
  await readRdf({ url: 'http://127.0.0.1/', contentType: 'application/rdf+xml', body: Readable.from([Buffer.from(body)]) }, (q) => buffer.add(q));
  return (await validateCatalog(buffer)).groups;
}

async function registerThroughForm(client: Client, org: string) {
  await client.get('/datasets/new');
  const created = await client.post('/datasets', validDatasetFields(org));
  assert.equal(created.statusCode, 303, created.body.slice(0, 500));
  const url = created.headers.location as string;
  assert.equal((await client.post(`${url}/distributions`, distributionFields())).statusCode, 303);
  return { url, id: url.split('/').pop()! };
}

test('an organisation without a portal registers a dataset and its distributions, and its catalog publishes them as valid DCAT-AP-SE', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { type: 'municipality', name: 'Södertälje kommun' });
  const editor = await signedIn(app, await aMember(app, org.id));

  // Bad input comes back with an error summary linked to each field, and what was typed is kept.
  await editor.get('/datasets/new');
  const refused = await editor.post(
    '/datasets',
    validDatasetFields(org.slug, { titleSv: '', themes: [], contactEmail: 'inte-en-adress', landingPage: 'ftp://kommun.se', organisation: 'someone-else' }),
  );
  assert.equal(refused.statusCode, 400);
  for (const field of ['organisation', 'titleSv', 'themes', 'contactEmail', 'landingPage']) assert.match(refused.body, new RegExp(`href="#f-${field}"`), field);
  assert.match(refused.body, /Kommunens badplatser med vattenprov/);
  assert.equal((await app.db.select().from(datasets).where(eq(datasets.organisationId, org.id))).length, 0, 'nothing saved');

  const { url, id } = await registerThroughForm(editor, org.slug);
  const badDistribution = await editor.post(`${url}/distributions`, distributionFields({ accessUrl: 'javascript:alert(1)', format: 'EXE' }));
  assert.equal(badDistribution.statusCode, 400);
  assert.match(badDistribution.body, /href="#f-accessUrl"/);
  assert.match(badDistribution.body, /href="#f-format"/);

  const page = await editor.get(url);
  assert.match(page.body, /<h1>Badplatser i kommunen<\/h1>/);
  assert.match(page.body, /Badplatser som CSV/);
  assert.match(page.body, new RegExp(`href="${url}/edit"`));
  const anonymousPage = await new Client(app).get(url);
  assert.doesNotMatch(anonymousPage.body, /\/edit"/, 'no edit links for others');

  // Found by search and by the filters the distributions feed.
  const found = await new Client(app).get(
    `/datasets?q=badplatser&format=CSV&licence=${encodeURIComponent('http://creativecommons.org/publicdomain/zero/1.0/')}`,
  );
  assert.match(found.body, new RegExp(`href="${url}"`));

  const catalog = await new Client(app).get(`/organisations/${org.slug}/datasets/dcat`);
  assert.match(catalog.body, new RegExp(`rdf:about="${app.config.publicUrl}${url}"`));
  assert.match(catalog.body, /dcterms:accessRights rdf:resource="http:\/\/publications.europa.eu\/resource\/authority\/access-right\/PUBLIC"/);
  assert.match(catalog.body, /file-type\/CSV/);
  assert.deepEqual(await catalogViolations(catalog.body), []);

  // Editing keeps the identity; the publisher cannot be moved to another organisation.
  const other = await anOrganisation(app);
  assert.equal((await editor.post(`${url}/edit`, validDatasetFields(other.slug, { titleSv: 'Badplatser och vattenprov' }))).statusCode, 303);
  const [saved] = await app.db.select().from(datasets).where(eq(datasets.id, id));
  assert.equal(saved.titleSv, 'Badplatser och vattenprov');
  assert.equal(saved.organisationId, org.id);

  // Another organisation's editor, and a participant, find nothing to edit.
  const outsider = await signedIn(app, await aMember(app, other.id));
  await outsider.get('/datasets');
  assert.equal((await outsider.get(`${url}/edit`)).statusCode, 404);
  assert.equal((await outsider.post(`${url}/edit`, validDatasetFields(other.slug))).statusCode, 404);
  const participant = await signedIn(app, await aUser(app));
  assert.equal((await participant.get('/datasets/new')).statusCode, 403);

  // Withdrawn: gone from the catalog, its page stays; and back again.
  assert.equal((await editor.post(`${url}/status`, { status: 'withdrawn' })).statusCode, 303);
  assert.doesNotMatch((await new Client(app).get(`/organisations/${org.slug}/datasets/dcat`)).body, new RegExp(id));
  assert.equal((await new Client(app).get(url)).statusCode, 200);
  assert.equal((await editor.post(`${url}/status`, { status: 'active' })).statusCode, 303);
  assert.match((await new Client(app).get(`/organisations/${org.slug}/datasets/dcat`)).body, new RegExp(id));

  // A distribution is edited and removed; the format filter follows.
  const distributionId = /distributions\/([0-9a-f-]{36})\/edit/.exec((await editor.get(url)).body)![1];
  assert.equal((await editor.post(`${url}/distributions/${distributionId}/edit`, distributionFields({ format: 'JSON' }))).statusCode, 303);
  assert.deepEqual((await app.db.select().from(datasets).where(eq(datasets.id, id)))[0].formats, ['JSON']);
  assert.equal((await editor.post(`${url}/distributions/${distributionId}/remove`)).statusCode, 303);
  assert.deepEqual((await app.db.select().from(datasets).where(eq(datasets.id, id)))[0].formats, []);

  // A harvested dataset is changed at its source, not here.
  const [source] = await app.db.insert(harvestSources).values({ organisationId: org.id, title: 'Källa', url: 'http://example.se/dcat' }).returning();
  const [harvested] = await app.db
    .insert(datasets)
    .values({ sourceId: source.id, organisationId: org.id, key: 'x', iri: 'http://example.se/x', titleSv: 'Skördad' })
    .returning();
  assert.equal((await editor.get(`/datasets/${harvested.id}/edit`)).statusCode, 404);
});

test('a signed-in user reports a problem; the publisher sees it, answers, and the reporter is told', async (t) => {
  const app: TestApp = await build(t, withMail);
  const org = await aNeedOwner(app, { type: 'municipality' });
  const editorUser = await aMember(app, org.id);
  const editor = await signedIn(app, editorUser);
  const { url, id } = await registerThroughForm(editor, org.slug);

  const anonymous = await new Client(app).get(url);
  assert.match(anonymous.body, /href="\/signin\?next=/);
  assert.doesNotMatch(anonymous.body, new RegExp(`action="${url}/reports"`));

  const reporterUser = await aUser(app);
  const reporter = await signedIn(app, reporterUser);
  await reporter.get(url);
  const refused = await reporter.post(`${url}/reports`, { kind: 'sunk', message: 'kort' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /href="#f-kind"/);
  assert.match(refused.body, /href="#f-message"/);

  const message = 'Länken till CSV-filen ger 404 sedan i måndags. <script>alert(1)</script>';
  assert.equal((await reporter.post(`${url}/reports`, { kind: 'broken_link', message })).statusCode, 303);
  const told = await mail.waitFor((m) => m.to === editorUser.email && /Nytt problem rapporterat/.test(m.subject));
  assert.match(told.text, /ger 404/);
  const publicPage = await new Client(app).get(url);
  assert.match(publicPage.body, /Trasig länk/);
  assert.match(publicPage.body, /&lt;script/, 'the message is escaped');
  assert.doesNotMatch(publicPage.body, /<script>alert/);

  // The publisher's inbox has it; another organisation's editor neither sees nor answers it.
  const inbox = await editor.get('/dataset-reports');
  const reportUrl = new RegExp('href="(/dataset-reports/[0-9a-f-]{36})"').exec(inbox.body)?.[1];
  assert.ok(reportUrl, 'the report is in the inbox');
  const outsider = await signedIn(app, await aMember(app, (await anOrganisation(app)).id));
  assert.doesNotMatch((await outsider.get('/dataset-reports')).body, new RegExp(reportUrl));
  assert.equal((await outsider.get(reportUrl)).statusCode, 404);
  assert.equal((await outsider.post(`${reportUrl}/answer`, { answer: 'Inte vår data.' })).statusCode, 404);

  const emptyAnswer = await editor.post(`${reportUrl}/answer`, { answer: '' });
  assert.equal(emptyAnswer.statusCode, 400);
  assert.match(emptyAnswer.body, /href="#f-answer"/);
  assert.equal((await editor.post(`${reportUrl}/answer`, { answer: 'Tack! Länken är rättad.' })).statusCode, 303);
  const answered = await mail.waitFor((m) => m.to === reporterUser.email && /Svar på ditt problem/.test(m.subject));
  assert.match(answered.text, /Länken är rättad/);
  assert.match(answered.text, new RegExp(`/datasets/${id}`));
  assert.match((await new Client(app).get(url)).body, /Länken är rättad/);
  assert.doesNotMatch((await editor.get('/dataset-reports')).body, new RegExp(reportUrl), 'answered reports leave the open list');
  assert.match((await editor.get('/dataset-reports?state=answered')).body, new RegExp(reportUrl));
});

test('an organisation that has only applied registers no harvest sources and no datasets; once approved, it does', async (t) => {
  const app = await build(t);
  const applicant = await signedIn(app, await aUser(app));
  await applicant.get('/organisations/apply');
  const name = `Nyss ansökt ${Date.now()}`;
  const applied = await applicant.post('/organisations/apply', {
    name,
    type: 'company',
    orgNumber: '',
    foreign: 'on',
    website: '',
    motivation: 'Vi vill gärna skörda lite data hos er.',
  });
  assert.equal(applied.statusCode, 303);
  const [org] = await app.db.select().from(organisations).where(eq(organisations.name, name));
  assert.equal(org.isNeedOwner, false, 'the application is pending');

  // Neither the form nor a hand-made request registers a source: the server fetches nothing for it.
  assert.equal((await applicant.get('/harvest-sources')).statusCode, 403);
  const source = { title: 'Metadata', url: 'http://169.254.169.254/latest/meta-data/', kind: 'dcat', schedule: 'nightly', organisation: org.id };
  assert.equal((await applicant.post('/harvest-sources', source)).statusCode, 403);
  assert.equal((await app.db.select().from(harvestSources).where(eq(harvestSources.organisationId, org.id))).length, 0);
  assert.equal((await app.db.select().from(harvestRuns)).length, 0, 'no harvest queued');
  assert.doesNotMatch((await applicant.get('/datasets')).body, /href="\/datasets\/new"/, 'no link to register a dataset');
  assert.equal((await applicant.get('/datasets/new')).statusCode, 403);
  assert.equal((await applicant.post('/datasets', validDatasetFields(org.slug))).statusCode, 403);
  assert.equal((await app.db.select().from(datasets).where(eq(datasets.organisationId, org.id))).length, 0);

  // A source of the organisation from before (or kept after an approval was withdrawn) is neither shown, run by
  // hand nor harvested on schedule.
  const [earlier] = await app.db
    .insert(harvestSources)
    .values({ organisationId: org.id, title: 'Från förr', url: 'http://10.0.0.1/', nextHarvestAt: new Date(Date.now() - 1000) })
    .returning();
  assert.equal((await applicant.get(`/harvest-sources/${earlier.id}`)).statusCode, 404);
  assert.equal((await applicant.post(`/harvest-sources/${earlier.id}/harvest`)).statusCode, 404);
  await queueDueHarvests(app.db);
  assert.equal((await app.db.select().from(harvestRuns).where(eq(harvestRuns.sourceId, earlier.id))).length, 0);

  // Approved by the organiser, its members register both.
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const [application] = await app.db.select().from(needOwnerApplications).where(eq(needOwnerApplications.organisationId, org.id));
  await organiser.get('/admin/applications');
  assert.equal((await organiser.post(`/admin/applications/${application.id}/decision`, { decision: 'approved', reason: '' })).statusCode, 303);
  await applicant.get('/harvest-sources');
  const registered = await applicant.post('/harvest-sources', { ...source, url: 'https://kommun.example/dcat' });
  assert.equal(registered.statusCode, 303, registered.body.slice(0, 300));
  assert.match((await applicant.get('/datasets')).body, /href="\/datasets\/new"/);
  await registerThroughForm(applicant, org.slug);
  assert.equal((await applicant.get(`/harvest-sources/${earlier.id}`)).statusCode, 200);
});
