import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { displayName } from '../../accounts/queries.ts';
import type { Organisation } from '../queries.ts';

interface Member {
  userId: string;
  name: string | null;
  email: string | null;
  role: 'owner' | 'editor';
}

export function MembersPage({
  org,
  members,
  invitations,
  canManage,
  values,
  errors,
}: {
  org: Organisation;
  members: Member[];
  invitations: { email: string; role: string }[];
  canManage: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('members.titleFor', { name: org.name })}</h1>
      <ErrorSummary errors={errors} labels={{ email: 'account.email', role: 'members.role', member: 'members.title' }} />
      {/* The id lets the error summary's "at least one owner" link land on the list. */}
      <table id="f-member">
        <caption class="visually-hidden">{t('members.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.name')}</th>
            <th scope="col">{t('account.email')}</th>
            <th scope="col">{t('members.role')}</th>
            {canManage && <th scope="col">{t('members.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>{displayName({ name: m.name, deletedAt: null }, t)}</td>
              <td>{m.email}</td>
              <td>{t(`members.role.${m.role}`)}</td>
              {canManage && (
                <td>
                  <a href={`/organisations/${org.slug}/members/${m.userId}/remove`} class="link-warning">
                    {t('members.remove')}
                    <span class="visually-hidden"> {m.name}</span>
                  </a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {invitations.length > 0 && (
        <>
          <h2>{t('members.invited')}</h2>
          <ul>
            {invitations.map((i) => (
              <li key={i.email}>
                {i.email} ({t(`members.role.${i.role as 'owner'}`)})
              </li>
            ))}
          </ul>
        </>
      )}
      {canManage && (
        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t('members.invite')}</h2>
          <form method="post" action={`/organisations/${org.slug}/members/invite`} novalidate>
            <CsrfField />
            <TextField name="email" label="account.email" type="email" required values={values} errors={errors} />
            <Select
              name="role"
              label="members.role"
              required
              values={values}
              errors={errors}
              options={[
                { value: 'editor', label: t('members.role.editor') },
                { value: 'owner', label: t('members.role.owner') },
              ]}
            />
            <SubmitButton label="members.inviteSubmit" />
          </form>
        </section>
      )}
      <p>
        <a href={`/organisations/${org.slug}`}>{t('members.back')}</a>
      </p>
    </>
  );
}

export function InvitationPage({ token, name }: { token: string; name: string }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('invitation.title', { name })}</h1>
      <form method="post" action={`/invitations/${token}`}>
        <CsrfField />
        <SubmitButton label="invitation.accept" />
      </form>
    </>
  );
}
