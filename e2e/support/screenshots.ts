import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** Committed references, and every run's own screenshots (kept by CI as artefacts, ignored by git). */
export const REFERENCES = path.join(root, 'e2e/screenshots');
export const ACTUAL = path.join(root, 'artifacts/screenshots');
export const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

/**
 * Tolerance. A pixel differs when its colour moves more than 0.1 on pixelmatch's perceptual scale (its default; it
 * also ignores anti-aliasing), and a page differs when more than 0.2 % of its pixels do: enough to absorb another
 * Chromium's text rasterising, too little to miss a moved block, a new border or a changed colour.
 */
export const PIXEL_THRESHOLD = 0.1;
export const MAX_DIFF_RATIO = 0.002;
/** Long pages are cut here, to keep the committed images small; the top of a page shows its look. */
export const MAX_HEIGHT = 3000;

// Only the fonts of Debian's fonts-dejavu-core (what CI installs with chromium), with fixed rendering settings, so
// a machine with more fonts (say fonts-dejavu-extra's real italics) draws the same pixels as CI.
const CORE_FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf'];
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

function fontConfig(dir: string): string {
  const file = path.join(dir, 'fonts.conf');
  const alias = (family: string, font: string) => `<alias binding="same"><family>${family}</family><prefer><family>${font}</family></prefer></alias>`;
  const set = (name: string, value: string) => `<edit name="${name}" mode="assign">${value}</edit>`;
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${FONT_DIR}</dir>
  <cachedir>${path.join(dir, 'cache')}</cachedir>
  <selectfont>
    <rejectfont><glob>${FONT_DIR}/*</glob></rejectfont>
    <acceptfont>${CORE_FONTS.map((f) => `<glob>${FONT_DIR}/${f}</glob>`).join('')}</acceptfont>
  </selectfont>
  ${alias('sans-serif', 'DejaVu Sans')}${alias('system-ui', 'DejaVu Sans')}${alias('serif', 'DejaVu Serif')}${alias('monospace', 'DejaVu Sans Mono')}
  <match target="font">${set('antialias', '<bool>true</bool>')}${set('hinting', '<bool>true</bool>')}${set('hintstyle', '<const>hintslight</const>')}${set('rgba', '<const>none</const>')}${set('embeddedbitmap', '<bool>false</bool>')}</match>
</fontconfig>
`,
  );
  return file;
}

/** A Chromium of its own for screenshots: the same flags as the other browser tests, and only CI's fonts. */
export async function screenshotBrowser(): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-fonts-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--force-color-profile=srgb', '--hide-scrollbars', '--font-render-hinting=none'],
    env: { ...process.env, FONTCONFIG_FILE: fontConfig(dir) },
  });
  after(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return browser;
}

// No motion, no blinking caret, no smooth scrolling: what is left is the page's look.
const STILL = `*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }`;

/**
 * Appends `css` (and the rules that keep a page still) to every stylesheet the app serves to this context: the
 * pages' CSP allows no inline style, and the pages are shot under their real CSP.
 */
export async function keepStill(context: BrowserContext, css = ''): Promise<void> {
  await context.route(
    (url) => url.pathname.endsWith('.css'),
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()}\n${STILL}\n${css}\n` });
    },
  );
}

/**
 * The whole page (down to MAX_HEIGHT) as it looks once its fonts are loaded, as a PNG of at most 128 colours: pages
 * of text and flat colour lose nothing visible, and the file is a quarter of the size (the references are committed).
 */
export async function capture(page: Page): Promise<Buffer> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const width = page.viewportSize()!.width;
  const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
  const png = await page.screenshot({
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
    animations: 'disabled',
    caret: 'hide',
  });
  return sharp(png).png({ palette: true, colours: 128, dither: 0, effort: 1, compressionLevel: 9 }).toBuffer();
}

export interface Comparison {
  ok: boolean;
  message: string;
  ratio?: number;
}

/**
 * Saves the screenshot under artifacts/screenshots/<name>.png and compares it with the reference
 * e2e/screenshots/<name>.png; a differing one also gets <name>-diff.png beside it. With UPDATE_SCREENSHOTS=1 the
 * screenshot becomes the reference. `references` and `actual` are for the test that proves a comparison can fail.
 */
export async function compareWithReference(
  name: string,
  png: Buffer,
  options: { references?: string; actual?: string; update?: boolean } = {},
): Promise<Comparison> {
  const references = options.references ?? REFERENCES;
  const update = options.update ?? UPDATE;
  const actualDir = options.actual ?? ACTUAL;
  fs.mkdirSync(actualDir, { recursive: true });
  const actualFile = path.join(actualDir, `${name}.png`);
  const diffFile = path.join(actualDir, `${name}-diff.png`);
  fs.writeFileSync(actualFile, png);
  fs.rmSync(diffFile, { force: true });
  const referenceFile = path.join(references, `${name}.png`);
  if (update) {
    fs.mkdirSync(references, { recursive: true });
    fs.writeFileSync(referenceFile, png);
    return { ok: true, message: `${name}: reference written` };
  }
  const relative = (file: string) => path.relative(root, file);
  if (!fs.existsSync(referenceFile)) {
    return {
      ok: false,
      message: `${name}: no reference ${relative(referenceFile)}; look at ${relative(actualFile)}, and if it is right create it with UPDATE_SCREENSHOTS=1 npm test -- screenshots`,
    };
  }
  const reference = fs.readFileSync(referenceFile);
  if (reference.equals(png)) return { ok: true, message: `${name}: identical`, ratio: 0 };
  const [actual, expected] = await Promise.all([rgba(png), rgba(reference)]);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return {
      ok: false,
      message: `${name}: size changed from ${expected.width}×${expected.height} to ${actual.width}×${actual.height} px (see ${relative(actualFile)})`,
    };
  }
  const diff = Buffer.alloc(actual.data.length);
  const differing = pixelmatch(expected.data, actual.data, diff, actual.width, actual.height, { threshold: PIXEL_THRESHOLD });
  const ratio = differing / (actual.width * actual.height);
  if (ratio <= MAX_DIFF_RATIO) return { ok: true, message: `${name}: matches (${percent(ratio)} of pixels differ)`, ratio };
  await sharp(diff, { raw: { width: actual.width, height: actual.height, channels: 4 } })
    .png()
    .toFile(diffFile);
  return {
    ok: false,
    message: `${name}: ${percent(ratio)} of pixels differ from the reference (at most ${percent(MAX_DIFF_RATIO)} allowed); diff: ${relative(diffFile)}`,
    ratio,
  };
}

/** Decoded with sharp (libvips): pngjs takes seconds for a long page, which adds up over 64 screenshots. */
async function rgba(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)} %`;
