import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Radios, SubmitButton, TextArea } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { ProposalBody } from '../../proposals/views/content.tsx';
import type { assignmentFor, jurorHome, seatToDeclare } from '../queries.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

/** A juror's own page: their juries, conflicts to declare, and their assignments; nothing of anyone else's. */
export function JurorHome({ seats }: { seats: Awaited<ReturnType<typeof jurorHome>> }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('jury.mine')}</h1>
      {seats.length === 0 && <p>{t('jury.noSeats')}</p>}
      {seats.map((s) => (
        <section key={s.jurorId} aria-labelledby={`seat-${s.jurorId}`}>
          <h2 id={`seat-${s.jurorId}`}>
            {s.juryName} – <Localised sv={s.eventSv} en={s.eventEn} />
          </h2>
          {s.ownTeam && <NotificationBanner>{t('jury.conflict.participant', { team: s.ownTeam })}</NotificationBanner>}
          {s.organisationTeams.length > 0 && <p>{t('jury.conflict.organisationTeams', { teams: s.organisationTeams.join(', ') })}</p>}
          <h3>{t('jury.assignments')}</h3>
          {s.assignments.length === 0 ? (
            <p>{t('jury.noAssignments')}</p>
          ) : (
            <ul>
              {s.assignments.map((a) => (
                <li key={a.id}>
                  <a href={`/jury/assignments/${a.id}`}>{a.title}</a> ({a.teamName}, {t(`jury.round.${a.round}`)}) –{' '}
                  {a.conflicted ? t('jury.setAsideMine') : a.scored ? t('jury.scored') : t('jury.toScore')}
                </li>
              ))}
            </ul>
          )}
          {s.hasTeams && (
            <p>
              {t('jury.conflictsDeclared', { count: s.declared })} <a href={`/jury/seats/${s.jurorId}/conflicts`}>{t('jury.declareConflicts')}</a>
            </p>
          )}
        </section>
      ))}
    </>
  );
}

/**
 * Declaring conflicts of interest: every team the juror might be given, as checkboxes. A page of its own, since at a
 * hackathon's size it lists hundreds of teams, which would bury the assignments on the juror's home page.
 */
export function ConflictsPage({ seat }: { seat: NonNullable<Awaited<ReturnType<typeof seatToDeclare>>> }) {
  const { t } = usePage();
  return (
    <>
      <p>
        <a href="/jury">{t('jury.mine')}</a>
      </p>
      <h1>
        {t('jury.conflicts')}: {seat.jury.name}
      </h1>
      <form method="post" action={`/jury/seats/${seat.jurorId}/conflicts`}>
        <CsrfField />
        <Checkboxes
          name="teams"
          label="jury.conflicts"
          hint="jury.conflictsHint"
          values={{ teams: seat.conflicts }}
          options={seat.teams.map((tm) => ({ value: tm.id, label: tm.name }))}
        />
        <SubmitButton label="jury.saveConflicts" />
      </form>
    </>
  );
}

type Assignment = NonNullable<Awaited<ReturnType<typeof assignmentFor>>>;

/**
 * Scoring one submission: the proposal as submitted with the datasets it used, then each criterion's scale as one
 * row of labelled radio buttons (GOV.UK inline radios: the legend names the criterion, its guidance is the hint),
 * a comment for the jury and feedback for the team. A conflicted juror reads the proposal but scores nothing.
 */
export function ScorePage({ a, values, errors }: { a: Assignment; values: FormValues; errors?: FieldErrors }) {
  const { t, lang } = usePage();
  const locked = a.round.closedAt !== null;
  const scale = Array.from({ length: a.jury.scaleMax - a.jury.scaleMin + 1 }, (_, i) => a.jury.scaleMin + i);
  return (
    <>
      <p>
        <a href="/jury">{t('jury.mine')}</a>
      </p>
      <h1>{a.content.title || a.submission.title}</h1>
      <p>{t('jury.byTeam', { team: a.teamName })}</p>
      <ProposalBody content={a.content} datasets={a.datasets} />
      <h2>{t('jury.yourScores')}</h2>
      {a.conflicted ? (
        <NotificationBanner>{t('jury.conflictedHere')}</NotificationBanner>
      ) : locked ? (
        <NotificationBanner>{t('jury.locked')}</NotificationBanner>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={{}} />
          <p>{t('jury.scaleHint', { min: a.jury.scaleMin, max: a.jury.scaleMax })}</p>
          <form method="post" action={`/jury/assignments/${a.assignment.id}`} novalidate>
            <CsrfField />
            {a.criteria.map((c) => {
              const guidance = pick(lang, c.guidanceSv, c.guidanceEn);
              return (
                <Radios
                  key={c.id}
                  name={`c-${c.id}`}
                  inline
                  label={{
                    text: (
                      <>
                        <Localised sv={c.nameSv} en={c.nameEn} /> ({t('jury.weightIs', { weight: c.weight })})
                      </>
                    ),
                  }}
                  hint={guidance ? { text: guidance } : undefined}
                  options={scale.map((n) => ({ value: String(n), label: String(n) }))}
                  values={values}
                  errors={errors}
                />
              );
            })}
            <TextArea name="comment" label="jury.comment" hint="jury.commentHint" rows={3} maxLength={2000} values={values} errors={errors} />
            <TextArea name="feedback" label="jury.feedback" hint="jury.feedbackHint" rows={4} maxLength={2000} values={values} errors={errors} />
            <ButtonGroup>
              <Button variant="secondary" name="action" value="save">
                {t('jury.saveDraft')}
              </Button>
              <Button name="action" value="submit">
                {t('jury.submitScores')}
              </Button>
            </ButtonGroup>
          </form>
        </>
      )}
    </>
  );
}
