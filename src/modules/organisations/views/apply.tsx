import { usePage } from '../../../web/page-context.ts';
import { ConsentBox, CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { organisationTypes } from '../../../db/schema/index.ts';

const labels: Record<string, MessageKey> = {
  name: 'apply.name',
  type: 'org.type',
  orgNumber: 'org.number',
  foreign: 'apply.foreign',
  website: 'org.website',
  motivation: 'apply.motivation',
};

export function ApplyPage({ values, errors, existing }: { values?: FormValues; errors?: FieldErrors; existing?: { slug: string; name: string } }) {
  const { t } = usePage();
  return (
    <>
      <h1>{existing ? t('apply.againTitle', { name: existing.name }) : t('apply.title')}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <p>{t('apply.intro')}</p>
      <form method="post" action={existing ? `/organisations/${existing.slug}/apply` : '/organisations/apply'} novalidate>
        <CsrfField />
        {!existing && (
          <>
            <TextField name="name" label="apply.name" required values={values} errors={errors} maxLength={200} />
            <Select
              name="type"
              label="org.type"
              required
              values={values}
              errors={errors}
              options={organisationTypes.map((o) => ({ value: o, label: t(`org.type.${o}`) }))}
            />
            <TextField name="orgNumber" label="org.number" hint="apply.orgNumberHint" required values={values} errors={errors} />
            <ConsentBox name="foreign" values={values} errors={errors}>
              {t('apply.foreign')}
            </ConsentBox>
            <TextField name="website" label="org.website" hint="org.websiteHint" type="url" values={values} errors={errors} />
          </>
        )}
        <TextArea name="motivation" label="apply.motivation" hint="apply.motivationHint" required values={values} errors={errors} rows={6} maxLength={3000} />
        <SubmitButton label="apply.submit" />
      </form>
    </>
  );
}

interface Application {
  id: string;
  status: string;
  motivation: string;
  decisionReason: string;
  createdAt: Date;
  org: { slug: string; name: string; type: string; orgNumber: string | null };
  applicant: { name: string | null; email: string | null } | null;
}

export function ApplicationsPage({
  pending,
  decided,
  errors,
  failedId,
}: {
  pending: Application[];
  decided: Application[];
  errors?: FieldErrors;
  failedId?: string;
}) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('applications.title')}</h1>
      <h2>{t('applications.pending')}</h2>
      {pending.length === 0 && <p>{t('applications.none')}</p>}
      {pending.map((a) => (
        <section key={a.id} class="card" aria-labelledby={`app-${a.id}`}>
          <h3 id={`app-${a.id}`}>
            <a href={`/organisations/${a.org.slug}`}>{a.org.name}</a>
          </h3>
          <p class="meta">
            {t(`org.type.${a.org.type as 'agency'}`)} · {a.org.orgNumber ?? t('apply.foreign')} · {a.applicant?.name ?? '–'} ({a.applicant?.email ?? '–'})
          </p>
          <p class="pre">{a.motivation}</p>
          {failedId === a.id && <ErrorSummary errors={errors} labels={{ decision: 'applications.decision', reason: 'applications.reason' }} />}
          <form method="post" action={`/admin/applications/${a.id}/decision`} novalidate>
            <CsrfField />
            <Select
              name="decision"
              label="applications.decision"
              required
              errors={failedId === a.id ? errors : undefined}
              options={[
                { value: '', label: t('applications.choose') },
                { value: 'approved', label: t('applications.approve') },
                { value: 'rejected', label: t('applications.reject') },
              ]}
            />
            <TextArea name="reason" label="applications.reason" hint="applications.reasonHint" errors={failedId === a.id ? errors : undefined} rows={3} />
            <SubmitButton label="applications.submit" />
          </form>
        </section>
      ))}
      <h2>{t('applications.decided')}</h2>
      <ul>
        {decided.map((a) => (
          <li key={a.id}>
            <a href={`/organisations/${a.org.slug}`}>{a.org.name}</a>: {t(`apply.status.${a.status as 'approved'}`)}
            {a.decisionReason ? ` (${a.decisionReason})` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
