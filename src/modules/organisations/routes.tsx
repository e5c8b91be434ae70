import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { canEditOrganisation, canSeeOrganisationHistory, organisationsPolicy } from './policy.ts';
import { findOrganisationBySlug, organisationHistory } from './queries.ts';
import { OrganisationProfileForm } from './schema.ts';
import { updateOrganisationProfile } from './commands/update-organisation-profile.ts';
import { EditOrganisationPage, OrganisationPage } from './views/organisation.tsx';

type SlugParams = { Params: { slug: string } };

export default async function organisationsRoutes(app: FastifyInstance) {
  const load = async (slug: string) => (await findOrganisationBySlug(app.db, slug)) ?? Promise.reject(notFound());

  app.get<SlugParams>('/organisations/:slug', { config: { policy: organisationsPolicy.view } }, async (req, reply) => {
    const org = await load(req.params.slug);
    const history = canSeeOrganisationHistory(req.actor, org) ? await organisationHistory(app.db, org.id) : null;
    return reply.page({ title: org.name, body: <OrganisationPage org={org} canEdit={canEditOrganisation(req.actor, org)} history={history} /> });
  });

  app.get<SlugParams>('/organisations/:slug/edit', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const org = await load(req.params.slug);
    authorize(req, canEditOrganisation(req.actor, org));
    const values = { description: org.description, website: org.website };
    return reply.page({ title: req.t('org.editTitle', { name: org.name }), body: <EditOrganisationPage org={org} values={values} /> });
  });

  app.post<SlugParams>('/organisations/:slug/edit', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const org = await load(req.params.slug);
    authorize(req, canEditOrganisation(req.actor, org));
    const form = parseForm(OrganisationProfileForm, req.body);
    if (!form.ok) {
      return reply.page({
        title: req.t('org.editTitle', { name: org.name }),
        status: 400,
        hasErrors: true,
        body: <EditOrganisationPage org={org} values={form.values} errors={form.errors} />,
      });
    }
    await updateOrganisationProfile(app, req.actor.user!.id, org.id, { description: form.value.description ?? '', website: form.value.website ?? '' });
    return redirectWithNotice(reply, `/organisations/${org.slug}`, 'notice.saved');
  });
}
