import { Fragment } from 'preact';
import { checkInMonths, procurementRoutes, realisationStages } from '../../../db/schema/index.ts';
import { CsrfField, ErrorSummary, fieldId, Select, SubmitButton, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDate, type MessageKey } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { NEWS_MAX } from '../check-in-form.ts';
import { CHECK_IN_OVERDUE_DAYS, type CheckInShown, type EventCheckIns } from '../check-ins.ts';
import type { CheckInLink, LinkState } from '../commands/answer-check-in.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { Button } from '../../../web/components/button.tsx';

const stageName = (stage: string) => `realisation.stage.${stage}` as MessageKey;

const labels: Record<string, MessageKey> = {
  stage: 'checkIn.stage',
  news: 'checkIn.news',
  lang: 'checkIn.newsLang',
  route: 'checkIn.route',
  reference: 'checkIn.reference',
};

/** The page a check-in mail links to: nothing changes until the person presses one of its buttons. */
export function CheckInPage({ found, action, values, errors }: { found: CheckInLink; action: string; values: FormValues; errors?: FieldErrors }) {
  const { t, lang } = usePage();
  const { solution, checkIn, as, link } = found;
  const stage = t(stageName(solution.stage));
  const stageError = errors?.stage;
  return (
    <>
      <h1>{t('checkIn.title', { solution: solution.title })}</h1>
      <p>{t('checkIn.intro', { months: checkIn.months, event: pick(lang, solution.eventSv, solution.eventEn) })}</p>
      <p>{as?.team ? t('checkIn.asTeam', { team: solution.teamName }) : t('checkIn.asOrganisation', { organisation: as?.organisation?.name ?? '' })}</p>
      <dl class="summary-list">
        <dt>{t('checkIn.stageNow')}</dt>
        <dd>
          {stage}
          {solution.confirmed ? '' : ` (${t('checkIn.reported')})`}
        </dd>
      </dl>
      <p>
        <a href={`/solutions/${solution.id}`}>{t('checkIn.seeSolution')}</a>
      </p>

      <h2>{t('checkIn.noChangeHeading')}</h2>
      <p>{t('checkIn.noChangeHint', { stage })}</p>
      <form method="post" action={action}>
        <CsrfField />
        <input type="hidden" name="answer" value="noChange" />
        <Button>{t('checkIn.noChange')}</Button>
      </form>

      <h2>{t('checkIn.newsHeading')}</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <input type="hidden" name="answer" value="update" />
        <fieldset class={stageError ? 'field field-error' : 'field'} aria-describedby={stageError ? `${fieldId('stage')}-error` : undefined}>
          <legend>{t('checkIn.stage')}</legend>
          {stageError && (
            <p class="error-message" id={`${fieldId('stage')}-error`}>
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {t(stageError.key, stageError.params)}
            </p>
          )}
          {realisationStages.map((s, i) => {
            const id = i === 0 ? fieldId('stage') : `${fieldId('stage')}-${s}`;
            return (
              <div class="checkbox" key={s}>
                <input type="radio" id={id} name="stage" value={s} checked={values.stage === s} />
                <label for={id}>
                  {t(stageName(s))}
                  {s === solution.stage ? ` (${t('checkIn.current')})` : ''}
                </label>
              </div>
            );
          })}
        </fieldset>
        <TextField name="news" label="checkIn.news" hint="checkIn.newsHint" required maxLength={NEWS_MAX} values={values} errors={errors} />
        <Select
          name="lang"
          label="checkIn.newsLang"
          required
          options={(['sv', 'en'] as const).map((l) => ({ value: l, label: t(l === 'sv' ? 'checkIn.lang.sv' : 'checkIn.lang.en') }))}
          values={values}
          errors={errors}
        />
        <fieldset class="group">
          <legend>{t('checkIn.procurement')}</legend>
          <Select
            name="route"
            label="checkIn.route"
            options={[
              { value: '', label: t('checkIn.noRoute') },
              ...procurementRoutes.map((r) => ({ value: r, label: t(`realisation.route.${r}` as MessageKey) })),
            ]}
            values={values}
            errors={errors}
          />
          <TextField name="reference" label="checkIn.reference" hint="checkIn.referenceHint" maxLength={200} values={values} errors={errors} />
        </fieldset>
        <SubmitButton label="checkIn.send" />
      </form>
      <p class="meta">{t('checkIn.once', { until: formatDate(link.expiresAt, lang) })}</p>
    </>
  );
}

const closed: Record<Exclude<LinkState, 'open'>, [MessageKey, MessageKey]> = {
  used: ['checkIn.used.title', 'checkIn.used.text'],
  answered: ['checkIn.answered.title', 'checkIn.answered.text'],
  expired: ['checkIn.expired.title', 'checkIn.expired.text'],
  no_standing: ['checkIn.noStanding.title', 'checkIn.noStanding.text'],
};
export const closedTitle = (state: Exclude<LinkState, 'open'>) => closed[state][0];

/** A link that no longer asks anything: used, answered by someone else, expired, or its holder has left. */
export function CheckInClosed({ found, state }: { found: CheckInLink; state: Exclude<LinkState, 'open'> }) {
  const { t, lang } = usePage();
  const { solution, link, answer } = found;
  const who = answer ? (answer.byTeam ? t('checkIn.byTeam', { team: answer.by }) : answer.by) : '';
  return (
    <>
      <h1>{t(closed[state][0])}</h1>
      <p>
        {t(closed[state][1], {
          solution: solution.title,
          who,
          date: formatDate(answer?.at ?? link.usedAt ?? link.expiresAt, lang),
        })}
      </p>
      <p>
        <a href={`/solutions/${solution.id}`}>{t('checkIn.seeSolution')}</a>
      </p>
    </>
  );
}

const shown: Record<CheckInShown, MessageKey> = {
  scheduled: 'checkIn.status.scheduled',
  sent: 'checkIn.status.sent',
  answered: 'checkIn.status.answered',
  overdue: 'checkIn.status.overdue',
  skipped: 'checkIn.status.skipped',
};

/** The organiser's view of an event's check-ins: what is overdue, what was answered and by whom. */
export function CheckInsOverview({
  event,
  solutions,
  resultsPublished,
}: {
  event: { slug: string; titleSv: string; titleEn: string };
  solutions: EventCheckIns;
  resultsPublished: boolean;
}) {
  const { t, lang } = usePage();
  const count = (s: CheckInShown) => solutions.reduce((n, x) => n + [...x.cells.values()].filter((c) => c.shown === s).length, 0);
  return (
    <>
      <p>
        <a href={`/events/${event.slug}/manage`}>
          <Localised sv={event.titleSv} en={event.titleEn} />
        </a>
      </p>
      <h1>{t('checkIn.overview.title')}</h1>
      <p>{t('checkIn.overview.intro', { days: CHECK_IN_OVERDUE_DAYS })}</p>
      {!solutions.length ? (
        <p>{t(resultsPublished ? 'checkIn.overview.soon' : 'checkIn.overview.notYet')}</p>
      ) : (
        <>
          <dl class="summary-list">
            {(['overdue', 'answered', 'sent', 'scheduled', 'skipped'] as const).map((s) => (
              <Fragment key={s}>
                <dt>{t(shown[s])}</dt>
                <dd>{count(s)}</dd>
              </Fragment>
            ))}
          </dl>
          <table>
            <caption class="visually-hidden">{t('checkIn.overview.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('checkIn.overview.solution')}</th>
                <th scope="col">{t('checkIn.stageNow')}</th>
                {checkInMonths.map((m) => (
                  <th scope="col" key={m}>
                    {t('checkIn.overview.months', { months: m })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {solutions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a href={`/solutions/${s.id}`}>{s.title}</a>
                    <br />
                    <span class="meta">{s.teamName}</span>
                  </th>
                  <td>{t(stageName(s.stage))}</td>
                  {checkInMonths.map((m) => {
                    const c = s.cells.get(m);
                    if (!c) return <td key={m}>–</td>;
                    const label = t(shown[c.shown]);
                    return (
                      <td key={m}>
                        {c.shown === 'overdue' ? <strong>{label}</strong> : label}
                        <br />
                        <span class="meta">{formatDate(c.at, lang)}</span>
                        {c.by && (
                          <>
                            <br />
                            <span class="meta">{t('checkIn.overview.by', { who: c.by })}</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
