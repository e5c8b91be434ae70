import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton, TextArea } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime, type MessageKey } from '../../../web/i18n.ts';
import type { InterestRow, OrganisationRef } from '../matching-queries.ts';
import { MESSAGE_MAX } from '../matching-schema.ts';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

interface SolutionHead {
  id: string;
  title: string;
  teamName: string;
}

/** Back to the solution, above each page about it. */
function BackToSolution({ solution }: { solution: SolutionHead }) {
  return (
    <p>
      <a href={`/solutions/${solution.id}`}>{solution.title}</a>
    </p>
  );
}

/** Why a request could not be done when no field is to blame (already asked, own challenge): said first, in red. */
export function Problem({ problem }: { problem?: MessageKey }) {
  const { t } = usePage();
  if (!problem) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{t(problem)}</p>
    </div>
  );
}

/** Which organisation a form speaks for: a choice when there are several, else said in words. */
export function SpeakingFor({
  name,
  label,
  options,
  values,
  errors,
}: {
  name: string;
  label: MessageKey;
  options: OrganisationRef[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = usePage();
  if (options.length > 1) {
    return (
      <Select
        name={name}
        label={label}
        required
        values={values}
        errors={errors}
        options={[{ value: '', label: t('interest.chooseOrganisation') }, ...options.map((o) => ({ value: o.id, label: o.name }))]}
      />
    );
  }
  return (
    <>
      <input type="hidden" name={name} value={options[0].id} />
      <p>{t('interest.as', { organisation: options[0].name })}</p>
    </>
  );
}

/** A button that posts to a path: accept, decline, withdraw. */
function ActionButton({ action, label, secondary }: { action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField />
      <button type="submit" class={secondary ? 'button button-secondary' : 'button'}>
        {label}
      </button>{' '}
    </form>
  );
}

export interface InterestFormProps {
  solution: SolutionHead;
  /** The person's approved organisations that may still ask. */
  eligible: OrganisationRef[];
  /** Those already among the solution's need owners. */
  owners: OrganisationRef[];
  /** Their organisations' interests waiting for the team. */
  pending: InterestRow[];
  values?: FormValues;
  errors?: FieldErrors;
  problem?: MessageKey;
}

/** "We want to take this forward": where the person's organisations stand, and the form for those that may ask. */
export function InterestFormPage({ solution, eligible, owners, pending, values, errors, problem }: InterestFormProps) {
  const { t, lang } = usePage();
  const base = `/solutions/${solution.id}`;
  return (
    <>
      <BackToSolution solution={solution} />
      <h1>{t('interest.title')}</h1>
      <Problem problem={problem} />
      <p class="lead">{t('interest.lead', { solution: solution.title, team: solution.teamName })}</p>
      {owners.map((o) => (
        <NotificationBanner key={o.id}>{t('interest.alreadyOwner', { organisation: o.name })}</NotificationBanner>
      ))}
      {pending.length > 0 && (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t('interest.pendingHeading')}</h2>
          <ul class="plain-list">
            {pending.map((p) => (
              <li key={p.interest.id} class="card">
                <p>{t('interest.pendingFor', { organisation: p.organisation.name, date: formatDateTime(p.interest.createdAt, lang) })}</p>
                <ActionButton action={`${base}/interests/${p.interest.id}/withdraw`} label={t('interest.withdraw')} secondary />
              </li>
            ))}
          </ul>
          <p>
            <a href={`${base}/interests`}>{t('interest.seeAll')}</a>
          </p>
        </section>
      )}
      {eligible.length === 0 ? (
        <p>{t('interest.noneLeft')}</p>
      ) : (
        <form method="post" action={`${base}/interest`} novalidate>
          <CsrfField />
          <ErrorSummary errors={errors} labels={{ organisation: 'interest.organisation', message: 'interest.message' }} />
          <SpeakingFor name="organisation" label="interest.organisation" options={eligible} values={values} errors={errors} />
          <TextArea name="message" label="interest.message" hint="interest.messageHint" required maxLength={MESSAGE_MAX} values={values} errors={errors} />
          <SubmitButton label="interest.send" />
        </form>
      )}
    </>
  );
}

export interface InterestsPageProps {
  solution: SolutionHead;
  teamMember: boolean;
  rows: (InterestRow & { mayDecide: boolean; mayWithdraw: boolean })[];
}

/** A solution's interests: the team answers the pending ones; an organisation sees, and may withdraw, its own. */
export function InterestsPage({ solution, teamMember, rows }: InterestsPageProps) {
  const { t, lang } = usePage();
  const base = `/solutions/${solution.id}/interests`;
  const pending = rows.filter((r) => r.interest.status === 'pending');
  const decided = rows.filter((r) => r.interest.status !== 'pending');
  return (
    <>
      <BackToSolution solution={solution} />
      <h1>{t('interest.list.title', { solution: solution.title })}</h1>
      {teamMember && <p class="lead">{t('interest.list.lead')}</p>}
      <h2>{t('interest.list.pending')}</h2>
      {pending.length === 0 ? (
        <p>{t('interest.list.nonePending')}</p>
      ) : (
        <ul class="plain-list">
          {pending.map((r) => (
            <li key={r.interest.id} class="card" id={`interest-${r.interest.id}`}>
              <h3 class="card-title">
                <a href={`/organisations/${r.organisation.slug}`}>{r.organisation.name}</a>
              </h3>
              <p class="meta">
                {t('interest.list.by', { name: r.authorName ?? t('interest.list.someone'), date: formatDateTime(r.interest.createdAt, lang) })}
              </p>
              <p class="pre">{r.interest.message}</p>
              {r.mayDecide && (
                <ButtonGroup>
                  <ActionButton action={`${base}/${r.interest.id}/accept`} label={t('interest.accept')} />
                  <ActionButton action={`${base}/${r.interest.id}/decline`} label={t('interest.decline')} secondary />
                </ButtonGroup>
              )}
              {teamMember && !r.mayDecide && <p>{t('interest.list.ownOrganisation')}</p>}
              {r.mayWithdraw && <ActionButton action={`${base}/${r.interest.id}/withdraw`} label={t('interest.withdraw')} secondary />}
            </li>
          ))}
        </ul>
      )}
      {decided.length > 0 && (
        <>
          <h2>{t('interest.list.decided')}</h2>
          <ul>
            {decided.map((r) => (
              <li key={r.interest.id}>
                {r.organisation.name}: {t(`interest.status.${r.interest.status}`)}
                {r.interest.decidedAt && ` (${formatDateTime(r.interest.decidedAt, lang)})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** On a solution's page, for members of organisations: the way to say "we want to take this forward". */
export function TakeForward({ solutionId }: { solutionId: string }) {
  const { t, user } = usePage();
  if (!user?.memberships.length) return null;
  return (
    <section aria-labelledby="take-forward-heading" class="manage">
      <h2 id="take-forward-heading">{t('interest.title')}</h2>
      <p>{t('interest.invite')}</p>
      <p>
        <Button href={`/solutions/${solutionId}/interest`}>{t('interest.open')}</Button>
      </p>
    </section>
  );
}
