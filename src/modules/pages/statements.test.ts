import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../../test/app.ts';
import { aUser, PASSWORD } from '../../test/factories.ts';
import { COOKIES } from './views/privacy.tsx';
import { DIGG_REPORT_URL } from './views/accessibility.tsx';

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
const headings = (html: string) => [...html.matchAll(/<h([1-4])[^>]*>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${text(m[2])}`);

test('the accessibility statement follows Digg’s model statement, section by section, in both languages', async (t) => {
  const app = await build(t, { config: { organiserEmail: 'tillganglighet@example.se' } });
  const sv = await new Client(app).get('/accessibility');
  assert.equal(sv.statusCode, 200);
  assert.deepEqual(headings(sv.body), [
    'h1 Tillgänglighetsredogörelse',
    'h2 Hur tillgänglig är webbplatsen?',
    'h2 Vad kan du göra om du inte kan använda delar av webbplatsen?',
    'h2 Rapportera brister i webbplatsens tillgänglighet',
    'h2 Tillsyn',
    'h2 Teknisk information om webbplatsens tillgänglighet',
    'h3 Innehåll som inte är tillgängligt',
    'h4 Bristande förenlighet med lagkraven',
    'h4 Oskäligt betungande anpassning',
    'h4 Innehåll som inte omfattas av lagstiftningen',
    'h2 Hur vi testat webbplatsen',
  ]);
  const body = text(sv.body);
  assert.match(body, /Myndigheten för digital förvaltning \(Digg\) står bakom den här webbplatsen/);
  assert.match(sv.body, /href="mailto:tillganglighet@example.se"/, 'a contact for content that is not accessible');
  assert.match(body, /svarar normalt inom fem arbetsdagar/);
  assert.ok(sv.body.includes(`href="${DIGG_REPORT_URL}"`), 'the supervisory authority’s report form');
  assert.match(body, /lagen om tillgänglighet till digital offentlig service \(DOS-lagen\)/);
  assert.match(body, /delvis förenlig med lagen .* EN 301 549, som för webbplatser motsvarar WCAG 2\.1 nivå AA/);
  for (const criterion of ['WCAG 2.1.1 Tangentbord (nivå A)', 'WCAG 4.1.2 Namn, roll, värde (nivå A)']) assert.ok(body.includes(criterion), criterion);
  assert.ok(!body.includes('WCAG 3.1.2'), 'language of parts is met: Swedish-only text on English pages is marked');
  assert.match(body, /Senaste bedömningen gjordes den \d+ \w+ 20\d\d\./);
  assert.match(body, /självskattning/);
  assert.match(sv.body, /<form method="post" action="\/accessibility\/feedback"/);

  const en = await new Client(app, { 'accept-language': 'en' }).get('/accessibility');
  assert.deepEqual(headings(en.body).length, headings(sv.body).length);
  assert.match(text(en.body), /The Agency for Digital Government \(Digg\) is behind this website/);
  assert.match(text(en.body), /WCAG 4\.1\.2 Name, Role, Value \(level A\)/);
  assert.match(text(en.body), /The latest assessment was made on/);
});

test('the privacy notice lists every cookie the site sets, the processors, transfers, retention, the officer and the supervisory authority, in both languages', async (t) => {
  const app = await build(t, { config: { dpoEmail: 'dso@example.se' } });
  for (const [lang, headers, words] of [
    [
      'sv',
      {},
      [
        'Dataskyddsombud',
        'personuppgiftsbiträden',
        'utanför EU/EES',
        'Hur länge vi sparar uppgifterna',
        'Integritetsskyddsmyndigheten (IMY)',
        'Tekniska loggar',
      ],
    ],
    [
      'en',
      { 'accept-language': 'en' },
      [
        'Data protection officer',
        'processors',
        'outside the EU/EEA',
        'How long we keep the data',
        'Swedish Authority for Privacy Protection (IMY)',
        'Technical logs',
      ],
    ],
  ] as const) {
    const res = await new Client(app, headers).get('/privacy');
    assert.match(res.body, new RegExp(`<html lang="${lang}"`));
    for (const word of words) assert.ok(text(res.body).includes(word), `${lang}: ${word}`);
    assert.match(res.body, /href="mailto:dso@example.se"/);
    for (const cookie of COOKIES) assert.match(res.body, new RegExp(`<th scope="row"><code>${cookie.name}</code></th>`), `${lang}: ${cookie.name}`);
  }

  // What the site sets along the way (language, forms, sign-in, a notice after signing out) is all on the list.
  const listed = new Set(COOKIES.map((c) => c.name));
  const seen = new Set<string>();
  const client = new Client(app);
  const user = await aUser(app);
  const responses = [await client.get('/?lang=en'), await client.get('/signin'), await client.post('/signin', { email: user.email, password: PASSWORD })];
  await client.get('/account');
  responses.push(await client.post('/signout', {}));
  for (const res of responses) for (const c of res.cookies as { name: string }[]) seen.add(c.name);
  for (const name of ['hack365_lang', 'hack365_csrf', 'hack365_session']) assert.ok(seen.has(name), `${name} was set`);
  for (const name of seen) assert.ok(listed.has(name), `${name} is listed`);

  // And no code sets a cookie by another name: every setCookie names one of the listed constants.
  const src = path.resolve(import.meta.dirname, '../..');
  const setters = fs
    .readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
    .flatMap((f) => [...fs.readFileSync(path.join(src, f), 'utf8').matchAll(/setCookie\(\s*([A-Z_]+)/g)].map((m) => m[1]));
  assert.ok(setters.length >= 4);
  const constants: Record<string, string> = {
    SESSION_COOKIE: 'hack365_session',
    LANG_COOKIE: 'hack365_lang',
    FLASH_COOKIE: 'hack365_flash',
    FLOW_COOKIE: 'hack365_oidc_flow',
    PENDING_COOKIE: 'hack365_oidc_pending',
  };
  for (const setter of setters) assert.ok(constants[setter] && listed.has(constants[setter]), `setCookie(${setter}) is listed`);
  assert.ok(listed.has('hack365_csrf'), 'the CSRF plugin’s cookie (cookieKey) is listed');
});
