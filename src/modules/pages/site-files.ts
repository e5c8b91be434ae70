import type { FastifyInstance } from 'fastify';
import { notFound } from '../../web/errors.ts';
import { pagesPolicy } from './policy.ts';
import { sitemapIndex, sitemapPart } from './sitemap.ts';

/** Areas for signed-in people and links that carry a secret: nothing there for a search engine. */
const DISALLOW = [
  '/account',
  '/admin',
  '/me',
  '/notices',
  '/jury',
  '/harvest-sources',
  '/dataset-reports',
  '/calendar/',
  '/check-in/',
  '/invitations/',
  '/unsubscribe/',
  '/signin',
  '/signup',
  '/forgot-password',
  '/reset-password',
  '/auth/',
];

/** The files machines look for at a site's root: robots.txt, the sitemap and security.txt. */
export default async function siteFilesRoutes(app: FastifyInstance) {
  const base = app.config.publicUrl;
  const machine = { policy: pagesPolicy.read, open: true, publicCache: true };

  app.get('/robots.txt', { config: machine }, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(['User-agent: *', ...DISALLOW.map((path) => `Disallow: ${path}`), '', `Sitemap: ${base}/sitemap.xml`, ''].join('\n')),
  );

  app.get('/sitemap.xml', { config: machine }, async (_req, reply) => reply.type('application/xml; charset=utf-8').send(await sitemapIndex(app.db, base)));
  app.get<{ Params: { part: string } }>('/sitemaps/:part.xml', { config: machine }, async (req, reply) => {
    const xml = await sitemapPart(app.db, base, req.params.part);
    if (!xml) throw notFound();
    return reply.type('application/xml; charset=utf-8').send(xml);
  });

  // RFC 9116. Not signed: the file is served over HTTPS from the address it names as canonical.
  app.get('/.well-known/security.txt', { config: machine }, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(
        [
          `Contact: ${app.config.security.contact}`,
          `Expires: ${app.config.security.expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
          'Preferred-Languages: sv, en',
          `Canonical: ${base}/.well-known/security.txt`,
          '',
        ].join('\n'),
      ),
  );
}
