import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, startApp } from './support/browser.ts';
import { seedDemo } from '../src/db/seed/demo.ts';

const { app, baseUrl } = await startApp();
assert.ok(await seedDemo(app));

test('the design page at 390 px: no sideways scrolling, buttons that never touch, a 3 px focus ring set off the element', async () => {
  const { page } = await newPage();
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${baseUrl}/design`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'no sideways scrolling');

  const boxes = await Promise.all((await page.locator('.button-group > .button').all()).map(async (b) => (await b.boundingBox())!));
  assert.equal(boxes.length, 4);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.width <= b.x - 8 || b.x + b.width <= a.x - 8 || a.y + a.height <= b.y - 8 || b.y + b.height <= a.y - 8;
      assert.ok(apart, `buttons at least 8 px apart: ${JSON.stringify([a, b])}`);
    }
  for (const b of boxes) assert.ok(b.height >= 44, 'buttons are at least 44 px tall');

  await page.locator('.button-group > .button').first().focus();
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { width: style.outlineWidth, style: style.outlineStyle, offset: style.outlineOffset, colour: style.outlineColor };
  });
  assert.deepEqual(ring, { width: '3px', style: 'solid', offset: '3px', colour: 'rgb(255, 221, 0)' });
});

test('printed, the results page is its content alone: no header, footer, forms or buttons, black text, and each link followed by its address', async () => {
  const { page } = await newPage();
  await page.goto(`${baseUrl}/events/hack-for-sweden-2025/results`);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '.site-footer']) assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} hidden`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main h1')!).color), 'rgb(0, 0, 0)');
  const link = page.locator('main a[href^="/solutions/"]').first();
  const href = await link.getAttribute('href');
  assert.equal(await link.evaluate((a) => getComputedStyle(a, '::after').content), `" (${href})"`);
  assert.equal(await link.evaluate((a) => getComputedStyle(a).color), 'rgb(0, 0, 0)');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await link.evaluate((a) => getComputedStyle(a, '::after').content), 'none', 'on screen no address is added');
});
