import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { AuditTrail as Trail } from '../../audit/audit.ts';
import { AuditTrail } from '../../audit/audit-trail.tsx';
import { StatusBadge } from '../../challenges/views/parts.tsx';
import type { Organisation } from '../queries.ts';
import { FollowButton } from '../../notifications/views/follow-button.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';

interface OrgPageProps {
  org: Organisation;
  canEdit: boolean;
  canManage: boolean;
  history: Trail | null;
  challenges: { slug: string; titleSv: string; titleEn: string; status: string }[];
  application: { status: string; decisionReason: string } | null;
  following?: boolean | null;
  /** The solutions it owns and how far each has come (the realisation module's list). */
  solutions?: ComponentChildren;
  /** The data people asked it for and its answers (the datasets module's list). */
  dataRequests?: ComponentChildren;
  /** The datasets it publishes and the events it runs or takes part in with its challenges (profile-sections.tsx). */
  datasets?: ComponentChildren;
  events?: ComponentChildren;
}

export function OrganisationPage(props: OrgPageProps) {
  const { org, canEdit, canManage, history, challenges, application, following = null, solutions, dataRequests, datasets, events } = props;
  const { t } = usePage();
  return (
    <>
      <h1>{org.name}</h1>
      <FollowButton type="organisation" id={org.id} following={following} />
      <dl class="summary-list">
        <dt>{t('org.type')}</dt>
        <dd>{t(`org.type.${org.type}`)}</dd>
        {org.orgNumber && (
          <>
            <dt>{t('org.number')}</dt>
            <dd>{org.orgNumber}</dd>
          </>
        )}
        <dt>{t('org.needOwner')}</dt>
        <dd>{org.isNeedOwner ? t('org.needOwner.yes') : t('org.needOwner.no')}</dd>
        {org.website && (
          <>
            <dt>{t('org.website')}</dt>
            <dd>
              <a href={org.website} rel="nofollow noopener">
                {org.website}
              </a>
            </dd>
          </>
        )}
      </dl>
      {org.description && <p class="pre">{org.description}</p>}
      {canEdit && (
        <ul class="actions">
          <li>
            <a href={`/organisations/${org.slug}/edit`}>{t('org.edit')}</a>
          </li>
          <li>
            <a href={`/organisations/${org.slug}/members`}>{t('members.title')}</a>
          </li>
          {org.isNeedOwner && (
            <li>
              <a href="/challenges/new">{t('challenges.new')}</a>
            </li>
          )}
          {canManage && !org.isNeedOwner && application?.status !== 'pending' && (
            <li>
              <a href={`/organisations/${org.slug}/apply`}>{t('apply.title')}</a>
            </li>
          )}
        </ul>
      )}
      {canEdit && application && !org.isNeedOwner && (
        <NotificationBanner>
          {t(`apply.status.${application.status as 'pending'}`)}
          {application.decisionReason ? ` ${t('apply.reason')}: ${application.decisionReason}` : ''}
        </NotificationBanner>
      )}
      <section aria-labelledby="challenges-heading">
        <h2 id="challenges-heading">{t('challenges.title')}</h2>
        {challenges.length === 0 ? (
          <p>{t('org.noChallenges')}</p>
        ) : (
          <ul>
            {challenges.map((c) => (
              <li key={c.slug}>
                <a href={`/challenges/${c.slug}`}>
                  <Localised sv={c.titleSv} en={c.titleEn} />
                </a>{' '}
                <StatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {events}
      {solutions}
      {datasets}
      <p>
        <a href={`/organisations/${org.slug}/data-use`}>{t('org.dataUse')}</a>
      </p>
      {dataRequests}
      {history && <AuditTrail entries={history} />}
    </>
  );
}

export function EditOrganisationPage({ org, values, errors }: { org: Organisation; values: FormValues; errors?: FieldErrors }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('org.editTitle', { name: org.name })}</h1>
      <ErrorSummary errors={errors} labels={{ description: 'org.description', website: 'org.website' }} />
      <form method="post" action={`/organisations/${org.slug}/edit`} novalidate>
        <CsrfField />
        <TextArea name="description" label="org.description" values={values} errors={errors} maxLength={5000} rows={8} />
        <TextField name="website" label="org.website" hint="org.websiteHint" type="url" values={values} errors={errors} />
        <SubmitButton label="org.save" />
      </form>
    </>
  );
}

export function OrganisationListPage({ orgs }: { orgs: Organisation[] }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('orgs.title')}</h1>
      <p>{t('orgs.intro')}</p>
      <p>
        <a href="/organisations/apply">{t('apply.title')}</a>
      </p>
      <ul>
        {orgs.map((o) => (
          <li key={o.slug}>
            <a href={`/organisations/${o.slug}`}>{o.name}</a> ({t(`org.type.${o.type}`)})
          </li>
        ))}
      </ul>
    </>
  );
}
