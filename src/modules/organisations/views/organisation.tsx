import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime, isMessageKey } from '../../../web/i18n.ts';
import { displayName } from '../../accounts/queries.ts';
import type { organisations } from '../../../db/schema/index.ts';

type Organisation = typeof organisations.$inferSelect;
interface HistoryEntry {
  id: number;
  action: string;
  createdAt: Date;
  actor: { name: string | null; deletedAt: Date | null } | null;
}

export function OrganisationPage({ org, canEdit, history }: { org: Organisation; canEdit: boolean; history: HistoryEntry[] | null }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{org.name}</h1>
      <dl class="facts">
        <dt>{t('org.type')}</dt>
        <dd>{t(`org.type.${org.type}`)}</dd>
        {org.orgNumber && (
          <>
            <dt>{t('org.number')}</dt>
            <dd>{org.orgNumber}</dd>
          </>
        )}
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
        <p>
          <a href={`/organisations/${org.slug}/edit`}>{t('org.edit')}</a>
        </p>
      )}
      {history && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t('org.history')}</h2>
          {history.length === 0 ? (
            <p>{t('org.historyEmpty')}</p>
          ) : (
            <ul class="plain-list">
              {history.map((h) => (
                <li key={h.id}>
                  {formatDateTime(h.createdAt, lang)} · {displayName(h.actor, t)} · {describeAction(h.action, t)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
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

function describeAction(action: string, t: ReturnType<typeof usePage>['t']): string {
  const key = `audit.${action}`;
  return isMessageKey(key) ? t(key) : action;
}
