import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { build, Client } from '../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent, aUser, signedIn, PASSWORD } from '../test/factories.ts';
import { parseStrictCsv } from '../test/csv.ts';

const ELSEWHERE = { origin: 'https://apps.example.org' };

test('open data, feeds, calendars, catalogs and public API reads can be read from another web origin; pages and personal reads cannot', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  await aChallenge(app, org, (await aMember(app, org.id)).id);
  const event = await anEvent(app);
  const visitor = new Client(app, ELSEWHERE);
  const open = [
    '/feeds/challenges.atom',
    `/events/${event.slug}.ics`,
    '/datasets/dcat',
    '/datasets/usage',
    '/open-data/challenges.csv',
    '/open-data/challenges.json',
    '/open-data/results.csv',
    '/open-data/realisation.json',
    '/open-data/data-requests.csv',
    '/open-data/matches.csv',
    '/api/v1/challenges',
    '/robots.txt',
    '/sitemap.xml',
    '/.well-known/security.txt',
  ];
  for (const url of open) {
    const res = await visitor.get(url);
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.headers['access-control-allow-origin'], '*', url);
    assert.equal(res.headers['access-control-allow-credentials'], undefined, `${url}: never with credentials`);
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', url);
    assert.match(String(res.headers['access-control-expose-headers']), /ETag/, url);
  }
  // A catalog's IRI as RDF is open; the same address asked for by a browser is a redirect to a page.
  const rdf = await visitor.get('/open-data/challenges', { accept: 'text/turtle' });
  assert.equal(rdf.headers['access-control-allow-origin'], '*');

  // Pages stay same-origin, even on a route that answers RDF to machines.
  for (const url of ['/challenges', '/', '/datasets']) {
    const res = await visitor.get(url);
    assert.equal(res.headers['access-control-allow-origin'], undefined, url);
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin', url);
  }
  // A signed-in read is not open: another site must not read it, even if the browser sent the cookie.
  const user = await aUser(app);
  const member = await signedIn(app, { email: user.email, password: PASSWORD });
  const me = await member.get('/api/v1/me', ELSEWHERE);
  assert.equal(me.statusCode, 200);
  assert.equal(me.headers['access-control-allow-origin'], undefined);
  assert.equal(me.headers['cross-origin-resource-policy'], 'same-origin');

  // Preflight for a GET with a conditional header: allowed on open routes, 404 elsewhere.
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: `/events/${event.slug}.ics`,
    headers: { ...ELSEWHERE, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
  });
  assert.equal(preflight.statusCode, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], '*');
  assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
  assert.match(String(preflight.headers['access-control-allow-headers']), /If-None-Match/i);
  assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
  assert.equal((await app.inject({ method: 'OPTIONS', url: '/api/v1/challenges?page=2', headers: ELSEWHERE })).statusCode, 204);
  const closed = await app.inject({ method: 'OPTIONS', url: '/account', headers: { ...ELSEWHERE, 'access-control-request-method': 'GET' } });
  assert.equal(closed.statusCode, 404);
  assert.equal(closed.headers['access-control-allow-origin'], undefined);
});

test('feeds, calendars, exports and catalogs carry an ETag and Last-Modified and answer 304 when unchanged', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const author = (await aMember(app, org.id)).id;
  await aChallenge(app, org, author, { titleSv: 'Första' });
  const event = await anEvent(app);
  const visitor = new Client(app, ELSEWHERE);
  for (const url of [
    '/feeds/challenges.atom',
    `/events/${event.slug}.ics`,
    '/open-data/challenges.csv',
    '/open-data/challenges.csv?excel=1',
    '/datasets/dcat',
    '/api/v1/challenges',
    '/sitemap.xml',
  ]) {
    const first = await visitor.get(url);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    assert.match(etag, /^W\/"[\w-]+"$/, url);
    assert.ok(Number.isFinite(Date.parse(lastModified)), url);
    const again = await visitor.get(url, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304, url);
    assert.equal(again.body, '', url);
    assert.equal(again.headers.etag, etag, url);
    assert.equal(again.headers['access-control-allow-origin'], '*', `${url}: a 304 is readable elsewhere too`);
    assert.equal((await visitor.get(url, { 'if-modified-since': lastModified })).statusCode, 304, url);
    assert.equal((await visitor.get(url, { 'if-none-match': 'W/"other"' })).statusCode, 200, url);
    assert.equal((await visitor.get(url, { 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).statusCode, 200, url);
  }
  // A change makes a new version: the old ETag no longer matches.
  // (`?lang=` passes by the page cache, which keeps a public answer for 10 s.)
  const before = await visitor.get('/open-data/challenges.csv?lang=sv');
  await aChallenge(app, org, author, { titleSv: 'Andra' });
  const after = await visitor.get('/open-data/challenges.csv?lang=sv', { 'if-none-match': String(before.headers.etag) });
  assert.equal(after.statusCode, 200);
  assert.notEqual(after.headers.etag, before.headers.etag);
  assert.match(after.body, /Andra/);
  // Pages get no ETag: they carry per-request tokens.
  assert.equal((await visitor.get('/challenges')).headers.etag, undefined);
});

test('each language of the Atom feed has its own id and a self link to itself, and names the other as an alternate', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  await aChallenge(app, org, (await aMember(app, org.id)).id);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const feeds = [];
  for (const [lang, headers] of [
    ['sv', {}],
    ['en', { 'accept-language': 'en' }],
  ] as const) {
    const res = await new Client(app, headers).get('/feeds/challenges.atom');
    const feed = xml.parse(res.body).feed;
    const links = ([] as { rel: string; href: string; type: string; hreflang?: string }[]).concat(feed.link);
    const self = links.find((l) => l.rel === 'self')!;
    assert.equal(feed['xml:lang'], lang);
    assert.equal(self.href, `${app.config.publicUrl}/feeds/challenges.atom?lang=${lang}`);
    assert.equal(feed.id, self.href, 'the id is the feed’s own address');
    const other = links.find((l) => l.rel === 'alternate' && l.type === 'application/atom+xml')!;
    assert.equal(other.hreflang, lang === 'sv' ? 'en' : 'sv');
    // The self link answers with the same feed.
    const viaSelf = await new Client(app).get(self.href.slice(app.config.publicUrl.length));
    assert.equal(xml.parse(viaSelf.body).feed.id, feed.id);
    feeds.push(feed.id);
  }
  assert.notEqual(feeds[0], feeds[1]);
  // A challenge without English text appears in the English feed marked as Swedish.
  const en = xml.parse((await new Client(app, { 'accept-language': 'en' }).get('/feeds/challenges.atom')).body).feed;
  const entry = ([] as { title: { 'xml:lang'?: string } }[]).concat(en.entry)[0];
  assert.equal(entry.title['xml:lang'], 'sv');
  const page = await new Client(app, { 'accept-language': 'en' }).get('/challenges');
  assert.match(page.body, /<link rel="alternate" type="application\/atom\+xml" href="\/feeds\/challenges.atom\?lang=en"/);
});

test('CSV exports parse strictly; the Excel variant has a BOM, semicolons, quoted separators and defused formulas', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app);
  const hostile = '=HYPERLINK("x");rad\nett, två';
  await aChallenge(app, org, (await aMember(app, org.id)).id, { titleSv: hostile });
  const visitor = new Client(app);
  for (const url of [
    '/open-data/challenges.csv',
    '/open-data/results.csv',
    '/open-data/realisation.csv',
    '/open-data/data-requests.csv',
    '/open-data/matches.csv',
  ]) {
    const plain = await visitor.get(url);
    assert.match(String(plain.headers['content-type']), /^text\/csv; charset=utf-8/, url);
    const rows = parseStrictCsv(plain.body);
    for (const time of ['first', 'again (from the page cache)']) {
      const excel = await visitor.get(`${url}?excel=1`);
      assert.match(String(excel.headers['content-type']), /^text\/csv; charset=utf-8/, `${url} ${time}`);
      assert.match(String(excel.headers['content-disposition']), /^attachment; filename="[\w-]+-excel\.csv"$/, `${url} ${time}`);
    }
    const excel = await visitor.get(`${url}?excel=1`);
    assert.equal(excel.headers['x-page-cache'], 'hit');
    assert.deepEqual(parseStrictCsv(excel.body, { excel: true }), rows, `${url}: the same table`);
  }
  const body = (await visitor.get('/open-data/challenges.csv?excel=1')).body;
  const [header, row] = parseStrictCsv(body, { excel: true });
  assert.equal(row[header.indexOf('titleSv')], `'${hostile}`, 'the formula is defused, the text kept whole');
  assert.ok(body.includes(`"'=HYPERLINK(""x"");rad\nett, två"`), 'the cell with a separator, quotes and a line break is quoted');
  const plain = (await visitor.get('/open-data/challenges.csv')).body;
  assert.ok(plain.includes(`"'=HYPERLINK(""x"");rad\nett, två"`));
  // The list pages link the Excel variant beside each CSV.
  assert.match((await visitor.get('/matches')).body, /href="\/open-data\/matches.csv\?excel=1"/);
  assert.match((await visitor.get('/realised')).body, /href="\/open-data\/realisation.csv\?excel=1"/);
});

test('numbers get decimal commas in the Excel variant and stay numbers in plain CSV', async () => {
  const { toCsv } = await import('./csv.ts');
  assert.equal(toCsv(['z', 'n'], [[-0.707, 'a;b']]), 'z,n\r\n-0.707,"a;b"\r\n');
  assert.equal(toCsv(['z', 'n'], [[-0.707, 'a;b']], { excel: true }), '\uFEFFz;n\r\n-0,707;"a;b"\r\n');
  assert.equal(toCsv(['b'], [[true], [false]]), 'b\r\ntrue\r\nfalse\r\n');
});
