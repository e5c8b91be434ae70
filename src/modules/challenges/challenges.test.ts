import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { build, Client } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anOrganisation, aUser, challengeFields, signedIn } from '../../test/factories.ts';
import { challenges } from '../../db/schema/index.ts';
import { THEMES_FILE, themes } from './themes.ts';
import { XMLValidator } from 'fast-xml-parser';

test('the 13 EU data themes come from the vocabulary file, with Swedish and English labels', () => {
  assert.equal(themes.length, 13);
  const agri = themes.find((t) => t.code === 'AGRI')!;
  assert.equal(agri.label.sv, 'Jordbruk, fiske, skogsbruk och livsmedel');
  assert.equal(agri.label.en, 'Agriculture, fisheries, forestry and food');
  assert.equal(agri.iri, 'http://publications.europa.eu/resource/authority/data-theme/AGRI');
  const shared = path.resolve(import.meta.dirname, '../../../../shared/data/dcat-ap-se/shapes/vocabularies/data-theme-skos.rdf');
  if (fs.existsSync(shared)) assert.ok(fs.readFileSync(shared).equals(fs.readFileSync(THEMES_FILE)), 'the bundled copy matches shared/');
});

test('a need owner writes a draft that only its organisation and the organiser can see, then publishes it', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const other = await aNeedOwner(app);
  const editor = await aMember(app, org.id, 'editor');
  const client = await signedIn(app, editor);
  await client.get('/challenges/new');
  const title = `Bättre skolmat ${Date.now()}`;
  const res = await client.post('/challenges', challengeFields(org.slug, { titleSv: title, themes: ['EDUC', 'HEAL'], keywords: 'skolmat, näring' }));
  assert.equal(res.statusCode, 303);
  const slug = (res.headers.location as string).replace('/challenges/', '');
  const [row] = await app.db.select().from(challenges).where(eq(challenges.slug, slug));
  assert.equal(row.status, 'draft');
  assert.deepEqual(row.keywords, ['skolmat', 'näring']);

  assert.equal((await new Client(app).get(`/challenges/${slug}`)).statusCode, 404, 'drafts are hidden from the public');
  assert.equal((await (await signedIn(app, await aMember(app, other.id))).get(`/challenges/${slug}`)).statusCode, 404, 'and from other organisations');
  assert.equal((await (await signedIn(app, await aUser(app, { organiser: true }))).get(`/challenges/${slug}`)).statusCode, 200);
  assert.match((await new Client(app).get(`/challenges?organisation=${org.slug}`)).body, /0 utmaningar/, 'nor listed');

  const page = await client.get(`/challenges/${slug}`);
  assert.match(page.body, /Utkast/);
  await client.post(`/challenges/${slug}/status`, { status: 'published' });
  const published = await new Client(app).get(`/challenges/${slug}`);
  assert.equal(published.statusCode, 200);
  assert.match(published.body, /Utbildning, kultur och sport/);
  assert.match((await new Client(app).get(`/challenges?organisation=${org.slug}`)).body, new RegExp(title));
  const api = (await new Client(app).get(`/api/v1/challenges/${slug}`)).json();
  assert.equal(api.title.sv, title);
  assert.equal(api.organisation.slug, org.slug);
});

test('only members of an approved need owner write challenges, and only for their own organisation', async (t) => {
  const app = await build(t);
  const notApproved = await anOrganisation(app);
  const approved = await aNeedOwner(app);
  const elsewhere = await aNeedOwner(app);
  assert.equal((await (await signedIn(app, await aMember(app, notApproved.id))).get('/challenges/new')).statusCode, 403);
  assert.equal((await (await signedIn(app, await aUser(app))).get('/challenges/new')).statusCode, 403);
  const client = await signedIn(app, await aMember(app, approved.id));
  await client.get('/challenges/new');
  const forged = await client.post('/challenges', challengeFields(elsewhere.slug));
  assert.equal(forged.statusCode, 400, 'another organisation is not a choice');
  assert.match(forged.body, /href="#f-organisation"/);
  const theirs = await aChallenge(app, elsewhere, (await aMember(app, elsewhere.id)).id);
  assert.equal((await client.get(`/challenges/${theirs.slug}/edit`)).statusCode, 403);
  assert.equal((await client.post(`/challenges/${theirs.slug}/status`, { status: 'closed' })).statusCode, 403);
});

test('the lifecycle allows only its transitions; only the organiser archives, and the archive is final', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id);
  const challenge = await aChallenge(app, org, editor.id, {}, 'published');
  const client = await signedIn(app, editor);
  await client.get(`/challenges/${challenge.slug}`);
  assert.equal((await client.post(`/challenges/${challenge.slug}/status`, { status: 'draft' })).statusCode, 403, 'no way back to draft');
  assert.equal((await client.post(`/challenges/${challenge.slug}/status`, { status: 'archived' })).statusCode, 403, 'editors do not archive');
  assert.equal((await client.post(`/challenges/${challenge.slug}/status`, { status: 'closed' })).statusCode, 303);
  assert.equal((await client.post(`/challenges/${challenge.slug}/status`, { status: 'published' })).statusCode, 303, 'a closed challenge may reopen');
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  await organiser.get(`/challenges/${challenge.slug}`);
  assert.equal((await organiser.post(`/challenges/${challenge.slug}/status`, { status: 'archived' })).statusCode, 303);
  assert.equal((await organiser.post(`/challenges/${challenge.slug}/status`, { status: 'published' })).statusCode, 403, 'the archive is final');
  assert.equal((await client.get(`/challenges/${challenge.slug}/edit`)).statusCode, 403, 'archived challenges are not edited');
  const [row] = await app.db.select().from(challenges).where(eq(challenges.id, challenge.id));
  assert.equal(row.status, 'archived');

  const history = await client.get(`/challenges/${challenge.slug}/history`);
  assert.equal(history.statusCode, 200);
  for (const action of ['skapade utkastet', 'publicerade', 'stängde', 'arkiverade']) assert.match(history.body, new RegExp(action));
  assert.equal((await (await signedIn(app, await aUser(app))).get(`/challenges/${challenge.slug}/history`)).statusCode, 403, 'the history is not public');
});

test('editing keeps an audit trail of the fields changed; bad input re-renders with errors and changes nothing', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id);
  const challenge = await aChallenge(app, org, editor.id);
  const client = await signedIn(app, editor);
  const form = await client.get(`/challenges/${challenge.slug}/edit`);
  assert.match(form.body, new RegExp(`value="${challenge.titleSv}"`));

  const bad = await client.post(
    `/challenges/${challenge.slug}/edit`,
    challengeFields(org.slug, {
      titleSv: '',
      themes: ['NOPE'],
      contactEmail: 'x',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      summarySv: '<script>alert(1)</script>',
    }),
  );
  assert.equal(bad.statusCode, 400);
  for (const field of ['titleSv', 'themes', 'contactEmail']) assert.match(bad.body, new RegExp(`href="#f-${field}"`));
  assert.doesNotMatch(bad.body, /<script>alert/);
  const badDates = await client.post(`/challenges/${challenge.slug}/edit`, challengeFields(org.slug, { startsOn: '2026-05-01', endsOn: '2026-04-01' }));
  assert.match(badDates.body, /Slutdatum kan inte vara före startdatum/);
  assert.equal((await app.db.select().from(challenges).where(eq(challenges.id, challenge.id)))[0].titleSv, challenge.titleSv);

  const ok = await client.post(
    `/challenges/${challenge.slug}/edit`,
    challengeFields(org.slug, { titleSv: challenge.titleSv, titleEn: 'In English', summarySv: 'En ny sammanfattning för alla.' }),
  );
  assert.equal(ok.statusCode, 303);
  const history = await client.get(`/challenges/${challenge.slug}/history`);
  assert.match(history.body, /ändrade \(titleEn, summarySv\)/);
  const english = await new Client(app, { 'accept-language': 'en' }).get(`/challenges/${challenge.slug}`);
  assert.match(english.body, /<h1>In English<\/h1>/);
  // WCAG 3.1.2: what has no English version is shown in Swedish, marked as Swedish.
  assert.match(english.body, /<p class="lead"><span lang="sv">En ny sammanfattning för alla\.<\/span><\/p>/);
  assert.doesNotMatch((await new Client(app).get(`/challenges/${challenge.slug}`)).body, /lang="sv">En ny/, 'not on a Swedish page');

  // On the form, labels are in the page's language and only the fields say what language is typed into them.
  const editForm = (await client.get(`/challenges/${challenge.slug}/edit`)).body;
  assert.doesNotMatch(editForm, /<fieldset[^>]*lang=/);
  assert.match(editForm, /<input id="f-titleEn" name="titleEn"[^>]* lang="en"/);
  assert.match(editForm, /<textarea id="f-summarySv" name="summarySv"[^>]* lang="sv"/);
});

test('Swedish search: stemming, trigrams for changed stems and compounds, highlights, filters, sort and pages', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { type: 'region' });
  const actor = (await aMember(app, org.id)).id;
  const only = `organisation=${org.slug}`;
  await aChallenge(app, org, actor, {
    titleSv: 'Säkrare cyklar i stadskärnan',
    summarySv: 'Hur blir cyklar tryggare på vintern?',
    themes: ['TRAN'],
    endsOn: '2027-06-01',
  });
  await aChallenge(app, org, actor, {
    titleSv: 'Tidig upptäckt av skogsbränder',
    summarySv: 'Skogsbränder sprids snabbt i torr skog.',
    themes: ['ENVI'],
    yearRound: 'no',
    endsOn: '2027-01-01',
  });
  await aChallenge(app, org, actor, { titleSv: 'Granbarkborrens angrepp', summarySv: 'Granbarkborren skadar granskog.', themes: ['AGRI', 'ENVI'] });
  await aChallenge(app, org, actor, { titleSv: 'Stängd utmaning om vatten', summarySv: 'Vattenkvalitet i sjöar.', themes: ['ENVI'] }, 'closed');
  const client = new Client(app);
  const titles = async (query: string) =>
    [...(await client.get(`/challenges?${only}&${query}`)).body.matchAll(/<h2 class="card-title"><a href="[^"]+">(.*?)<\/a><\/h2>/g)].map((m) =>
      m[1].replace(/<\/?mark>/g, ''),
    );

  assert.deepEqual(await titles('q=cykel'), ['Säkrare cyklar i stadskärnan'], 'cykel finds cyklar');
  assert.deepEqual(await titles('q=skogsbrand'), ['Tidig upptäckt av skogsbränder'], 'skogsbrand finds skogsbränder');
  assert.deepEqual(await titles('q=granbarkborre'), ['Granbarkborrens angrepp'], 'stemming');
  assert.deepEqual(await titles('q=helikopter'), []);
  assert.match((await client.get(`/challenges?${only}&q=cykel`)).body, /Säkrare <mark>cyklar<\/mark> i stadskärnan/, 'near words are highlighted too');
  assert.deepEqual(await titles('q=cykel%20vinter'), ['Säkrare cyklar i stadskärnan'], 'all words must match');
  assert.deepEqual(await titles('q=%22%3A*%20%26%20!'), [], 'tsquery syntax typed in is only text');
  const marked = await client.get(`/challenges?${only}&q=granbarkborre`);
  assert.match(marked.body, /<mark>Granbarkborrens<\/mark>/);
  assert.match(marked.body, /<mark>Granbarkborren<\/mark> skadar/);

  assert.deepEqual((await titles('theme=ENVI')).sort(), ['Granbarkborrens angrepp', 'Tidig upptäckt av skogsbränder']);
  assert.deepEqual(await titles('mode=event'), ['Tidig upptäckt av skogsbränder']);
  assert.deepEqual(await titles('status=closed'), ['Stängd utmaning om vatten']);
  assert.equal((await titles('status=all')).length, 4);
  assert.deepEqual(await titles('sort=closing'), ['Tidig upptäckt av skogsbränder', 'Säkrare cyklar i stadskärnan', 'Granbarkborrens angrepp']);
  assert.deepEqual(await titles('orgType=agency'), []);
  assert.equal((await titles('orgType=region')).length, 3);
  assert.equal((await titles('theme=<script>&sort=evil&page=-4&status=draft')).length, 3, 'unknown values fall back to defaults');

  const api = (await client.get(`/api/v1/challenges?${only}&q=cykel`)).json();
  assert.equal(api.total, 1);
  assert.equal(api.page, 1);
  assert.equal(api.items[0].title.sv, 'Säkrare cyklar i stadskärnan');
  assert.equal((await client.get('/api/v1/challenges?page=0')).statusCode, 422);
});

test('pagination: 20 a page, numbered links that keep the filters, aria-current on the page shown', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const actor = (await aMember(app, org.id)).id;
  for (let i = 0; i < 23; i++) await aChallenge(app, org, actor, { titleSv: `Sidtest ${String(i).padStart(2, '0')}` });
  const client = new Client(app);
  const first = await client.get(`/challenges?organisation=${org.slug}`);
  assert.equal((first.body.match(/class="card"/g) ?? []).length, 20);
  assert.match(first.body, /23 utmaningar/);
  assert.match(first.body, new RegExp(`href="/challenges\\?organisation=${org.slug}&amp;page=2" rel="next"`));
  const second = await client.get(`/challenges?organisation=${org.slug}&page=2`);
  assert.equal((second.body.match(/class="card"/g) ?? []).length, 3);
  assert.match(second.body, /aria-current="page">2</);
});

test('searches are kept for a while, but a change through the site shows in the next search', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const editor = await aMember(app, org.id);
  const challenge = await aChallenge(app, org, editor.id, { titleSv: 'Laddplatser för elbilar' }, 'published');
  const reader = new Client(app);
  const found = async (q: string) => (await reader.get(`/api/v1/challenges?organisation=${org.slug}&q=${q}`)).json().items.map((c: { slug: string }) => c.slug);
  assert.deepEqual(await found('laddplats'), [challenge.slug]);
  assert.deepEqual(await found('cykelpendling'), []);

  const client = await signedIn(app, editor);
  await client.get(`/challenges/${challenge.slug}/edit`);
  assert.equal(
    (await client.post(`/challenges/${challenge.slug}/edit`, challengeFields(org.slug, { titleSv: 'Cykelpendling på landsbygden' }))).statusCode,
    303,
  );
  assert.deepEqual(await found('cykelpendling'), [challenge.slug], 'the new title is found at once');
  assert.deepEqual(await found('laddplats'), [], 'and the old one no longer');
  assert.equal((await client.post(`/challenges/${challenge.slug}/status`, { status: 'closed' })).statusCode, 303);
  assert.deepEqual(await found('cykelpendling'), [], 'a closed challenge leaves the default (published) list at once');
});

test('the Atom feed lists published challenges, escaped, as well-formed XML', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { name: 'Kommun <&> "citat"' });
  const actor = (await aMember(app, org.id)).id;
  const published = await aChallenge(app, org, actor, { titleSv: 'Flöde & <test>' });
  const draft = await aChallenge(app, org, actor, { titleSv: 'Hemligt utkast' }, 'draft');
  const res = await new Client(app).get('/feeds/challenges.atom');
  assert.match(String(res.headers['content-type']), /application\/atom\+xml/);
  assert.match(res.body, /<title>Flöde &amp; &lt;test&gt;<\/title>/);
  assert.match(res.body, /<name>Kommun &lt;&amp;&gt; &quot;citat&quot;<\/name>/);
  assert.ok(res.body.includes(`/challenges/${published.slug}`));
  assert.ok(!res.body.includes(draft.slug));
  assert.equal(XMLValidator.validate(res.body), true, 'well-formed XML');
  const list = await new Client(app).get('/challenges');
  assert.match(list.body, /<link rel="alternate" type="application\/atom\+xml" href="\/feeds\/challenges.atom\?lang=sv"/, 'feed readers find it');
});
