import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import { createSession, destroySession, loadSessionUser, SESSION_COOKIE, SESSION_TTL_MS } from './sessions.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Starts a new session (a fresh token, so a planted cookie is never promoted) and sets the cookie. */
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
    req.actor = { user: token ? await loadSessionUser(app.db, token) : null };
  });

  app.decorateReply('startSession', async function (this: FastifyReply, userId: string) {
    const old = this.request.cookies[SESSION_COOKIE];
    if (old) await destroySession(app.db, old);
    const token = await createSession(app.db, userId, this.request.headers['user-agent'] ?? '');
    this.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: SESSION_TTL_MS / 1000,
    });
  });

  app.decorateReply('endSession', async function (this: FastifyReply) {
    const token = this.request.cookies[SESSION_COOKIE];
    if (token) await destroySession(app.db, token);
    this.clearCookie(SESSION_COOKIE, { path: '/' });
  });
});
