import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatNumber, type Lang, type MessageKey } from '../../../web/i18n.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { EventDetail } from '../../events/queries.ts';
import type { Jury, JuryDetail, Round, roundRanking, waitingAssignments } from '../queries.ts';
import { conflictReasons, type Conflicts } from '../conflicts.ts';
import { CsvLink } from '../../../web/components/csv-link.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button } from '../../../web/components/button.tsx';

type Ranking = Awaited<ReturnType<typeof roundRanking>>;

/** An event's juries, and a form for a new one from one of the two Hack for Sweden criteria sets. */
export function JuriesPage({
  event,
  juries,
  values,
  errors,
  children,
}: {
  event: EventDetail;
  juries: Jury[];
  values: FormValues;
  errors?: FieldErrors;
  children?: ComponentChildren;
}) {
  const { t, lang } = usePage();
  const base = `/events/${event.event.slug}/juries`;
  const f = { values, errors };
  return (
    <>
      <p>
        <a href={`/events/${event.event.slug}/manage`}>{t('events.manage')}</a>
      </p>
      <h1>{t('jury.title')}</h1>
      {juries.length === 0 ? (
        <p>{t('jury.none')}</p>
      ) : (
        <ul>
          {juries.map((j) => (
            <li key={j.id}>
              <a href={`${base}/${j.id}`}>{j.name}</a>
            </li>
          ))}
        </ul>
      )}
      {children}
      <h2>{t('jury.new')}</h2>
      <ErrorSummary
        errors={errors}
        labels={{
          name: 'jury.name',
          challenge: 'team.challenge',
          track: 'team.track',
          template: 'jury.template',
          scaleMax: 'jury.scale',
          jurorsPerSubmission: 'jury.k',
        }}
      />
      <form method="post" action={base} novalidate>
        <CsrfField />
        <TextField name="name" label="jury.name" required maxLength={120} {...f} />
        <Select
          name="challenge"
          label="team.challenge"
          {...f}
          options={[{ value: '', label: t('jury.allChallenges') }, ...event.challenges.map((c) => ({ value: c.id, label: pick(lang, c.titleSv, c.titleEn) }))]}
        />
        {event.tracks.length > 0 && (
          <Select
            name="track"
            label="team.track"
            {...f}
            options={[{ value: '', label: t('jury.allTracks') }, ...event.tracks.map((tr) => ({ value: tr.id, label: pick(lang, tr.nameSv, tr.nameEn) }))]}
          />
        )}
        <Select
          name="template"
          label="jury.template"
          required
          {...f}
          options={[
            { value: 'challenge', label: t('jury.template.challenge') },
            { value: 'nabc', label: t('jury.template.nabc') },
          ]}
        />
        <Select
          name="scaleMax"
          label="jury.scale"
          required
          {...f}
          options={[
            { value: '5', label: '1–5' },
            { value: '10', label: '1–10' },
          ]}
        />
        <TextField name="jurorsPerSubmission" type="number" label="jury.k" hint="jury.kHint" required {...f} />
        <SubmitButton label="jury.create" />
      </form>
    </>
  );
}

/** Each criterion field named for the error summary. */
function criteriaLabels(detail: JuryDetail): Record<string, MessageKey> {
  const labels: Record<string, MessageKey> = {};
  for (const c of detail.criteria) {
    labels[`cSv-${c.id}`] = 'jury.nameSv';
    labels[`cEn-${c.id}`] = 'jury.nameEn';
    labels[`gSv-${c.id}`] = 'jury.guidanceSv';
    labels[`gEn-${c.id}`] = 'jury.guidanceEn';
    labels[`w-${c.id}`] = 'jury.weight';
  }
  return labels;
}

const fmt = (n: number | null, lang: Lang) => (n === null ? '–' : formatNumber(n, lang, 2));

/** A jury as the organiser runs it: criteria and weights, jurors, rounds, rankings and the shortlist. */
export function JuryPage({
  event,
  detail,
  conflicts,
  rankings,
  invite,
  criteriaForm,
}: {
  event: EventDetail;
  detail: JuryDetail;
  conflicts: Conflicts;
  rankings: { round: Round; data: Ranking; waiting: Awaited<ReturnType<typeof waitingAssignments>> }[];
  invite?: { values: FormValues; errors: FieldErrors };
  criteriaForm?: { values: FormValues; errors: FieldErrors };
}) {
  const { t, lang } = usePage();
  const base = `/events/${event.event.slug}/juries/${detail.jury.id}`;
  return (
    <>
      <p>
        <a href={`/events/${event.event.slug}/juries`}>{t('jury.title')}</a>
      </p>
      <h1>{detail.jury.name}</h1>
      <p>{t('jury.facts', { min: detail.jury.scaleMin, max: detail.jury.scaleMax, k: detail.jury.jurorsPerSubmission })}</p>
      <p>
        {t('jury.exports')} <CsvLink href={`${base}/scores.csv`}>{t('jury.exportScores')}</CsvLink> ·{' '}
        <CsvLink href={`${base}/ranking.csv`}>{t('jury.exportRanking')}</CsvLink>
      </p>

      <h2 id="criteria">{t('jury.criteria')}</h2>
      <p>{t('jury.criteriaHint')}</p>
      <ErrorSummary errors={criteriaForm?.errors} labels={criteriaLabels(detail)} />
      <form method="post" action={`${base}/criteria`} novalidate>
        <CsrfField />
        {detail.criteria.map((c, i) => {
          const v = (field: string, fallback: string | number) => String(criteriaForm?.values[`${field}-${c.id}`] ?? fallback);
          const input = (field: string, label: MessageKey, value: string, type = 'text') => {
            const name = `${field}-${c.id}`;
            const error = criteriaForm?.errors[name];
            return (
              <div class={error ? 'field field-error' : 'field'}>
                <label for={`f-${name}`}>{t(label)}</label>
                {error && <p class="error-message">{t(error.key, error.params)}</p>}
                <input
                  id={`f-${name}`}
                  name={name}
                  type={type}
                  value={value}
                  aria-invalid={error ? 'true' : undefined}
                  {...(type === 'number' ? { min: 0, max: 10 } : {})}
                />
              </div>
            );
          };
          return (
            <fieldset key={c.id} class="group">
              <legend>{t('jury.criterionNumber', { number: i + 1 })}</legend>
              {input('cSv', 'jury.nameSv', v('cSv', c.nameSv))}
              {input('cEn', 'jury.nameEn', v('cEn', c.nameEn))}
              {input('gSv', 'jury.guidanceSv', v('gSv', c.guidanceSv))}
              {input('gEn', 'jury.guidanceEn', v('gEn', c.guidanceEn))}
              {input('w', 'jury.weight', v('w', c.weight), 'number')}
            </fieldset>
          );
        })}
        <SubmitButton label="jury.saveCriteria" />
      </form>

      <h2 id="jurors">{t('jury.jurors')}</h2>
      <ul>
        {detail.jurors.map((j) => {
          const teams = conflicts.of(j.id);
          const reasons = conflictReasons.filter((r) => [...teams.values()].some((rs) => rs.includes(r)));
          return (
            <li key={j.id}>
              {j.name ?? j.email} – {j.acceptedAt ? t('jury.accepted') : t('jury.invitedNotYet')}
              {teams.size > 0 && `; ${t('jury.jurorConflicts', { count: teams.size, reasons: reasons.map((r) => t(`jury.conflictReason.${r}`)).join(', ') })}`}
            </li>
          );
        })}
      </ul>
      <ErrorSummary errors={invite?.errors} labels={{ email: 'jury.inviteEmail' }} />
      <form method="post" action={`${base}/jurors`} novalidate>
        <CsrfField />
        <TextField name="email" type="email" label="jury.inviteEmail" required values={invite?.values} errors={invite?.errors} />
        <SubmitButton label="jury.invite" />
      </form>

      {rankings.map(({ round, data, waiting }) => (
        <section key={round.id} aria-labelledby={`round-${round.kind}`}>
          <h2 id={`round-${round.kind}`}>{t(`jury.round.${round.kind}`)}</h2>
          <p>{round.closedAt ? t('jury.closed') : t('jury.open', { count: data.assignments })}</p>
          {!round.closedAt && (
            <form method="post" action={`${base}/rounds/${round.kind}/assign`} class="inline">
              <CsrfField />
              <SubmitButton label="jury.assign" />
            </form>
          )}
          {!round.closedAt && data.assignments > 0 && (
            <form method="post" action={`${base}/rounds/${round.kind}/close`} class="inline">
              <CsrfField />
              <SubmitButton label="jury.close" />
            </form>
          )}
          {data.uninformativeJurors.length > 0 && (
            <NotificationBanner>{t('jury.uninformative', { count: data.uninformativeJurors.length })}</NotificationBanner>
          )}
          {data.setAside.length > 0 && (
            <NotificationBanner>
              <p>{t('jury.setAside', { count: data.setAside.length })}</p>
              <ul>
                {data.setAside.map((x, i) => (
                  <li key={i}>
                    {t('jury.setAsideItem', { juror: x.juror, title: x.title, reasons: x.reasons.map((r) => t(`jury.conflictReason.${r}`)).join(', ') })}
                  </li>
                ))}
              </ul>
            </NotificationBanner>
          )}
          {!round.closedAt && data.withdrawn > 0 && <NotificationBanner>{t('jury.withdrawn', { count: data.withdrawn })}</NotificationBanner>}
          <table>
            <caption>{t('jury.ranking')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jury.rank')}</th>
                <th scope="col">{t('jury.solution')}</th>
                <th scope="col">{t('jury.raw')}</th>
                <th scope="col">{t('jury.normalised')}</th>
                <th scope="col">{t('jury.scoredBy')}</th>
              </tr>
            </thead>
            <tbody>
              {data.ranking.map((r) => (
                <tr key={r.submissionId}>
                  <td>
                    {r.rank}
                    {r.tied && ` (${t('jury.tie')})`}
                  </td>
                  <td>
                    {r.title} ({r.teamName})
                  </td>
                  <td>{fmt(r.raw, lang)}</td>
                  <td>{fmt(r.normalised, lang)}</td>
                  <td>
                    {r.jurors}
                    {r.missing > 0 && ` – ${t('jury.incomplete', { missing: r.missing })}`}
                    {r.setAside > 0 && ` – ${t('jury.setAsideCount', { count: r.setAside })}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!round.closedAt && waiting.length > 0 && (
            <details>
              <summary>{t('jury.waiting', { count: waiting.length })}</summary>
              <ul>
                {waiting.map((w) => {
                  // Offered: exactly the jurors the move accepts (accepted, free of conflicts, not holding it yet).
                  const free = detail.jurors.filter((j) => j.acceptedAt && !w.holders.has(j.id) && !conflicts.isConflicted(j.id, w.teamId));
                  return (
                    <li key={w.id}>
                      {free.length === 0 ? (
                        t('jury.noFreeJuror', { title: w.title, juror: w.jurorEmail })
                      ) : (
                        <form method="post" action={`${base}/assignments/${w.id}`} class="inline">
                          <CsrfField />
                          <label for={`r-${w.id}`}>{t('jury.moveFrom', { title: w.title, juror: w.jurorEmail })}</label>{' '}
                          <select id={`r-${w.id}`} name="juror">
                            {free.map((j) => (
                              <option key={j.id} value={j.id}>
                                {j.name ?? j.email}
                              </option>
                            ))}
                          </select>{' '}
                          <Button variant="secondary">{t('jury.move')}</Button>
                        </form>
                      )}
                    </li>
                  );
                })}
              </ul>
            </details>
          )}
          {round.kind === 'first' && round.closedAt && (
            <form method="post" action={`${base}/shortlist`}>
              <CsrfField />
              <TextField name="top" type="number" label="jury.shortlistTop" values={{ top: '3' }} />
              <Checkboxes
                name="finalists"
                label="jury.byHand"
                hint="jury.byHandHint"
                options={data.ranking
                  .filter((r) => r.normalised !== null)
                  .slice(0, 30)
                  .map((r) => ({ value: r.submissionId, label: `${r.rank}. ${r.title} (${r.teamName})` }))}
              />
              <SubmitButton label="jury.shortlist" />
            </form>
          )}
        </section>
      ))}
    </>
  );
}
