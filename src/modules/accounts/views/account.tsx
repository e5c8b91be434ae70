import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField, ConsentBox } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { profileRoles } from '../schema.ts';
import { Button } from '../../../web/components/button.tsx';

const profileLabels: Record<string, MessageKey> = {
  name: 'account.name',
  roles: 'profile.roles',
  skills: 'profile.skills',
  languages: 'profile.languages',
  bio: 'profile.bio',
  preferredLanguage: 'profile.preferredLanguage',
};

export function AccountPage({ values, errors, email, emailVerified }: { values: FormValues; errors?: FieldErrors; email: string; emailVerified: boolean }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('account.title')}</h1>
      <ErrorSummary errors={errors} labels={profileLabels} />
      <section aria-labelledby="email-heading">
        <h2 id="email-heading">{t('account.email')}</h2>
        <p>
          {email || '–'} {emailVerified ? `(${t('account.verified')})` : `(${t('account.notVerified')})`}
        </p>
        {!emailVerified && email && (
          <form method="post" action="/account/resend-verification">
            <CsrfField />
            <SubmitButton label="account.resendVerification" />
          </form>
        )}
      </section>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('profile.title')}</h2>
        <form method="post" action="/account/profile" novalidate>
          <CsrfField />
          <TextField name="name" label="account.name" autocomplete="name" required values={values} errors={errors} maxLength={120} />
          <Checkboxes
            name="roles"
            label="profile.roles"
            values={values}
            errors={errors}
            options={profileRoles.map((r) => ({ value: r, label: t(`profile.role.${r}`) }))}
          />
          <TextField name="skills" label="profile.skills" hint="profile.listHint" values={values} errors={errors} />
          <TextField name="languages" label="profile.languages" hint="profile.listHint" values={values} errors={errors} />
          <TextArea name="bio" label="profile.bio" values={values} errors={errors} maxLength={1000} />
          <Select
            name="preferredLanguage"
            label="profile.preferredLanguage"
            required
            values={values}
            errors={errors}
            options={[
              { value: 'sv', label: 'Svenska' },
              { value: 'en', label: 'English' },
            ]}
          />
          <SubmitButton label="profile.save" />
        </form>
        <p>
          <a href="/notices#mail">{t('notice.mail.title')}</a>
        </p>
      </section>
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('gdpr.title')}</h2>
        <p>{t('gdpr.exportText')}</p>
        <p>
          <a href="/account/export" download="hack365-my-data.json">
            {t('gdpr.exportLink')}
          </a>
        </p>
        <p>
          <a href="/account/delete">{t('gdpr.deleteLink')}</a>
        </p>
      </section>
    </>
  );
}

export function DeleteAccountPage({ errors }: { errors?: FieldErrors }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('gdpr.deleteTitle')}</h1>
      <ErrorSummary errors={errors} labels={{ confirm: 'gdpr.deleteConfirm' }} />
      <p>{t('gdpr.deleteText')}</p>
      <form method="post" action="/account/delete" novalidate>
        <CsrfField />
        <ConsentBox name="confirm" errors={errors}>
          {t('gdpr.deleteConfirm')}
        </ConsentBox>
        <Button variant="warning">{t('gdpr.deleteSubmit')}</Button>
      </form>
      <p>
        <a href="/account">{t('gdpr.deleteCancel')}</a>
      </p>
    </>
  );
}
