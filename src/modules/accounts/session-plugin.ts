import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import {
  createSession,
  CSRF_COOKIE,
  destroySession,
  loadSessionUser,
  OIDC_FLOW_COOKIE,
  OIDC_PENDING_COOKIE,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from './sessions.ts';
import { loadTokenActor } from './access-tokens.ts';
import { unauthenticated } from '../../web/errors.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Starts a new session (a fresh token, so a planted cookie is never promoted), sets the cookie, drops the CSRF secret. */
    // These resolve to void on purpose: a reply is thenable, so awaiting one would wait for its own response.
    startSession(userId: string): Promise<void>;
    endSession(): Promise<void>;
  }
}

/** Loads the actor from the session cookie on every request. */
export const sessionPlugin = fp(async (app) => {
  const secure = app.config.env === 'production';
  app.decorateRequest('actor', null as never);

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    // An API call from a system carries a personal access token instead of a cookie; only the API takes one.
    const bearer = !token && req.url.startsWith('/api/') ? /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] : undefined;
    if (bearer) {
      const granted = await loadTokenActor(app.db, bearer);
      if (!granted) throw unauthenticated();
      req.actor = granted;
      return;
    }
    req.actor = { user: token ? await loadSessionUser(app.db, token) : null };
  });

  app.decorateReply('startSession', async function (this: FastifyReply, userId: string) {
    const old = this.request.cookies[SESSION_COOKIE];
    if (old) await destroySession(app.db, old);
    // The CSRF secret from before sign-in (perhaps planted, perhaps seen by someone else) is not carried into the
    // session either: the next page makes a new one.
    delete this.request.cookies[CSRF_COOKIE];
    this.clearCookie(CSRF_COOKIE, { path: '/' });
    const token = await createSession(app.db, userId, this.request.headers['user-agent'] ?? '');
    this.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: SESSION_TTL_MS / 1000,
    });
  });

  /** Ends the session on the server and clears every cookie tied to the person (the language choice stays). */
  app.decorateReply('endSession', async function (this: FastifyReply) {
    const token = this.request.cookies[SESSION_COOKIE];
    if (token) await destroySession(app.db, token);
    this.clearCookie(SESSION_COOKIE, { path: '/' });
    this.clearCookie(CSRF_COOKIE, { path: '/' });
    // Sent only to /auth/oidc, so never seen here: cleared blind (an identity waiting for consent names the person).
    for (const name of [OIDC_FLOW_COOKIE, OIDC_PENDING_COOKIE]) this.clearCookie(name, { path: '/auth/oidc' });
  });
});
