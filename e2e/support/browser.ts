import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '../../src/test/ports.ts';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { testConfig } from '../../src/test/app.ts';
import { testDatabase } from '../../src/test/database.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// As root in a container Chromium needs no sandbox; the rest stops it from calling home on a closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let browser: Promise<Browser> | null = null;
export function launchBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return browser;
}
after(async () => {
  if (browser) await (await browser).close();
});

export { freePort };

/** The real app listening on 127.0.0.1 on this file's test database. */
export async function startApp(overrides: Partial<Config> = {}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = await buildApp({
    config: testConfig({ port, publicUrl: baseUrl, rateLimit: { signInPerMinute: 1000, resetPerHour: 1000 }, ...overrides }),
    database: await testDatabase(),
    logger: false,
  });
  await app.listen({ host: '127.0.0.1', port });
  after(() => app.close());
  return { app, baseUrl };
}

export async function newPage(options: { javaScript?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await (
    await launchBrowser()
  ).newContext({
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.locale ?? 'sv-SE',
    // Only so axe can be injected; the pages themselves run under their real CSP in the flows.
    bypassCSP: options.javaScript !== false,
  });
  after(() => context.close());
  return { context, page: await context.newPage() };
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core with the WCAG 2.1 A and AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

export interface NuMessage {
  page: string;
  line?: number;
  message: string;
  extract?: string;
}

/**
 * Checks pages with the W3C Nu HTML Checker (vnu-jar, on the machine's Java), all in one run: it starts a JVM, so
 * checking pages one by one would cost seconds each. Returns its errors, each named by the page it came from.
 */
export function nuHtmlErrors(pages: { name: string; html: string }[]): NuMessage[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hack365-nu-'));
  try {
    const byFile = new Map<string, string>();
    pages.forEach((p, i) => {
      const file = path.join(dir, `page-${i}.html`);
      fs.writeFileSync(file, p.html);
      byFile.set(`page-${i}.html`, p.name);
    });
    const jar = require('vnu-jar') as string;
    const run = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...[...byFile.keys()].map((file) => path.join(dir, file))], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    const report = JSON.parse(run.stderr) as { messages: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
    return report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => ({ page: byFile.get(path.basename(m.url ?? '')) ?? m.url ?? '?', line: m.lastLine, message: m.message, extract: m.extract?.trim() }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
