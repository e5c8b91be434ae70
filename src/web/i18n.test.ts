// @database-independent
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sv from './locales/sv.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { negotiateLanguage, translator } from './i18n.ts';

test('English is complete: the same keys as Swedish, none empty, the same placeholders', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
  for (const [key, text] of Object.entries(en)) {
    assert.ok(text.trim(), `${key} is empty`);
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    assert.deepEqual(placeholders(text), placeholders(sv[key as keyof typeof sv]), `${key} placeholders differ`);
  }
});

test('every message key used in the code exists (and no key is left unused)', () => {
  const src = path.resolve(import.meta.dirname, '..');
  const code = fs
    .readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => fs.readFileSync(path.join(src, f), 'utf8'))
    .join('\n');
  const unused = Object.keys(sv).filter((key) => {
    if (code.includes(`'${key}'`) || code.includes(`"${key}"`)) return false;
    // A mail is a pair, `<key>.subject` and `<key>.body`, sent by naming `<key>` (see mailPerson).
    const mail = key.replace(/\.(subject|body)$/, '');
    if (mail !== key && (code.includes(`'${mail}'`) || code.includes(`"${mail}"`))) return false;
    // Keys built from a prefix and a value, e.g. `profile.role.${r}` or `audit.${action}`.
    const prefixes = [...code.matchAll(/`([a-z0-9.]+)\.\$\{/gi)].map((m) => `${m[1]}.`);
    return !prefixes.some((p) => key.startsWith(p));
  });
  assert.deepEqual(unused, []);
});

test('language negotiation: explicit choice, then Accept-Language by quality, else Swedish', () => {
  assert.equal(negotiateLanguage('en', 'sv'), 'en');
  assert.equal(negotiateLanguage(undefined, 'de, en-GB;q=0.8, sv;q=0.5'), 'en');
  assert.equal(negotiateLanguage(undefined, 'en;q=0, sv-SE'), 'sv');
  assert.equal(negotiateLanguage('xx', 'fi'), 'sv');
  assert.equal(negotiateLanguage(undefined, undefined), 'sv');
});

test('placeholders are filled; unknown ones are left visible', () => {
  const t = translator('en');
  assert.equal(t('org.editTitle', { name: 'Digg' }), 'Edit Digg');
  assert.equal(t('form.error.tooLong', {}), 'Enter at most {max} characters');
});
