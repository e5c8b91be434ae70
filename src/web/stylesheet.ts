import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * The design system's CSS lives in several files (tokens first, then base, components, page parts and print: see
 * docs/design-system.md) but is served as one stylesheet, /assets/app.css, so a page costs one CSS request and no
 * `@import` chain delays the first paint. The files are joined once at start; an ETag lets browsers revalidate.
 */
const STYLE_FILES = ['tokens.css', 'base.css', 'components.css', 'pages.css', 'print.css'];
const stylesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'styles');

export function buildStylesheet(): string {
  return STYLE_FILES.map((file) => `/* ${file} */\n${fs.readFileSync(path.join(stylesDir, file), 'utf8')}`).join('\n');
}

export async function stylesheetRoute(app: FastifyInstance) {
  const css = buildStylesheet();
  const etag = `"${crypto.createHash('sha256').update(css).digest('base64url').slice(0, 22)}"`;
  app.get('/assets/app.css', (req, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(css);
  });
}
