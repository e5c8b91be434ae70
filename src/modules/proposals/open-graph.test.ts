// @database-independent
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { h } from 'preact';
import { SolutionOpenGraph } from './views/open-graph.tsx';

const image = { hash: 'abc', altSv: 'Karta över badplatser', altEn: '', width: 1200, height: 630, cardWidth: 480, cardHeight: 252 };
const id = '3f1c8f4e-8a51-4c43-9d55-0a4b4ed1a001';

test('Open Graph tags name the solution, its pitch and its image by absolute address', () => {
  const html = renderToString(
    h(SolutionOpenGraph, { id, title: 'Badkollen', pitch: 'Var går det att bada?', image, lang: 'en', publicUrl: 'https://hack365.example.se' }),
  );
  assert.match(html, /<meta property="og:title" content="Badkollen"\/>/);
  assert.match(html, /<meta property="og:description" content="Var går det att bada\?"\/>/);
  assert.match(html, new RegExp(`<meta property="og:url" content="https://hack365.example.se/solutions/${id}"/>`));
  assert.match(html, new RegExp(`<meta property="og:image" content="https://hack365.example.se/solutions/${id}/image.webp\\?v=abc"/>`));
  assert.match(html, /og:image:width" content="1200"/);
  assert.match(html, /og:image:alt" content="Karta över badplatser"/, 'the other language when the page’s has none');
  assert.match(html, /twitter:card" content="summary_large_image"/);
  const bare = renderToString(h(SolutionOpenGraph, { id, title: 'Badkollen', pitch: '', image: null, lang: 'sv', publicUrl: 'https://hack365.example.se' }));
  assert.doesNotMatch(bare, /og:image/);
  assert.match(bare, /og:locale" content="sv_SE"/);
});
