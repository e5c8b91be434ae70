import { test } from 'node:test';
import assert from 'node:assert/strict';
import dc from 'node:diagnostics_channel';
import type dns from 'node:dns';
import type { ClientRequest } from 'node:http';
import { build, testConfig } from '../../../test/app.ts';
import { fixtureServer } from '../../../test/fixture-server.ts';
import { aUser, signedIn } from '../../../test/factories.ts';
import { claimHarvest, runHarvest } from './run.ts';
import { addressRefusal } from './addresses.ts';
import { guardedLookup } from './fetch.ts';

const refused = [
  // IPv4: this network, private, carrier-grade NAT, loopback, link-local, IETF, documentation, 6to4 relay,
  // benchmarking, multicast, reserved, broadcast
  '0.0.0.0',
  '0.1.2.3',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.254',
  '127.0.0.1',
  '127.8.9.10',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.1',
  '192.0.2.1',
  '192.88.99.1',
  '192.168.1.1',
  '198.18.0.1',
  '198.19.255.255',
  '198.51.100.7',
  '203.0.113.9',
  '224.0.0.1',
  '239.255.255.250',
  '240.0.0.1',
  '255.255.255.255',
  // IPv6: unspecified, loopback, link-local, unique-local, site-local, multicast, discard, documentation, benchmarking,
  // ORCHID, segment routing, outside 2000::/3
  '::',
  '::1',
  '[::1]',
  'fe80::1',
  'fc00::1',
  'fd12:3456:789a::1',
  'fec0::1',
  'ff02::1',
  'ff0e::1',
  '100::1',
  '2001:db8::1',
  '3fff::1',
  '2001:2::1',
  '2001:20::1',
  '5f00::1',
  '4000::1',
  'e000::1',
  '1::1',
  // IPv4 inside IPv6: mapped, translated, compatible, NAT64 (well-known and local-use), 6to4, Teredo
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:a9fe:a9fe',
  '::ffff:10.0.0.1',
  '::ffff:0:a9fe:a9fe',
  '::a9fe:a9fe',
  '::169.254.169.254',
  '::7f00:1',
  '::10.0.0.1',
  '64:ff9b::a9fe:a9fe',
  '64:ff9b::169.254.169.254',
  '64:ff9b::10.0.0.1',
  '64:ff9b::7f00:1',
  '64:ff9b:1::a9fe:a9fe',
  '64:ff9b:1::808:808',
  '2002:a9fe:a9fe::',
  '2002:a9fe:a9fe::1',
  '2002:7f00:1::1',
  '2002:c0a8:101::',
  '2002:0a00:0001:1::1',
  '2001::1',
  '2001:0:a9fe:a9fe::',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  'not-an-address',
  '',
];
const reached = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '194.71.11.173',
  '2a00:1450:4001:80b::200e',
  '2606:4700::1111',
  '2001:6b0:7::18',
  // IPv4 inside IPv6 that stays a public address
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
  '64:ff9b::8.8.8.8',
  '2002:808:808::1',
];

test('a harvest reaches global unicast addresses only, IPv4 inside IPv6 included', () => {
  const wrong = [
    ...refused.filter((a) => addressRefusal(a) === null).map((a) => `${a} was let through`),
    ...reached.filter((a) => addressRefusal(a) !== null).map((a) => `${a} was refused: ${addressRefusal(a)}`),
  ];
  assert.deepEqual(wrong, []);
  assert.match(addressRefusal('::a9fe:a9fe')!, /linkLocal \(IPv4-compatible 169\.254\.169\.254\)/, 'the reason names the embedded address');
  assert.match(addressRefusal('2002:a9fe:a9fe::')!, /6to4 169\.254\.169\.254/);
  assert.equal(addressRefusal('2001:0:a9fe:a9fe::'), 'teredo', 'Teredo is refused outright');
  assert.equal(addressRefusal('64:ff9b:1::808:808'), 'rfc6052', 'local-use NAT64 is refused outright');

  // HARVEST_ALLOW_ADDRESSES lets named addresses through, in any spelling, and nothing next to them.
  const allow = ['127.0.0.1', '::1'];
  for (const a of ['127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::1', '0:0:0:0:0:0:0:1']) assert.equal(addressRefusal(a, allow), null, a);
  for (const a of ['127.0.0.2', '10.0.0.1', '::2', '::a9fe:a9fe']) assert.notEqual(addressRefusal(a, allow), null, a);
});

test('every DNS answer is checked, not only the first', async () => {
  const limits = { ...testConfig().harvest, allowAddresses: [] };
  const answering = (addresses: dns.LookupAddress[]) => guardedLookup(limits, (_host, _opts, cb) => cb(null, addresses));
  const lookup = (fn: ReturnType<typeof answering>) =>
    new Promise<unknown>((resolve) => fn('catalog.example', { all: true }, (err, addresses) => resolve(err ?? addresses)));

  const publicOnly = [
    { address: '93.184.216.34', family: 4 },
    { address: '2606:4700::1111', family: 6 },
  ];
  assert.deepEqual(await lookup(answering(publicOnly)), publicOnly);
  for (const hidden of ['169.254.169.254', '::a9fe:a9fe', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::', '10.0.0.1']) {
    const answer = await lookup(answering([...publicOnly, { address: hidden, family: hidden.includes(':') ? 6 : 4 }]));
    assert.ok(answer instanceof Error && /address_not_allowed/.test(answer.message), `${hidden} as the last answer`);
  }
  assert.ok((await lookup(answering([]))) instanceof Error, 'no answer at all is refused too');
});

test('a source at an IPv4 address hidden in IPv6 fails with a clear report, and no connection is attempted', async (t) => {
  // 127.0.0.1 is allowed (the fixture server), so only the embedded forms are in question.
  const app = await build(t, { config: { harvest: { ...testConfig().harvest, timeoutMs: 2000, allowAddresses: ['127.0.0.1'] } } });
  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const fixtures = await fixtureServer(t, { '/to-metadata': { status: 302, headers: { location: 'http://[::a9fe:a9fe]/latest/meta-data/' } } });

  const attempts: string[] = [];
  const onRequest = ({ request }: { request: ClientRequest }) => attempts.push(`${request.host}${request.path}`);
  dc.subscribe('http.client.request.start', onRequest as (m: unknown) => void);
  t.after(() => dc.unsubscribe('http.client.request.start', onRequest as (m: unknown) => void));

  const urls = [
    'http://[::a9fe:a9fe]/latest/meta-data/',
    'http://[::169.254.169.254]/latest/meta-data/',
    'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/',
    'http://[2002:a9fe:a9fe::]/latest/meta-data/',
    'http://[2001:0:a9fe:a9fe::]/latest/meta-data/',
    'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  ];
  await organiser.get('/harvest-sources');
  for (const url of [...urls, `${fixtures.base}/to-metadata`]) {
    const created = await organiser.post('/harvest-sources', { title: `Källa ${url}`, url, kind: 'dcat', schedule: 'manual', organisation: '' });
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    for (let claimed = await claimHarvest(app.db); claimed; claimed = await claimHarvest(app.db)) await runHarvest(app, claimed);
    const page = await organiser.get(created.headers.location as string);
    assert.match(page.body, /misslyckades/, url);
    assert.match(page.body, /pekar in i ett internt nät eller ett reserverat adressområde/, url);
  }
  assert.deepEqual(attempts, ['127.0.0.1/to-metadata'], 'nothing was requested but the redirect on 127.0.0.1');
});
