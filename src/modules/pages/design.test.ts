import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../../test/app.ts';

// Each component of the design system, by the mark it leaves in the HTML (docs/design-system.md).
const components: Record<string, RegExp> = {
  header: /<header class="site-header">[^]*<svg class="logo-mark"[^>]*aria-hidden="true"[^]*Hack for Sweden 365<\/a>/,
  'primary button': /<button type="button" class="button">/,
  'secondary button': /<button type="button" class="button button-secondary">/,
  'warning button': /<button type="button" class="button button-warning">/,
  'button as a link': /<a class="button" href="#buttons">/,
  'button group': /<div class="button-group">/,
  'stacked radios': /<div class="radios"><div class="radio">/,
  'inline radios': /<div class="radios radios--inline">/,
  'stacked checkboxes': /<div class="checkboxes"><div class="checkbox">/,
  'inline checkboxes': /<div class="checkboxes checkboxes--inline">/,
  'error summary': /<div class="error-summary" role="alert"[^]*href="#f-design-name"/,
  tabs: /<nav class="tabs" aria-label="[^"]+"><ul><li><a href="[^"]+" aria-current="page">/,
  tag: /<strong class="tag">/,
  'tag that filters': /<a href="\/challenges\?theme=[A-Z_]+" class="tag">/,
  'summary list': /<dl class="summary-list"><dt>/,
  card: /<li class="card"><h3 class="card-title"><a href=/,
  'info banner': /<div class="notice">/,
  'success banner': /<div class="notice notice--success" role="status">/,
  timeline: /<ol class="timeline"><li class="timeline-entry timeline-entry--current">/,
  pagination: /<nav aria-label="[^"]+" class="pagination">[^]*aria-current="page"/,
};

test('the design page shows every component, in Swedish and in English', async (t) => {
  const app = await build(t);
  for (const [lang, heading] of [
    ['sv', 'Designsystem'],
    ['en', 'Design system'],
  ]) {
    const res = await new Client(app).get(`/design?lang=${lang}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`<html lang="${lang}">`));
    assert.match(res.body, new RegExp(`<h1>${heading}</h1>`));
    for (const [name, mark] of Object.entries(components)) assert.match(res.body, mark, `${lang}: ${name}`);
  }
  const sv = (await new Client(app).get('/design?lang=sv')).body;
  assert.match(sv, /Spara utkast/);
  assert.doesNotMatch(sv, /Save draft/);
});

test('the design page is not part of the service in production unless DESIGN_PAGE=1 turns it on', async (t) => {
  const production = await build(t, { config: { env: 'production' } });
  assert.equal((await new Client(production).get('/design')).statusCode, 404);
  const shown = await build(t, { config: { env: 'production', designPage: true } });
  assert.equal((await new Client(shown).get('/design')).statusCode, 200);
});

test('the stylesheet is one request: tokens first, then the components and the print styles; browsers revalidate it', async (t) => {
  const app = await build(t);
  const css = await app.inject({ url: '/assets/app.css' });
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
  const at = (s: string) => css.body.indexOf(s);
  assert.ok(at('--color-text:') >= 0 && at('--color-text:') < at('.button {'), 'tokens come before the components');
  assert.ok(at('@media print') > at('.button {'), 'print styles are in the same file');
  assert.doesNotMatch(css.body, /@import/);
  const again = await app.inject({ url: '/assets/app.css', headers: { 'if-none-match': String(css.headers.etag) } });
  assert.equal(again.statusCode, 304);
});
