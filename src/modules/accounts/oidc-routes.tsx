import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { parseForm } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { redirectWithNotice, safeNext } from '../../web/render.tsx';
import { accountsPolicy } from './policy.ts';
import { OidcConsentForm } from './schema.ts';
import { createOidcUser, findOidcUser, type OidcIdentity } from './commands/sign-in-with-oidc.ts';
import { MessagePage, OidcConsentPage } from './views/auth.tsx';
import { OIDC_FLOW_COOKIE, OIDC_PENDING_COOKIE } from './sessions.ts';

const FLOW_COOKIE = OIDC_FLOW_COOKIE;
const PENDING_COOKIE = OIDC_PENDING_COOKIE;

/**
 * Sign-in with OpenID Connect (authorization code flow with PKCE, state and nonce), the route Swedish e-ID
 * brokers offer. A first-time person consents to the privacy notice before an account is created.
 */
export default async function oidcRoutes(app: FastifyInstance) {
  const settings = app.config.oidc;
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    if (!settings) throw notFound();
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      // Plain HTTP only for an issuer on this machine (development and tests).
      const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      return oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, local ? { execute: [oidc.allowInsecureRequests] } : undefined);
    })().catch((err) => {
      discovered = null;
      throw err;
    });
    return discovered;
  };
  const redirectUri = `${app.config.publicUrl}/auth/oidc/callback`;
  const cookieOpts = { path: '/auth/oidc', httpOnly: true, sameSite: 'lax' as const, signed: true, secure: app.config.env === 'production', maxAge: 600 };

  app.get<{ Querystring: { next?: string } }>('/auth/oidc/start', { config: { policy: accountsPolicy.signIn } }, async (req, reply) => {
    const config = await configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const flow = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce(), next: safeNext(req.query.next, '/account') };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
      ui_locales: req.lang,
    });
    reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), cookieOpts);
    return reply.redirect(url.href, 303);
  });

  app.get('/auth/oidc/callback', { config: { policy: accountsPolicy.signIn } }, async (req, reply) => {
    const config = await configuration();
    const flow = readSigned<{ verifier: string; state: string; nonce: string; next: string }>(req, FLOW_COOKIE);
    reply.clearCookie(FLOW_COOKIE, { path: cookieOpts.path });
    let claims: (oidc.IDToken & oidc.UserInfoResponse) | undefined;
    try {
      if (!flow) throw new Error('no sign-in in progress');
      const tokens = await oidc.authorizationCodeGrant(config, new URL(req.url, app.config.publicUrl), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      const idToken = tokens.claims()!;
      // Many providers put e-mail and name only at the userinfo endpoint; the subject must match the ID token's.
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      claims = { ...userInfo, ...idToken };
    } catch (err) {
      req.log.warn({ err }, 'OpenID Connect sign-in failed');
    }
    if (!flow || !claims) return failed(req, reply);
    const identity: OidcIdentity = {
      issuer: String(claims.iss),
      subject: String(claims.sub),
      email: typeof claims.email === 'string' ? claims.email : null,
      emailVerified: claims.email_verified === true,
      name: [claims.given_name, claims.family_name].filter((x) => typeof x === 'string').join(' ') || (typeof claims.name === 'string' ? claims.name : ''),
    };
    const userId = await findOidcUser(app, identity);
    if (userId) {
      await reply.startSession(userId);
      return redirectWithNotice(reply, flow.next, 'notice.signedIn');
    }
    reply.setCookie(PENDING_COOKIE, JSON.stringify(identity), cookieOpts);
    return reply.redirect('/auth/oidc/consent', 303);
  });

  app.get('/auth/oidc/consent', { config: { policy: accountsPolicy.signUp } }, async (req, reply) => {
    const identity = readSigned<OidcIdentity>(req, PENDING_COOKIE);
    if (!identity) return failed(req, reply);
    return reply.page({ title: req.t('oidc.consentTitle'), body: <OidcConsentPage name={identity.name} email={identity.email} /> });
  });

  app.post('/auth/oidc/consent', { config: { policy: accountsPolicy.signUp } }, async (req, reply) => {
    const identity = readSigned<OidcIdentity>(req, PENDING_COOKIE);
    if (!identity) return failed(req, reply);
    const form = parseForm(OidcConsentForm, req.body);
    if (!form.ok) {
      return reply.page({
        title: req.t('oidc.consentTitle'),
        status: 400,
        hasErrors: true,
        body: <OidcConsentPage name={identity.name} email={identity.email} errors={form.errors} />,
      });
    }
    const userId = (await findOidcUser(app, identity)) ?? (await createOidcUser(app, identity, req.lang));
    reply.clearCookie(PENDING_COOKIE, { path: cookieOpts.path });
    await reply.startSession(userId);
    return redirectWithNotice(reply, '/account', 'notice.signedIn');
  });
}

function readSigned<T>(req: FastifyRequest, name: string): T | null {
  const raw = req.cookies[name];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    return JSON.parse(unsigned.value) as T;
  } catch {
    return null;
  }
}

function failed(req: FastifyRequest, reply: FastifyReply) {
  return reply.page({
    title: req.t('oidc.failedTitle'),
    status: 400,
    body: <MessagePage title="oidc.failedTitle" text="oidc.failedText" link={{ href: '/signin', label: 'nav.signIn' }} />,
  });
}
