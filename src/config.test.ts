// @database-independent
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEV_SESSION_SECRET, loadConfig } from './config.ts';

const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://hack365.example.se', MAIL_FROM: 'noreply@example.se', METRICS_TOKEN: 'm'.repeat(24) };

test('development runs on safe local defaults', () => {
  const config = loadConfig({});
  assert.equal(config.env, 'development');
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(config.databaseUrl, null);
  assert.match(config.dataDir, /\/data$/);
  assert.equal(config.seedDemo, true);
});

test('production refuses the development secret, a short secret, and missing settings', () => {
  assert.throws(() => loadConfig({ ...production }), /SESSION_SECRET must be set in production/);
  assert.throws(() => loadConfig({ ...production, SESSION_SECRET: DEV_SESSION_SECRET }), /SESSION_SECRET must be a random value/);
  assert.throws(() => loadConfig({ ...production, SESSION_SECRET: 'short' }), /at least 32 characters/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }), /PUBLIC_URL must be set in production/);
  const ok = loadConfig({ ...production, SESSION_SECRET: 'x'.repeat(40) });
  assert.equal(ok.seedDemo, false, 'no demo accounts in production unless asked for');
});

test('production refuses to start without a metrics token, or with demo accounts', () => {
  const safe = { ...production, SESSION_SECRET: 'x'.repeat(40) };
  assert.throws(() => loadConfig({ ...safe, METRICS_TOKEN: '' }), /METRICS_TOKEN must be set in production/);
  assert.throws(() => loadConfig({ ...safe, METRICS_TOKEN: 'short' }), /METRICS_TOKEN must be a random value of at least 16 characters/);
  assert.throws(() => loadConfig({ ...safe, SEED_DEMO: 'true' }), /SEED_DEMO=true is refused in production/);
  assert.equal(loadConfig({ ...safe, SEED_DEMO: 'false' }).seedDemo, false);
  assert.equal(loadConfig({ ...safe }).metricsToken, 'm'.repeat(24));
  assert.equal(loadConfig({}).metricsToken, null, 'development serves /metrics without a token');
});

test('TRUST_PROXY names the proxies whose X-Forwarded-For is believed: none by default, in production too', () => {
  assert.deepEqual(loadConfig({}).trustProxy, []);
  assert.deepEqual(loadConfig({ ...production, SESSION_SECRET: 'x'.repeat(40) }).trustProxy, []);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00::/8 , ::1' }).trustProxy, ['10.0.0.5', '192.168.0.0/16', 'fd00::/8', '::1']);
  for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', '::1/129']) {
    assert.throws(() => loadConfig({ TRUST_PROXY: bad }), /TRUST_PROXY takes addresses or CIDRs/, bad);
  }
});

test('bad values are reported by name', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be a whole number/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres/);
  assert.throws(() => loadConfig({ PUBLIC_URL: 'not a url' }), /PUBLIC_URL must be an absolute URL/);
  assert.throws(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' }), /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://a.example/' }).publicUrl, 'https://a.example', 'trailing slash trimmed');
});
