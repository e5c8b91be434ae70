import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../../test/app.ts';
import { aNeedOwner, anEvent } from '../../test/factories.ts';
import { aSolution } from '../../test/solutions.ts';
import { datasets, harvestSources } from '../../db/schema/index.ts';

test("an organisation's page shows its challenges, the events it runs or is in, the solutions it owns and the datasets it publishes", async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { name: 'Badkommunen' });
  // Its challenge, taken up by a past event whose gallery holds a solution to it.
  const s = await aSolution(app, { title: 'Badkollen', organisation: org });
  const run = await anEvent(app, { organisationId: org.id });
  const unrelated = await anEvent(app);
  // Twelve datasets of its own: eleven registered here, one harvested from its catalog; and one of another publisher.
  const [source] = await app.db.insert(harvestSources).values({ organisationId: org.id, title: 'Katalog', url: 'https://example.se/dcat' }).returning();
  await app.db
    .insert(datasets)
    .values([
      ...Array.from({ length: 11 }, (_, i) => ({ organisationId: org.id, key: `r${i}`, iri: '', titleSv: `Badplats ${String(i).padStart(2, '0')}` })),
      { organisationId: org.id, sourceId: source.id, key: 'h', iri: 'https://example.se/h', titleSv: 'Avloppsnät' },
    ]);
  const other = await aNeedOwner(app);
  await app.db.insert(datasets).values({ organisationId: other.id, key: 'x', iri: '', titleSv: 'Främmande data' });

  const page = (await new Client(app).get(`/organisations/${org.slug}`)).body;
  const section = (id: string) => new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '';

  assert.match(page, new RegExp(`<a href="/challenges/${s.challenge.slug}">`));

  const events = section('org-events-heading');
  assert.match(events, new RegExp(`href="/events/${run.slug}"[\\s\\S]*?\\(arrangör\\)`));
  assert.match(events, new RegExp(`href="/events/${s.event.slug}"[\\s\\S]*?\\(med organisationens utmaning\\)`));
  assert.doesNotMatch(events, new RegExp(unrelated.slug));

  assert.match(section('solution-stages-heading'), new RegExp(`href="/solutions/${s.submission.id}">Badkollen</a>`));

  const data = section('org-datasets-heading');
  assert.equal(data.match(/href="\/datasets\/[0-9a-f-]{36}"/g)?.length, 10, 'the first ten');
  assert.match(data, /Avloppsnät/);
  assert.doesNotMatch(data, /Badplats 10/, 'the eleventh by title is left for the whole list');
  assert.doesNotMatch(data, /Främmande data/);
  const all = new RegExp(`<a href="(/datasets\\?organisation=${org.id})">Alla 12 datamängder från organisationen</a>`).exec(data);
  assert.ok(all, data);

  // The whole list, filtered to the organisation, says whose it is.
  const list = (await new Client(app).get(all[1])).body;
  assert.match(list, /12 datamängder/);
  assert.match(list, /Datamängder som Badkommunen publicerar\./);
  assert.match(list, /Badplats 10/);
  assert.doesNotMatch(list, /Främmande data/);

  // An organisation with nothing yet says so in each section.
  const empty = (await new Client(app).get(`/organisations/${other.slug}`)).body;
  assert.match(empty, /Inga evenemang än\./);
  assert.match(empty, /Inga utmaningar än\./);
});
