import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anOrganisation, signedIn } from '../../test/factories.ts';
import { challengeDatasets, datasets } from '../../db/schema/index.ts';

/** A dataset registered by an organisation, as the registration form stores it. */
async function aDataset(
  app: TestApp,
  org: { id: string; name: string },
  fields: { titleSv: string; descriptionSv: string; keywords: string[]; themes: string[]; status?: 'active' | 'withdrawn' },
) {
  const [row] = await app.db
    .insert(datasets)
    .values({
      organisationId: org.id,
      key: fields.titleSv,
      iri: '',
      titleEn: '',
      descriptionEn: '',
      contactName: 'Öppna data',
      contactEmail: 'data@kommun.se',
      publisherName: org.name,
      ...fields,
    })
    .returning();
  return row;
}

/** The demo municipality's datasets and a few more from elsewhere in the catalog. */
async function catalog(app: TestApp, org: { id: string; name: string }) {
  const cykel = await aDataset(app, org, {
    titleSv: 'Cykelparkeringar i Södertälje',
    descriptionSv: 'Kommunens cykelparkeringar med antal platser, tak och laddning för elcyklar. Uppdateras varje månad.',
    keywords: ['cykel', 'parkering', 'mobilitet'],
    themes: ['TRAN'],
  });
  const bad = await aDataset(app, org, {
    titleSv: 'Badplatser och vattenprov',
    descriptionSv: 'Kommunens badplatser med läge, faciliteter och de senaste vattenproverna under badsäsongen.',
    keywords: ['bad', 'vattenkvalitet', 'friluftsliv'],
    themes: ['ENVI', 'HEAL'],
  });
  const other = await anOrganisation(app, { name: 'Trafikverket' });
  await aDataset(app, other, {
    titleSv: 'Vägtrafikolyckor i Södertälje',
    descriptionSv: 'Olyckor på statliga vägar.',
    keywords: ['trafik', 'olyckor'],
    themes: ['TRAN'],
  });
  await aDataset(app, other, { titleSv: 'Skolor i Sverige', descriptionSv: 'Alla grundskolor med adresser.', keywords: ['skola'], themes: ['EDUC'] });
  const lakes = await aDataset(app, other, {
    titleSv: 'Sjöar och vattendrag',
    descriptionSv: 'Vattenförekomster med status för vattenkvalitet.',
    keywords: ['sjöar', 'vatten'],
    themes: ['ENVI'],
    status: 'withdrawn',
  });
  return { cykel, bad, lakes };
}

test('suggestions rank the datasets whose words and themes match the challenge first: a bathing challenge gets the bathing sites before the bicycle parking', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { name: 'Södertälje kommun', type: 'municipality' });
  const editor = await aMember(app, org.id);
  const { cykel, bad } = await catalog(app, org);
  // Written as a newcomer writes one: the place in the title, the subject in the summary and in words the datasets do not use.
  const challenge = await aChallenge(app, org, editor.id, {
    titleSv: 'Rent badvatten i Södertälje',
    summarySv: 'Badgäster vill veta var vattnet är rent: badplatser med färska vattenprov, innan de åker.',
    keywords: 'badvatten, simning, sommar',
    themes: ['ENVI', 'HEAL'],
  });
  const page = (await (await signedIn(app, editor)).get(`/challenges/${challenge.slug}`)).body;
  const suggested = page.slice(page.indexOf('Föreslagna datamängder'));
  const at = (id: string) => suggested.indexOf(`href="/datasets/${id}"`);
  assert.ok(at(bad.id) >= 0, 'the bathing sites are suggested');
  assert.equal(/href="\/datasets\/([^"]+)"/.exec(suggested)?.[1], bad.id, 'first');
  assert.ok(at(cykel.id) < 0 || at(bad.id) < at(cykel.id), 'and come before the bicycle parking');
  assert.doesNotMatch(suggested, /Sjöar och vattendrag/, 'a withdrawn dataset is not suggested');
});

test('editors search the whole catalog from the challenge page and link what they find; others cannot, and unknown or withdrawn datasets are refused', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { name: 'Södertälje kommun', type: 'municipality' });
  const editor = await aMember(app, org.id);
  const { lakes } = await catalog(app, org);
  const challenge = await aChallenge(app, org, editor.id, { titleSv: 'Tryggare cykelvägar', keywords: 'cykel', themes: ['TRAN'] });
  const client = await signedIn(app, editor);

  // A GET form: no script needed, the results come with the page.
  const page = await client.get(`/challenges/${challenge.slug}`);
  assert.match(
    page.body,
    /<form[^>]*method="get"[^>]*action="\/challenges\/[^"]+#datasets-search"|<form[^>]*action="\/challenges\/[^"]+#datasets-search"[^>]*method="get"/,
  );
  const found = await client.get(`/challenges/${challenge.slug}?datasetQuery=skolor`);
  assert.equal(found.statusCode, 200);
  const results = found.body.slice(found.body.indexOf('id="datasets-search"'));
  assert.match(results, /Skolor i Sverige/, 'a dataset the suggestions do not offer is found');
  const [skolor] = await app.db.select().from(datasets).where(eq(datasets.titleSv, 'Skolor i Sverige'));
  assert.match(results, new RegExp(`name="dataset" value="${skolor.id}"`), 'with a button to link it');
  assert.match((await client.get(`/challenges/${challenge.slug}?datasetQuery=zzzqqq`)).body, /Inga datamängder matchar/);

  const linked = await client.post(`/challenges/${challenge.slug}/datasets`, { dataset: skolor.id });
  assert.equal(linked.statusCode, 303);
  assert.equal(
    (
      await app.db
        .select()
        .from(challengeDatasets)
        .where(and(eq(challengeDatasets.challengeId, challenge.id), eq(challengeDatasets.datasetId, skolor.id)))
    ).length,
    1,
  );
  assert.match((await new Client(app).get(`/challenges/${challenge.slug}`)).body, new RegExp(`href="/datasets/${skolor.id}"`));
  assert.doesNotMatch(
    (await client.get(`/challenges/${challenge.slug}?datasetQuery=skolor`)).body.split('id="datasets-search"')[1],
    new RegExp(`value="${skolor.id}"`),
    'a linked dataset is not offered again',
  );

  // Visitors and other organisations' editors get no search and may not link.
  const visitor = await new Client(app).get(`/challenges/${challenge.slug}?datasetQuery=skolor`);
  assert.doesNotMatch(visitor.body, /id="datasets-search"/);
  const stranger = await signedIn(app, await aMember(app, (await anOrganisation(app)).id));
  assert.doesNotMatch((await stranger.get(`/challenges/${challenge.slug}?datasetQuery=skolor`)).body, /id="datasets-search"/);
  assert.equal((await stranger.post(`/challenges/${challenge.slug}/datasets`, { dataset: skolor.id })).statusCode, 403);

  // Unknown and withdrawn datasets: refused, saying why, and nothing linked.
  const unknown = await client.post(`/challenges/${challenge.slug}/datasets`, { dataset: '00000000-0000-4000-8000-000000000000' });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.body, /Datamängden finns inte/);
  const withdrawn = await client.post(`/challenges/${challenge.slug}/datasets`, { dataset: lakes.id });
  assert.equal(withdrawn.statusCode, 409);
  assert.match(withdrawn.body, /har dragits tillbaka/);
  assert.equal((await app.db.select().from(challengeDatasets).where(eq(challengeDatasets.datasetId, lakes.id))).length, 0);
});
