import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { auditTrail } from '../audit/audit.ts';
import { challengesOfOrganisation } from '../challenges/queries.ts';
import { solutionStagesOfOrganisation } from '../realisation/public-queries.ts';
import { SolutionStages } from '../realisation/views/record.tsx';
import { DataRequestList } from '../datasets/views/data-requests.tsx';
import { requestsToOrganisation } from '../datasets/data-requests.ts';
import { hashToken } from '../accounts/sessions.ts';
import { canEditOrganisation, canManageMembers, canSeeOrganisationInternals, organisationsPolicy } from './policy.ts';
import {
  findLiveInvitation,
  findOrganisationByNumber,
  findOrganisationBySlug,
  latestApplication,
  listApplications,
  listMembers,
  listNeedOwners,
  pendingInvitations,
  type Organisation,
} from './queries.ts';
import { ApplicationForm, DecisionForm, InviteForm, OrganisationProfileForm, ReapplicationForm } from './schema.ts';
import { normaliseOrgNumber } from './org-number.ts';
import { updateOrganisationProfile } from './commands/update-organisation-profile.ts';
import { applyAgain, applyWithNewOrganisation } from './commands/apply-as-need-owner.ts';
import { decideApplication } from './commands/decide-application.ts';
import { acceptInvitation, inviteMember, removeMember } from './commands/manage-members.ts';
import { EditOrganisationPage, OrganisationListPage, OrganisationPage } from './views/organisation.tsx';
import { ApplicationsPage, ApplyPage } from './views/apply.tsx';
import { InvitationPage, MembersPage } from './views/members.tsx';
import { MessagePage } from '../accounts/views/auth.tsx';
import { isFollowing } from '../notifications/queries.ts';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';
import { datasetsOfOrganisation } from '../datasets/queries.ts';
import { eventsOfOrganisation } from '../events/queries.ts';
import { OrganisationDatasets, OrganisationEvents } from './views/profile-sections.tsx';

type SlugParams = { Params: { slug: string } };

export default async function organisationsRoutes(app: FastifyInstance) {
  const load = async (slug: string): Promise<Organisation> => (await findOrganisationBySlug(app.db, slug)) ?? Promise.reject(notFound());

  app.get('/organisations', { config: { policy: organisationsPolicy.view } }, async (req, reply) => {
    const collator = new Intl.Collator('sv');
    const orgs = (await listNeedOwners(app.db)).sort((a, b) => collator.compare(a.name, b.name));
    return reply.page({ title: req.t('orgs.title'), body: <OrganisationListPage orgs={orgs} /> });
  });

  // Applying to become a need owner
  app.get('/organisations/apply', { config: { policy: organisationsPolicy.apply } }, (req, reply) =>
    reply.page({ title: req.t('apply.title'), body: <ApplyPage values={{ type: 'municipality' }} /> }),
  );
  app.post('/organisations/apply', { config: { policy: organisationsPolicy.apply, rateLimit: { max: 10, timeWindow: '1 hour' } } }, async (req, reply) => {
    const form = parseForm(ApplicationForm, req.body);
    const errors = form.ok ? {} : { ...form.errors };
    // A Swedish organisation needs a valid organisationsnummer; a foreign one says it is foreign instead.
    // Checked even when other fields failed, so every problem is listed at once.
    const raw = form.ok
      ? { orgNumber: form.value.orgNumber, foreign: form.value.foreign }
      : { orgNumber: String(form.values.orgNumber ?? ''), foreign: form.values.foreign === 'on' };
    const orgNumber = raw.foreign ? null : normaliseOrgNumber(raw.orgNumber);
    if (!raw.foreign && !orgNumber && !errors.orgNumber) errors.orgNumber = { key: raw.orgNumber ? 'org.error.orgNumber' : 'org.error.orgNumberRequired' };
    // An organisation is registered once; its members invite colleagues rather than registering it again.
    if (orgNumber && (await findOrganisationByNumber(app.db, orgNumber))) errors.orgNumber = { key: 'org.error.orgNumberTaken' };
    if (!form.ok || Object.keys(errors).length) {
      const values = form.ok ? (req.body as Record<string, string>) : form.values;
      return reply.page({
        title: req.t('apply.title'),
        status: 400,
        hasErrors: true,
        body: <ApplyPage values={values} errors={inFieldOrder(ApplicationForm, errors)} />,
      });
    }
    const { slug } = await applyWithNewOrganisation(app, req.actor.user!.id, { ...form.value, orgNumber });
    return redirectWithNotice(reply, `/organisations/${slug}`, 'notice.applied');
  });
  app.get<SlugParams>('/organisations/:slug/apply', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const org = await load(req.params.slug);
    authorize(req, canManageMembers(req.actor, org));
    return reply.page({ title: req.t('apply.againTitle', { name: org.name }), body: <ApplyPage existing={org} /> });
  });
  app.post<SlugParams>('/organisations/:slug/apply', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const org = await load(req.params.slug);
    authorize(req, canManageMembers(req.actor, org));
    const form = parseForm(ReapplicationForm, req.body);
    if (!form.ok) {
      return reply.page({
        title: req.t('apply.againTitle', { name: org.name }),
        status: 400,
        hasErrors: true,
        body: <ApplyPage existing={org} values={form.values} errors={form.errors} />,
      });
    }
    if (!org.isNeedOwner && (await latestApplication(app.db, org.id))?.status !== 'pending')
      await applyAgain(app, req.actor.user!.id, org, form.value.motivation);
    return redirectWithNotice(reply, `/organisations/${org.slug}`, 'notice.applied');
  });

  // The organiser decides
  app.get('/admin/applications', { config: { policy: organisationsPolicy.decideApplications } }, async (req, reply) =>
    reply.page({ title: req.t('applications.title'), body: <ApplicationsPage {...await listApplications(app.db)} /> }),
  );
  app.post<{ Params: { id: string } }>(
    '/admin/applications/:id/decision',
    { config: { policy: organisationsPolicy.decideApplications } },
    async (req, reply) => {
      const form = parseForm(DecisionForm, req.body);
      const errors = form.ok ? {} : { ...form.errors };
      // A rejection always says why, so the applicant can do something about it.
      if (form.ok && form.value.decision === 'rejected' && !form.value.reason) errors.reason = { key: 'applications.error.reasonRequired' };
      if (!form.ok || Object.keys(errors).length) {
        return reply.page({
          title: req.t('applications.title'),
          status: 400,
          hasErrors: true,
          body: <ApplicationsPage {...await listApplications(app.db)} errors={errors} failedId={req.params.id} />,
        });
      }
      if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw notFound();
      const decided = await decideApplication(app, req.actor.user!.id, req.params.id, form.value.decision, form.value.reason);
      return redirectWithNotice(reply, '/admin/applications', decided ? 'notice.decided' : 'notice.alreadyDecided');
    },
  );

  // Profile
  app.get<SlugParams>('/organisations/:slug', { config: { policy: organisationsPolicy.view, publicCache: true } }, async (req, reply) => {
    const org = await load(req.params.slug);
    const internal = canSeeOrganisationInternals(req.actor, org);
    // One query per section, side by side.
    const [history, challenges, application, following, stages, requests, datasets, events] = await Promise.all([
      internal ? auditTrail(app.db, 'organisation', org.id) : null,
      challengesOfOrganisation(app.db, org.id, internal),
      internal ? latestApplication(app.db, org.id) : null,
      isFollowing(app.db, req.actor.user?.id, 'organisation', org.id),
      solutionStagesOfOrganisation(app.db, org.id),
      requestsToOrganisation(app.db, org.id),
      datasetsOfOrganisation(app.db, org.id),
      eventsOfOrganisation(app.db, org.id),
    ]);
    return reply.page({
      title: org.name,
      body: (
        <OrganisationPage
          org={org}
          canEdit={canEditOrganisation(req.actor, org)}
          canManage={canManageMembers(req.actor, org)}
          history={history}
          challenges={challenges}
          application={application}
          following={following}
          solutions={<SolutionStages list={stages} />}
          dataRequests={<DataRequestList requests={requests} askHref={`/organisations/${org.slug}/data-requests/new`} />}
          datasets={<OrganisationDatasets organisationId={org.id} list={datasets} />}
          events={<OrganisationEvents list={events} />}
        />
      ),
    });
  });
  app.get<SlugParams>('/organisations/:slug/edit', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const org = await load(req.params.slug);
    authorize(req, canEditOrganisation(req.actor, org));
    return reply.page({
      title: req.t('org.editTitle', { name: org.name }),
      body: <EditOrganisationPage org={org} values={{ description: org.description, website: org.website }} />,
    });
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
    await updateOrganisationProfile(app, req.actor.user!.id, org.id, form.value);
    return redirectWithNotice(reply, `/organisations/${org.slug}`, 'notice.saved');
  });

  // Members and invitations
  const membersPage = async (req: FastifyRequest, org: Organisation, extra: { values?: FormValues; errors?: FieldErrors } = {}) => {
    const [members, invitations] = await Promise.all([listMembers(app.db, org.id), pendingInvitations(app.db, org.id)]);
    return <MembersPage org={org} members={members} invitations={invitations} canManage={canManageMembers(req.actor, org)} {...extra} />;
  };
  app.get<SlugParams>('/organisations/:slug/members', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const org = await load(req.params.slug);
    authorize(req, canSeeOrganisationInternals(req.actor, org));
    return reply.page({ title: req.t('members.titleFor', { name: org.name }), body: await membersPage(req, org) });
  });
  app.post<SlugParams>(
    '/organisations/:slug/members/invite',
    { config: { policy: organisationsPolicy.manage, rateLimit: { max: 30, timeWindow: '1 hour' } } },
    async (req, reply) => {
      const org = await load(req.params.slug);
      authorize(req, canManageMembers(req.actor, org));
      const form = parseForm(InviteForm, req.body);
      if (!form.ok) {
        const body = await membersPage(req, org, { values: form.values, errors: form.errors });
        return reply.page({ title: req.t('members.titleFor', { name: org.name }), status: 400, hasErrors: true, body });
      }
      await inviteMember(app, req.actor.user!.id, org, form.value.email, form.value.role, req.lang);
      return redirectWithNotice(reply, `/organisations/${org.slug}/members`, 'notice.invited');
    },
  );
  type MemberParams = { Params: { slug: string; userId: string } };
  /** A member of the organisation, for those who manage its members; anyone else's id is missing. */
  const loadMember = async (req: FastifyRequest<MemberParams>) => {
    const org = await load(req.params.slug);
    authorize(req, canManageMembers(req.actor, org));
    const member = /^[0-9a-f-]{36}$/.test(req.params.userId) ? (await listMembers(app.db, org.id)).find((m) => m.userId === req.params.userId) : undefined;
    if (!member) throw notFound();
    return { org, member };
  };
  // Removing someone takes away their access to the organisation's challenges and events: asked first.
  app.get<MemberParams>('/organisations/:slug/members/:userId/remove', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const { org, member } = await loadMember(req);
    const name = member.name || member.email || '';
    return reply.page({
      title: req.t('confirm.removeMember.title', { name }),
      body: (
        <ConfirmPage
          heading={req.t('confirm.removeMember.title', { name })}
          text={req.t('confirm.removeMember.text', { name, organisation: org.name })}
          action={`/organisations/${org.slug}/members/${member.userId}/remove`}
          button={req.t('confirm.removeMember.button')}
          back={`/organisations/${org.slug}/members`}
        />
      ),
    });
  });
  app.post<MemberParams>('/organisations/:slug/members/:userId/remove', { config: { policy: organisationsPolicy.manage } }, async (req, reply) => {
    const { org } = await loadMember(req);
    if (!isConfirmed(req.body)) return reply.redirect(`/organisations/${org.slug}/members/${req.params.userId}/remove`, 303);
    const result = await removeMember(app, req.actor.user!.id, org.id, req.params.userId);
    if (result === 'last_owner') {
      const body = await membersPage(req, org, { errors: { member: { key: 'members.error.lastOwner' } } });
      return reply.page({ title: req.t('members.titleFor', { name: org.name }), status: 409, hasErrors: true, body });
    }
    if (result === 'not_member') throw notFound();
    return redirectWithNotice(reply, `/organisations/${org.slug}/members`, 'notice.memberRemoved');
  });
  app.get<{ Params: { token: string } }>('/invitations/:token', { config: { policy: organisationsPolicy.acceptInvitation } }, async (req, reply) => {
    const invitation = await findLiveInvitation(app.db, hashToken(req.params.token));
    if (!invitation) {
      return reply.page({
        title: req.t('invitation.invalidTitle'),
        status: 404,
        body: <MessagePage title="invitation.invalidTitle" text="invitation.invalidText" />,
      });
    }
    return reply.page({
      title: req.t('invitation.title', { name: invitation.name }),
      body: <InvitationPage token={req.params.token} name={invitation.name} />,
    });
  });
  app.post<{ Params: { token: string } }>('/invitations/:token', { config: { policy: organisationsPolicy.acceptInvitation } }, async (req, reply) => {
    const accepted = await acceptInvitation(app, req.actor.user!.id, req.params.token);
    if (!accepted) {
      return reply.page({
        title: req.t('invitation.invalidTitle'),
        status: 404,
        body: <MessagePage title="invitation.invalidTitle" text="invitation.invalidText" />,
      });
    }
    return redirectWithNotice(reply, '/account', 'notice.joined');
  });
}
