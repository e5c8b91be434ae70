import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { EventStatus } from '../../../db/schema/index.ts';
import type { EventDetail } from '../queries.ts';
import { counties, SMALLEST_SHOWN, type DiversityReport } from '../diversity.ts';
import { eventHas } from '../kinds.ts';
import { mayOverride } from '../override.ts';
import { galleryRefusal } from '../../proposals/rules.ts';
import { overrideLabels, PhaseBlock } from './phase-block.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

type Failed = { values: FormValues; errors: FieldErrors };

interface ManageProps {
  event: EventDetail;
  now: Date;
  transitions: EventStatus[];
  diversity: DiversityReport;
  teams: number;
  submitted: number;
  announcement?: Failed;
  gallery?: Failed;
}

/** Running an event: its status, an announcement to everyone registered, the gallery, and the statistics. */
export function ManageEventPage({ event, now, transitions, diversity, teams, submitted, announcement, gallery }: ManageProps) {
  const { t, user } = usePage();
  const ev = event.event;
  const base = `/events/${ev.slug}`;
  const values = announcement?.values;
  const errors = announcement?.errors;
  const hasTeams = eventHas(ev.kind, 'teams');
  return (
    <>
      <p>
        <a href={base}>
          <Localised sv={ev.titleSv} en={ev.titleEn} />
        </a>
      </p>
      <h1>{t('events.manage')}</h1>
      <dl class="summary-list">
        <dt>{t('events.statusLabel')}</dt>
        <dd>{t(`events.status.${ev.status}`)}</dd>
        <dt>{t('events.places')}</dt>
        <dd>{t('events.placesUnlimited', { registered: event.registered })}</dd>
        <dt>{t('manage.waitlisted')}</dt>
        <dd>{event.waitlisted}</dd>
        {hasTeams && (
          <>
            <dt>{t('manage.teams')}</dt>
            <dd>{teams}</dd>
            <dt>{t('manage.submitted')}</dt>
            <dd>{submitted}</dd>
          </>
        )}
      </dl>
      <ButtonGroup>
        <Button href={`${base}/edit`} variant="secondary">
          {t('eventForm.edit')}
        </Button>
        {eventHas(ev.kind, 'judging') && (
          <>
            <Button href={`${base}/juries`} variant="secondary">
              {t('jury.title')}
            </Button>
            <Button href={`${base}/manage/check-ins`} variant="secondary">
              {t('checkIn.overview.title')}
            </Button>
          </>
        )}
      </ButtonGroup>
      {transitions.some((to) => to !== 'cancelled') && (
        <form method="post" action={`${base}/status`} class="inline">
          <CsrfField />
          <ButtonGroup>
            {transitions
              .filter((to) => to !== 'cancelled')
              .map((to) => (
                <Button key={to} name="to" value={to}>
                  {t(ev.status === 'cancelled' ? 'manage.reinstate' : `manage.to.${to}`)}
                </Button>
              ))}
          </ButtonGroup>
        </form>
      )}
      {transitions.includes('cancelled') && (
        <p>
          <a href={`${base}/cancel`} class="link-warning">
            {t('manage.to.cancelled')}
          </a>
        </p>
      )}

      {eventHas(ev.kind, 'gallery') && <GallerySection event={event} now={now} failed={gallery} canOverride={mayOverride({ user })} />}

      <h2 id="announce">{t('manage.announce')}</h2>
      <p>{t('manage.announceHint', { count: event.registered + event.waitlisted })}</p>
      <ErrorSummary errors={errors} labels={{ subject: 'manage.subject', body: 'manage.body' }} />
      <form method="post" action={`${base}/announcements`} novalidate>
        <CsrfField />
        <TextField name="subject" label="manage.subject" required maxLength={150} values={values} errors={errors} />
        <TextArea name="body" label="manage.body" required rows={6} maxLength={5000} values={values} errors={errors} />
        <SubmitButton label="manage.send" />
      </form>

      <h2>{t('manage.diversity')}</h2>
      <p>{t('manage.diversityHint', { respondents: diversity.respondents, min: SMALLEST_SHOWN })}</p>
      {(['gender', 'ageBand', 'county', 'occupation', 'firstHackathon'] as const).map((q) => (
        <table key={q}>
          <caption>{t(`diversity.${q}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manage.answer')}</th>
              <th scope="col">{t('manage.count')}</th>
            </tr>
          </thead>
          <tbody>
            {diversity[q].map((row) => (
              <tr key={row.answer}>
                <td>{answerLabel(t, q, row.answer)}</td>
                <td>{row.count ?? t('manage.fewerThan', { min: SMALLEST_SHOWN })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

/** The gallery opens after the submission deadline (and grace); until then the page says when, and only the organiser may go earlier. */
function GallerySection({ event, now, failed, canOverride }: { event: EventDetail; now: Date; failed?: Failed; canOverride: boolean }) {
  const { t } = usePage();
  const ev = event.event;
  const refusal = ev.galleryPublished ? null : galleryRefusal(event.phases, ev.graceMinutes, now);
  return (
    <section aria-labelledby="gallery-title">
      <h2 id="gallery-title">{t('manage.gallery')}</h2>
      <p>{t(ev.galleryPublished ? 'manage.galleryOpen' : 'manage.galleryClosed')}</p>
      <ErrorSummary errors={failed?.errors} labels={overrideLabels} />
      {refusal && !canOverride ? (
        <PhaseBlock refusal={refusal} errors={failed?.errors} />
      ) : (
        <form method="post" action={`/events/${ev.slug}/gallery`} novalidate>
          <CsrfField />
          <input type="hidden" name="published" value={ev.galleryPublished ? 'no' : 'yes'} />
          {refusal && <PhaseBlock refusal={refusal} values={failed?.values} errors={failed?.errors} />}
          <SubmitButton label={ev.galleryPublished ? 'manage.hideGallery' : 'manage.publishGallery'} />
        </form>
      )}
    </section>
  );
}

function answerLabel(t: ReturnType<typeof usePage>['t'], question: string, answer: string): string {
  if (answer === 'unanswered') return t('manage.unanswered');
  if (question === 'county') return answer in counties ? counties[answer as keyof typeof counties] : t(`diversity.county.${answer as 'abroad'}`);
  if (question === 'firstHackathon') return t(answer === 'true' ? 'diversity.first.yes' : 'diversity.first.no');
  return t(`diversity.${question as 'gender'}.${answer as 'woman'}`);
}
