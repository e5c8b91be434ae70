import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aMember, aNeedOwner, aUser, signedIn } from '../../test/factories.ts';
import { aSolution } from '../../test/solutions.ts';

type Upload = { file?: { bytes: Buffer; name?: string; type?: string }; altSv?: string; altEn?: string };

/** A multipart form as a browser sends it: the CSRF token, the alt texts, the file (or an empty file part). */
function multipartBody(csrf: string, u: Upload) {
  const boundary = '----hack365test' + Math.random().toString(16).slice(2);
  const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const file = u.file ?? { bytes: Buffer.alloc(0), name: '', type: 'application/octet-stream' };
  const parts = [
    field('_csrf', csrf),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${file.name ?? 'bild.png'}"\r\nContent-Type: ${file.type ?? 'image/png'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from('\r\n'),
    field('altSv', u.altSv ?? ''),
    field('altEn', u.altEn ?? ''),
    Buffer.from(`--${boundary}--\r\n`),
  ];
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: Client, id: string, u: Upload, headers: Record<string, string> = {}) {
  if (!client.csrfToken) await client.get(`/solutions/${id}/image`);
  const { body, type } = multipartBody(client.csrfToken ?? '', u);
  return client.request('POST', `/solutions/${id}/image`, body, { 'content-type': type, ...headers });
}

const png = (width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 3, background: '#1d70b8' } })
    .png()
    .toBuffer();
/** A PNG that says it is 30,000 × 30,000 pixels: a few bytes that would decode to gigabytes. */
async function pixelBomb() {
  const bytes = Buffer.from(await png(1, 1));
  bytes.writeUInt32BE(30_000, 16);
  bytes.writeUInt32BE(30_000, 20);
  bytes.writeUInt32BE(zlib.crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

async function aTeamWithSolution(app: TestApp, opts: { gallery?: boolean } = {}) {
  const made = await aSolution(app, { title: 'Badkollen', gallery: opts.gallery });
  return { ...made, id: made.submission.id, member: await signedIn(app, made.members[0]) };
}

test('a team member uploads a photo: the server serves a re-encoded WebP without the EXIF, on the page and in the gallery', async (t) => {
  const app = await build(t);
  const s = await aTeamWithSolution(app);
  const marker = 'Exif-Marker-Kamera-59.3293N';
  const jpeg = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#d4351c' } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Artist: marker, Copyright: marker } } })
    .toBuffer();
  assert.ok(jpeg.includes(marker), 'the upload carries the EXIF marker');

  const form = await s.member.get(`/solutions/${s.id}/image`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /enctype="multipart\/form-data"/);
  const res = await upload(s.member, s.id, {
    file: { bytes: jpeg, name: 'foto.jpg', type: 'image/jpeg' },
    altSv: 'Karta över badplatser',
    altEn: 'Map of beaches',
  });
  assert.equal(res.statusCode, 303, res.body);

  const page = await new Client(app).get(`/solutions/${s.id}`);
  const img = /<img class="solution-image"[^>]*>/.exec(page.body)?.[0] ?? '';
  assert.match(img, /alt="Karta över badplatser"/);
  assert.match(img, /width="1600"/);
  assert.match(img, /height="800"/);
  const src = /src="([^"]+)"/.exec(img)![1].replaceAll('&amp;', '&');
  assert.match(src, new RegExp(`^/solutions/${s.id}/image\\.webp\\?v=`));

  const served = await new Client(app).get(src);
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/webp');
  assert.equal(served.headers['x-content-type-options'], 'nosniff');
  assert.match(String(served.headers['cache-control']), /public, max-age=31536000, immutable/);
  const etag = String(served.headers.etag);
  assert.match(etag, /^"[^"]+"$/, 'a strong ETag');
  const bytes = served.rawPayload;
  assert.equal(bytes.toString('latin1', 0, 4), 'RIFF');
  assert.equal(bytes.toString('latin1', 8, 12), 'WEBP');
  assert.ok(!bytes.equals(jpeg));
  assert.ok(!bytes.includes(marker), 'no EXIF survives');
  const meta = await sharp(bytes).metadata();
  assert.equal(meta.format, 'webp');
  assert.equal(meta.exif, undefined);
  assert.deepEqual([meta.width, meta.height], [1600, 800]);

  const again = await new Client(app).get(src, { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  const bare = await new Client(app).get(`/solutions/${s.id}/image.webp`);
  assert.equal(bare.headers['cache-control'], 'public, no-cache', 'the address without a version is checked each time');

  const gallery = await new Client(app).get('/solutions');
  const card = /<img class="solution-image solution-image-card"[^>]*>/.exec(gallery.body)?.[0] ?? '';
  assert.match(card, /loading="lazy"/);
  assert.match(card, /width="480"/);
  assert.match(card, /height="240"/);
  const cardSrc = /src="([^"]+)"/.exec(card)![1].replaceAll('&amp;', '&');
  const cardBytes = (await new Client(app).get(cardSrc)).rawPayload;
  assert.deepEqual([(await sharp(cardBytes).metadata()).width, (await sharp(cardBytes).metadata()).format], [480, 'webp']);

  // The English page reads the English alt text.
  const en = await new Client(app, { 'accept-language': 'en' }).get(`/solutions/${s.id}`);
  assert.match(en.body, /<img class="solution-image"[^>]*alt="Map of beaches"/);
});

test('bad files and missing alt text re-render the form with a 400 and an error summary; nothing is stored', async (t) => {
  const app = await build(t);
  const s = await aTeamWithSolution(app);
  const good = await png();
  const truncated = good.subarray(0, Math.floor(good.length / 2));
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
  const cases: [string, Upload, string][] = [
    ['not an image', { file: { bytes: Buffer.from('hello, this is text'), name: 'a.png' }, altSv: 'Text' }, 'image'],
    ['a truncated PNG', { file: { bytes: truncated }, altSv: 'Halv' }, 'image'],
    ['an SVG, even called a PNG', { file: { bytes: svg, name: 'a.png', type: 'image/png' }, altSv: 'Svg' }, 'image'],
    ['a pixel bomb', { file: { bytes: await pixelBomb() }, altSv: 'Stor' }, 'image'],
    ['an empty file', { file: { bytes: Buffer.alloc(0), name: 'tom.png' }, altSv: 'Tom' }, 'image'],
    ['no file chosen', { altSv: 'Ingen fil' }, 'image'],
    ['no alt text', { file: { bytes: good } }, 'altSv'],
    ['alt text too long', { file: { bytes: good }, altSv: 'x'.repeat(251) }, 'altSv'],
  ];
  for (const [name, u, field] of cases) {
    const res = await upload(s.member, s.id, u);
    assert.equal(res.statusCode, 400, name);
    assert.match(res.body, /class="error-summary"/, name);
    assert.match(res.body, new RegExp(`href="#f-${field}"`), name);
    assert.match(res.body, /<title>Fel:/, name);
    if (u.altSv) assert.match(res.body, new RegExp(`>${u.altSv}</textarea>`), `${name}: the alt text typed is kept`);
  }
  assert.equal((await new Client(app).get(`/solutions/${s.id}/image.webp`)).statusCode, 404, 'nothing was stored');

  // Asked for JSON, the same refusal comes as the API's error shape.
  const json = await upload(s.member, s.id, { file: { bytes: svg }, altSv: 'Svg' }, { accept: 'application/json' });
  assert.equal(json.statusCode, 400);
  assert.equal(json.json().error.code, 'validation_failed');
  assert.ok(json.json().error.fields.image);
});

test('a file over 5 MB is refused with the form: cut off while read, or unread when the body says its size', async (t) => {
  const app = await build(t);
  const s = await aTeamWithSolution(app);
  const big = Buffer.concat([await png(), Buffer.alloc(6 * 1024 * 1024)]);
  // Declared size: answered without reading the body.
  const declared = await upload(s.member, s.id, { file: { bytes: big }, altSv: 'Stor' });
  assert.equal(declared.statusCode, 400);
  assert.match(declared.body, /href="#f-image"/);
  assert.match(declared.body, /större än 5 MB/);
  // Streamed without a length: read up to the limit, the rest dropped, and the alt text kept.
  await s.member.get(`/solutions/${s.id}/image`);
  const { body, type } = multipartBody(s.member.csrfToken!, { file: { bytes: big }, altSv: 'Strömmad' });
  const cookie = [...s.member.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const streamed = await app.inject({
    method: 'POST',
    url: `/solutions/${s.id}/image`,
    payload: Readable.from([body.subarray(0, 1000), body.subarray(1000)]),
    headers: { 'content-type': type, cookie },
  });
  assert.equal(streamed.statusCode, 400);
  assert.match(streamed.body, /större än 5 MB/);
  assert.match(streamed.body, />Strömmad<\/textarea>/);
  // A body that breaks off mid-part is the sender's fault.
  const broken = await s.member.request('POST', `/solutions/${s.id}/image`, body.subarray(0, 500), { 'content-type': type });
  assert.ok(broken.statusCode >= 400 && broken.statusCode < 500, String(broken.statusCode));
});

test('only the team and the organiser change the image; another organisation, another person and the anonymous do not', async (t) => {
  const app = await build(t);
  const s = await aTeamWithSolution(app);
  const image = { file: { bytes: await png() }, altSv: 'Skärmbild' };
  const stranger = await signedIn(app, await aUser(app));
  const otherOrg = await signedIn(app, await aMember(app, (await aNeedOwner(app)).id, 'owner'));
  const needOwner = await signedIn(app, s.owner);
  for (const [name, client] of [
    ['a stranger', stranger],
    ['another organisation', otherOrg],
    ["the challenge's need owner", needOwner],
  ] as const) {
    assert.equal((await client.get(`/solutions/${s.id}/image`)).statusCode, 403, name);
    await client.get('/');
    const res = await upload(client, s.id, image);
    assert.equal(res.statusCode, 403, name);
  }
  const anonymous = await new Client(app).get(`/solutions/${s.id}/image`);
  assert.equal(anonymous.statusCode, 303);
  assert.match(String(anonymous.headers.location), /^\/signin/);

  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  assert.equal((await upload(organiser, s.id, image)).statusCode, 303);
  assert.equal((await new Client(app).get(`/solutions/${s.id}/image.webp`)).statusCode, 200);

  // Without the CSRF token nothing changes.
  const { body, type } = multipartBody('', image);
  assert.equal((await s.member.request('POST', `/solutions/${s.id}/image`, body, { 'content-type': type })).statusCode, 403);

  // The team changes the alt text alone, then removes the image after confirming.
  await s.member.get(`/solutions/${s.id}/image`);
  assert.equal((await upload(s.member, s.id, { altSv: '', altEn: 'A screenshot' })).statusCode, 303);
  assert.match((await new Client(app, { 'accept-language': 'en' }).get(`/solutions/${s.id}`)).body, /alt="A screenshot"/);
  const confirm = await s.member.get(`/solutions/${s.id}/image/remove`);
  assert.equal(confirm.statusCode, 200);
  assert.equal((await s.member.post(`/solutions/${s.id}/image/remove`, {})).statusCode, 303, 'without confirm=yes: back to the question');
  assert.equal((await new Client(app).get(`/solutions/${s.id}/image.webp`)).statusCode, 200);
  assert.equal((await s.member.post(`/solutions/${s.id}/image/remove`, { confirm: 'yes' })).statusCode, 303);
  assert.equal((await new Client(app).get(`/solutions/${s.id}/image.webp`)).statusCode, 404);
  assert.doesNotMatch((await new Client(app).get(`/solutions/${s.id}`)).body, /solution-image/);
});

test("an unpublished solution's image is the team's alone: 404 for the public and for others", async (t) => {
  const app = await build(t);
  const s = await aTeamWithSolution(app, { gallery: false });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  assert.equal((await upload(organiser, s.id, { file: { bytes: await png() }, altSv: 'Skiss' })).statusCode, 303);
  for (const size of ['image', 'image-card']) {
    const url = `/solutions/${s.id}/${size}.webp`;
    assert.equal((await new Client(app).get(url)).statusCode, 404, `${size} for the public`);
    const other = await signedIn(app, await aUser(app));
    assert.equal((await other.get(url)).statusCode, 404, `${size} for another person`);
    const own = await s.member.get(url);
    assert.equal(own.statusCode, 200, `${size} for the team`);
    assert.equal(own.headers['cache-control'], 'private, no-cache');
  }
  const stranger = await signedIn(app, await aUser(app));
  assert.equal((await stranger.get(`/solutions/${s.id}/image`)).statusCode, 404, 'nobody learns the proposal exists');
  // The submission window of this past event is closed, so the team no longer changes it; the organiser still may.
  assert.equal((await s.member.get(`/solutions/${s.id}/image`)).statusCode, 403);
});
