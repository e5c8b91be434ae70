import { tokenScopes, type accessTokens } from '../../../db/schema/index.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDate, type MessageKey } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button } from '../../../web/components/button.tsx';

const labels: Record<string, MessageKey> = { name: 'tokens.name', organisation: 'tokens.organisation', scopes: 'tokens.scopes', days: 'tokens.days' };

export interface TokensPageProps {
  tokens: { token: typeof accessTokens.$inferSelect; organisation: string }[];
  organisations: { id: string; name: string }[];
  now: Date;
  values?: FormValues;
  errors?: FieldErrors;
  /** A token just made: shown this once. */
  created?: string;
}

export function TokensPage({ tokens, organisations, now, values, errors, created }: TokensPageProps) {
  const { t, lang } = usePage();
  const state = (tk: typeof accessTokens.$inferSelect) => (tk.revokedAt ? 'revoked' : tk.expiresAt <= now ? 'expired' : 'active');
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <h1>{t('tokens.title')}</h1>
      <p class="lead">{t('tokens.lead')}</p>
      <p>
        <a href="/api/docs">{t('tokens.docs')}</a>
      </p>
      {created && (
        <NotificationBanner type="success">
          <h2>{t('tokens.createdTitle')}</h2>
          <p>{t('tokens.createdText')}</p>
          <p>
            <code class="token-value">{created}</code>
          </p>
        </NotificationBanner>
      )}
      <h2>{t('tokens.listTitle')}</h2>
      {tokens.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.organisation')}</th>
              <th scope="col">{t('tokens.scopes')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.state')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map(({ token: tk, organisation }) => (
              <tr key={tk.id}>
                <td>{tk.name}</td>
                <td>{organisation}</td>
                <td>{tk.scopes.map((s) => t(`tokens.scope.${s}` as MessageKey)).join(', ')}</td>
                <td>{formatDate(tk.expiresAt, lang)}</td>
                <td>{tk.lastUsedAt ? formatDate(tk.lastUsedAt, lang) : t('tokens.never')}</td>
                <td>
                  {state(tk) === 'active' ? (
                    <form method="post" action={`/me/tokens/${tk.id}/revoke`} class="inline-form">
                      <CsrfField />
                      <Button variant="warning">
                        {t('tokens.revoke')}
                        <span class="visually-hidden"> {tk.name}</span>
                      </Button>
                    </form>
                  ) : (
                    t(`tokens.state.${state(tk)}` as MessageKey)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('tokens.newTitle')}</h2>
      {organisations.length === 0 ? (
        <p>{t('tokens.noOrganisation')}</p>
      ) : (
        <form method="post" action="/me/tokens" novalidate>
          <CsrfField />
          <TextField name="name" label="tokens.name" hint="tokens.nameHint" required maxLength={100} values={values} errors={errors} />
          <Select
            name="organisation"
            label="tokens.organisation"
            required
            values={values}
            errors={errors}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <Checkboxes
            name="scopes"
            label="tokens.scopes"
            values={values}
            errors={errors}
            options={tokenScopes.map((s) => ({ value: s, label: t(`tokens.scope.${s}` as MessageKey) }))}
          />
          <Select
            name="days"
            label="tokens.days"
            required
            values={values}
            errors={errors}
            options={['30', '90', '365'].map((d) => ({ value: d, label: t('tokens.daysOption', { days: Number(d) }) }))}
          />
          <SubmitButton label="tokens.create" />
        </form>
      )}
    </>
  );
}
