import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { build, Client } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, anEvent } from '../../test/factories.ts';
import { loadConfig } from '../../config.ts';
import { aSolution } from '../../test/solutions.ts';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name) });

test('robots.txt keeps crawlers out of personal areas and names the sitemap', async (t) => {
  const app = await build(t);
  const res = await new Client(app).get('/robots.txt');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; charset=utf-8/);
  assert.match(res.body, /^User-agent: \*$/m);
  for (const path of ['/account', '/admin', '/me', '/calendar/', '/check-in/']) assert.match(res.body, new RegExp(`^Disallow: ${path}$`, 'm'));
  assert.doesNotMatch(res.body, /^Disallow: \/$/m, 'public pages stay open');
  assert.match(res.body, new RegExp(`^Sitemap: ${app.config.publicUrl}/sitemap.xml$`, 'm'));
});

test('the sitemap lists public pages in both languages with hreflang alternates, and never drafts', async (t) => {
  const app = await build(t);
  const org = await aNeedOwner(app, { name: 'Sitemapkommunen' });
  const author = (await aMember(app, org.id)).id;
  const published = await aChallenge(app, org, author);
  const draft = await aChallenge(app, org, author, {}, 'draft');
  const event = await anEvent(app);
  const hidden = await anEvent(app, { status: 'draft' });
  const solution = await aSolution(app);
  const visitor = new Client(app);
  const base = app.config.publicUrl;

  const index = xml.parse((await visitor.get('/sitemap.xml')).body).sitemapindex;
  const parts: string[] = index.sitemap.map((s: { loc: string }) => s.loc);
  assert.ok(parts.includes(`${base}/sitemaps/pages.xml`));
  assert.ok(parts.includes(`${base}/sitemaps/challenges-1.xml`));
  const urls = new Map<string, { loc: string; 'xhtml:link': { hreflang: string; href: string }[] }>();
  for (const part of parts) {
    const res = await visitor.get(part.slice(base.length));
    assert.equal(res.statusCode, 200, part);
    assert.match(String(res.headers['content-type']), /^application\/xml/);
    for (const url of xml.parse(res.body).urlset.url) urls.set(url.loc, url);
  }
  for (const path of [
    '/',
    '/challenges',
    '/privacy',
    '/accessibility',
    `/challenges/${published.slug}`,
    `/events/${event.slug}`,
    `/organisations/${org.slug}`,
    `/solutions/${solution.submission.id}`,
  ]) {
    for (const lang of ['sv', 'en']) {
      const url = urls.get(`${base}${path}?lang=${lang}`);
      assert.ok(url, `${path} in ${lang}`);
      assert.deepEqual(
        url['xhtml:link'].map((l) => [l.hreflang, l.href]),
        [
          ['sv', `${base}${path}?lang=sv`],
          ['en', `${base}${path}?lang=en`],
          ['x-default', `${base}${path}`],
        ],
      );
    }
  }
  const all = [...urls.keys()].join('\n');
  assert.ok(!all.includes(draft.slug), 'no draft challenge');
  assert.ok(!all.includes(hidden.slug), 'no unpublished event');
  assert.ok(!all.includes('/account'));
  assert.equal((await visitor.get('/sitemaps/challenges-999.xml')).statusCode, 404);
  assert.equal((await visitor.get('/sitemaps/users-1.xml')).statusCode, 404);
});

test('security.txt follows RFC 9116 with the configured contact', async (t) => {
  const app = await build(t, { config: { security: { contact: 'mailto:security@example.se', expires: new Date('2027-05-01T00:00:00Z') } } });
  const res = await new Client(app).get('/.well-known/security.txt');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; charset=utf-8/);
  const fields = Object.fromEntries(
    res.body
      .trim()
      .split('\n')
      .map((line) => line.split(/: (.*)/s).slice(0, 2)),
  );
  assert.deepEqual(fields, {
    Contact: 'mailto:security@example.se',
    Expires: '2027-05-01T00:00:00Z',
    'Preferred-Languages': 'sv, en',
    Canonical: `${app.config.publicUrl}/.well-known/security.txt`,
  });

  // By default: the organiser's address, expiring within a year.
  const defaults = loadConfig({ NODE_ENV: 'test', ORGANISER_EMAIL: 'o@example.se' });
  assert.equal(defaults.security.contact, 'mailto:o@example.se');
  assert.ok(defaults.security.expires.getTime() - Date.now() < 365 * 86_400_000);
  assert.throws(() => loadConfig({ NODE_ENV: 'test', SECURITY_CONTACT: 'security@example.se' }), /SECURITY_CONTACT/);
  assert.throws(() => loadConfig({ NODE_ENV: 'test', SECURITY_TXT_EXPIRES: 'soon' }), /SECURITY_TXT_EXPIRES/);
});
