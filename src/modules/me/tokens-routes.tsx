import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { tokenScopes } from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../web/errors.ts';
import { parseForm, Text, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { accessTokensOf, createAccessToken, revokeAccessToken } from '../accounts/access-tokens.ts';
import { organisationsWritableBy } from '../organisations/queries.ts';
import { mePolicy } from './policy.ts';
import { TokensPage } from './views/tokens.tsx';

export const tokenLifetimes = ['30', '90', '365'] as const;
const TokenForm = Type.Object({
  name: Text(100, 2),
  organisation: Type.String({ minLength: 1, maxLength: 40 }),
  scopes: Type.Array(Type.Enum(tokenScopes), { minItems: 1, maxItems: tokenScopes.length }),
  days: Type.Enum(tokenLifetimes),
});

/** Personal access tokens in My page: made for one of the person's organisations, shown once, revoked here. */
export default async function tokensRoutes(app: FastifyInstance) {
  const page = async (userId: string, user: { id: string; isOrganiser: boolean }, extra: { values?: FormValues; errors?: FieldErrors; created?: string }) => {
    const [tokens, organisations] = await Promise.all([accessTokensOf(app.db, userId), organisationsWritableBy(app.db, user)]);
    return <TokensPage tokens={tokens} organisations={organisations} now={new Date()} {...extra} />;
  };

  app.get('/me/tokens', { config: { policy: mePolicy.view } }, async (req, reply) =>
    reply.page({
      title: req.t('tokens.title'),
      body: await page(req.actor.user!.id, req.actor.user!, { values: { days: '90', scopes: ['challenges:write'] } }),
    }),
  );

  app.post('/me/tokens', { config: { policy: mePolicy.view, rateLimit: { max: 20, timeWindow: '1 hour' } } }, async (req, reply) => {
    const user = req.actor.user!;
    const organisations = await organisationsWritableBy(app.db, user);
    const form = parseForm(TokenForm, req.body);
    const organisation = form.ok ? organisations.find((o) => o.id === form.value.organisation) : undefined;
    if (!form.ok || !organisation) {
      const errors = form.ok ? { organisation: { key: 'form.error.choice' as const } } : form.errors;
      return reply.page({
        title: req.t('tokens.title'),
        status: 400,
        hasErrors: true,
        body: await page(user.id, user, { values: form.ok ? (req.body as FormValues) : form.values, errors }),
      });
    }
    if (!organisations.length) throw forbidden();
    const { token } = await createAccessToken(app, user.id, {
      name: form.value.name,
      organisationId: organisation.id,
      scopes: form.value.scopes,
      days: Number(form.value.days),
    });
    // Shown in this answer only: never in an address, a notice cookie or the database.
    reply.header('cache-control', 'no-store');
    return reply.page({
      title: req.t('tokens.title'),
      status: 201,
      body: await page(user.id, user, { created: token, values: { days: '90', scopes: ['challenges:write'] } }),
    });
  });

  app.post<{ Params: { id: string } }>('/me/tokens/:id/revoke', { config: { policy: mePolicy.view } }, async (req, reply) => {
    if (!/^[0-9a-f-]{36}$/.test(req.params.id) || !(await revokeAccessToken(app, req.actor.user!.id, req.params.id))) throw notFound();
    return redirectWithNotice(reply, '/me/tokens', 'notice.tokenRevoked');
  });
}
