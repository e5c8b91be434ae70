import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { EventDetail } from '../../events/queries.ts';
import type { challengeResults, eventResults, teamFeedback } from '../results.ts';
import { mayOverride, type PhaseRefusal } from '../../events/override.ts';
import { overrideLabels, PhaseBlock } from '../../events/views/phase-block.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';

type Results = Awaited<ReturnType<typeof eventResults>>;
const kronor = {
  sv: new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }),
};
const sek = (amount: number, lang: string) => kronor[lang === 'en' ? 'en' : 'sv'].format(amount);

/** The public results: awards with prizes and sponsors, each jury's finalists, and the way to every solution. */
export function ResultsPage({
  event,
  results,
  preview,
  votes,
}: {
  event: EventDetail;
  results: Results;
  preview: boolean;
  votes: { submissionId: string; title: string; votes: number }[];
}) {
  const { t, lang } = usePage();
  const ev = event.event;
  return (
    <>
      <p>
        <a href={`/events/${ev.slug}`}>
          <Localised sv={ev.titleSv} en={ev.titleEn} />
        </a>
      </p>
      <h1>{t('results.title', { event: pick(lang, ev.titleSv, ev.titleEn) })}</h1>
      {preview && <NotificationBanner>{t('results.preview')}</NotificationBanner>}
      <h2>{t('results.awards')}</h2>
      {results.awards.length === 0 ? (
        <p>{t('results.noAwards')}</p>
      ) : (
        <ul class="cards">
          {results.awards.map((a) => (
            <li key={a.id}>
              <h3>{a.name}</h3>
              <p>
                {ev.galleryPublished ? <a href={`/solutions/${a.submissionId}`}>{a.title}</a> : a.title} – {a.teamName}
              </p>
              {(a.amountSek !== null || a.sponsor) && (
                <p class="meta">
                  {a.amountSek !== null && sek(a.amountSek, lang)}
                  {a.amountSek !== null && a.sponsor && ', '}
                  {a.sponsor && t('results.sponsoredBy', { sponsor: a.sponsor })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {results.finalists.map((group) => (
        <section key={group.jury} aria-labelledby={`finalists-${group.jury}`}>
          <h2 id={`finalists-${group.jury}`}>
            {t('results.finalists', { jury: group.challengeSv ? pick(lang, group.challengeSv, group.challengeEn ?? '') : group.jury })}
          </h2>
          <ul>
            {group.rows.map((f) => (
              <li key={f.submissionId}>
                {/* A finalist is a solution (its page exists) once the results are out. */}
                {ev.galleryPublished || ev.resultsPublished ? <a href={`/solutions/${f.submissionId}`}>{f.title}</a> : f.title} – {f.teamName}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {votes.length > 0 && (
        <section aria-labelledby="votes-title">
          <h2 id="votes-title">{t('vote.results')}</h2>
          <table>
            <caption class="visually-hidden">{t('vote.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jury.solution')}</th>
                <th scope="col">{t('vote.count')}</th>
              </tr>
            </thead>
            <tbody>
              {votes.map((v) => (
                <tr key={v.submissionId}>
                  <td>{v.title}</td>
                  <td>{v.votes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {ev.galleryPublished && (
        <p>
          <a href={`/events/${ev.slug}/solutions`}>{t('results.allSolutions')}</a>
        </p>
      )}
    </>
  );
}

interface AwardsProps {
  event: EventDetail;
  results: Results;
  candidates: { id: string; title: string; teamName: string }[];
  values?: FormValues;
  errors?: FieldErrors;
  /** Why the results may not be published yet (judging still open), or null. */
  refusal: PhaseRefusal | null;
  /** A refused publication, shown with its message in place. */
  publish?: { values: FormValues; errors: FieldErrors };
}

/** Awards and publishing, for those who run the event (on the juries page). */
export function AwardsSection({ event, results, candidates, values, errors, refusal, publish }: AwardsProps) {
  const { t, user } = usePage();
  const base = `/events/${event.event.slug}`;
  const published = event.event.resultsPublished;
  return (
    <section aria-labelledby="awards-title">
      <h2 id="awards-title">{t('results.awards')}</h2>
      <ul>
        {results.awards.map((a) => (
          <li key={a.id}>
            {a.name}: {a.title} ({a.teamName}){' '}
            <a href={`${base}/awards/${a.id}/remove`} class="link-warning" aria-label={`${t('results.removeAward')}: ${a.name}`}>
              {t('results.removeAward')}
            </a>
          </li>
        ))}
      </ul>
      {candidates.length > 0 && (
        <>
          <ErrorSummary
            errors={errors}
            labels={{ submission: 'results.submission', awardName: 'results.awardName', amountSek: 'results.amount', sponsor: 'results.sponsor' }}
          />
          <form method="post" action={`${base}/awards`} novalidate>
            <CsrfField />
            <Select
              name="submission"
              label="results.submission"
              required
              values={values}
              errors={errors}
              options={candidates.map((c) => ({ value: c.id, label: `${c.title} (${c.teamName})` }))}
            />
            <TextField name="awardName" label="results.awardName" required maxLength={120} values={values} errors={errors} />
            <TextField name="amountSek" type="number" label="results.amount" values={values} errors={errors} />
            <TextField name="sponsor" label="results.sponsor" maxLength={120} values={values} errors={errors} />
            <SubmitButton label="results.giveAward" />
          </form>
        </>
      )}
      <h3>{t('vote.title')}</h3>
      <p>{t(`vote.state.${event.event.voting}`)}</p>
      {event.event.voting !== 'closed' && (
        <form method="post" action={`${base}/voting`}>
          <CsrfField />
          <input type="hidden" name="state" value={event.event.voting === 'open' ? 'closed' : 'open'} />
          <SubmitButton label={event.event.voting === 'open' ? 'vote.close' : 'vote.openButton'} />
        </form>
      )}
      <p>
        {t(published ? 'results.isPublished' : 'results.notPublished')} <a href={`${base}/results`}>{t('results.see')}</a>
      </p>
      <ErrorSummary errors={publish?.errors} labels={overrideLabels} />
      {!published && refusal && !mayOverride({ user }) ? (
        <PhaseBlock refusal={refusal} errors={publish?.errors} />
      ) : (
        <form method="post" action={`${base}/results`} novalidate>
          <CsrfField />
          <input type="hidden" name="published" value={published ? 'no' : 'yes'} />
          {!published && refusal && <PhaseBlock refusal={refusal} values={publish?.values} errors={publish?.errors} />}
          <SubmitButton label={published ? 'results.hide' : 'results.publish'} />
        </form>
      )}
    </section>
  );
}

/** A team's scores and feedback, jurors numbered, never named. */
export function FeedbackPage({ teamName, feedback }: { teamName: string; feedback: Awaited<ReturnType<typeof teamFeedback>> }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('feedback.title', { team: teamName })}</h1>
      {feedback.length === 0 ? (
        <p>{t('feedback.none')}</p>
      ) : (
        feedback.map((f) => (
          <section key={f.number} aria-labelledby={`juror-${f.number}`}>
            <h2 id={`juror-${f.number}`}>
              {t('feedback.juror', { number: f.number })} – {t(`jury.round.${f.round}`)}
            </h2>
            <table>
              <caption class="visually-hidden">{t('feedback.juror', { number: f.number })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('jury.criterion')}</th>
                  <th scope="col">{t('jury.score')}</th>
                </tr>
              </thead>
              <tbody>
                {f.scores.map((s) => (
                  <tr key={s.position}>
                    <td>
                      <Localised sv={s.nameSv} en={s.nameEn} />
                    </td>
                    <td>
                      {s.score} / {f.scaleMax}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {f.feedback && <p class="pre-line">{f.feedback}</p>}
          </section>
        ))
      )}
    </>
  );
}

/** On a challenge's page: what came of it, per event that has published its results. */
export function ChallengeResults({ challengeId, results }: { challengeId: string; results: Awaited<ReturnType<typeof challengeResults>> }) {
  const { t, lang } = usePage();
  if (!results.awards.length && !results.finalists.length && !results.solutions) return null;
  return (
    <section aria-labelledby="challenge-results">
      <h2 id="challenge-results">{t('results.link')}</h2>
      {results.awards.length > 0 && (
        <ul>
          {results.awards.map((a) => (
            <li key={a.id}>
              {a.name}: {a.title} ({a.teamName},{' '}
              <a href={`/events/${a.eventSlug}/results`}>
                <Localised sv={a.eventSv} en={a.eventEn} />
              </a>
              ){a.amountSek !== null && `, ${sek(a.amountSek, lang)}`}
            </li>
          ))}
        </ul>
      )}
      {results.finalists.length > 0 && (
        <p>
          {t('results.finalistsOfChallenge')} {results.finalists.map((f) => `${f.title} (${f.teamName})`).join(', ')}
        </p>
      )}
      {results.solutions > 0 && (
        <p>
          <a href={`/solutions?challenge=${challengeId}`}>{t('results.solutionsOfChallenge', { count: results.solutions })}</a>
        </p>
      )}
    </section>
  );
}
