import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLanguage, translator, isLang, type Lang, type Translate } from './i18n.ts';
import { renderPage, type PageOptions } from './render.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    t: Translate;
  }
  interface FastifyReply {
    page(options: PageOptions): FastifyReply;
  }
}

export const LANG_COOKIE = 'hack365_lang';

/**
 * Chooses the language per request: `?lang=` (kept in a cookie), then the cookie, then the signed-in
 * person's preference, then Accept-Language; Swedish by default. Registered after the session plugin, so the person is known.
 */
export const webPlugin = fp(async (app) => {
  app.decorateRequest('lang', 'sv');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateReply('page', function (this: FastifyReply, options: PageOptions) {
    return renderPage(this.request, this, options);
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const asked = (req.query as Record<string, unknown> | undefined)?.lang;
    if (isLang(asked)) {
      reply.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600, httpOnly: true });
    }
    const choice = isLang(asked) ? asked : (req.cookies[LANG_COOKIE] ?? req.actor?.user?.preferredLanguage);
    req.lang = negotiateLanguage(choice, req.headers['accept-language']);
    req.t = translator(req.lang);
  });
});
