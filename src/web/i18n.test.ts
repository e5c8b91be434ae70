// @database-independent
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sv from './locales/sv.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { formatNumber, negotiateLanguage, translator, type MessageKey } from './i18n.ts';

/** The names of a message's arguments with their types (`count:plural`, `title:argument`), from its ICU syntax tree. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal) into.add(`${element.value}:${TYPE[element.type]}`);
    if ('options' in element) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

test('English is complete: the same keys as Swedish, none empty, each valid ICU MessageFormat with the same arguments', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
  for (const [key, text] of Object.entries(en)) {
    assert.ok(text.trim(), `${key} is empty`);
    const swedish = sv[key as keyof typeof sv];
    assert.deepEqual(
      [...argumentsOf(parse(text, { ignoreTag: true }))].sort(),
      [...argumentsOf(parse(swedish, { ignoreTag: true }))].sort(),
      `${key} arguments differ`,
    );
  }
});

test('messages without arguments read as written (no apostrophe or brace swallowed by the ICU syntax)', () => {
  for (const [lang, catalog] of [
    ['sv', sv],
    ['en', en],
  ] as const) {
    const t = translator(lang);
    for (const [key, text] of Object.entries(catalog))
      if (argumentsOf(parse(text, { ignoreTag: true })).size === 0) assert.equal(t(key as MessageKey), text, `${lang} ${key}`);
  }
});

test('plurals and numbers follow each language', () => {
  const [tSv, tEn] = [translator('sv'), translator('en')];
  assert.equal(tSv('gallery.count', { count: 1 }), '1 lösning');
  assert.equal(tSv('gallery.count', { count: 521 }), '521 lösningar');
  assert.equal(tEn('datasets.count', { count: 1 }), '1 dataset');
  assert.equal(tEn('board.teamsCount', { count: 2 }), '2 teams');
  assert.equal(tSv('events.left', { days: 1, hours: 2, minutes: 1 }), '1 dag, 2 timmar och 1 minut');
  assert.equal(tEn('events.left', { days: 0, hours: 1, minutes: 5 }), '0 days, 1 hour and 5 minutes');
  assert.equal(tSv('challenges.count', { count: 7400 }), '7\u00a0400 utmaningar');
  assert.equal(tEn('challenges.count', { count: 7400 }), '7,400 challenges');
  assert.equal(tSv('jury.weightIs', { weight: 0.25 }), 'vikt 0,25');
  assert.equal(formatNumber(3.92, 'sv', 2), '3,92');
  assert.equal(formatNumber(3.92, 'en', 2), '3.92');
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

test('placeholders are filled; a message given too few values is shown with its placeholders, not an error', () => {
  const t = translator('en');
  assert.equal(t('org.editTitle', { name: 'Digg' }), 'Edit Digg');
  assert.match(t('form.error.tooLong', {}), /^Enter at most \{max, plural/);
});
