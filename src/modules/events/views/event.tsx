import { usePage } from '../../../web/page-context.ts';
import { ConsentBox, CsrfField, ErrorSummary, Select, SubmitButton } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import type { eventRegistrations } from '../../../db/schema/index.ts';
import { ChallengeLinks, pick } from '../../challenges/views/parts.tsx';
import { DiversityQuestions } from './diversity-questions.tsx';
import { eventSpan, inCycleOrder, nextMilestone, registrationRefusal, timeLeft } from '../phases.ts';
import type { EventDetail } from '../queries.ts';
import { eventHas } from '../kinds.ts';
import { mayOverride } from '../override.ts';
import { overrideLabels, PhaseBlock } from './phase-block.tsx';
import { EventDates } from './list.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button } from '../../../web/components/button.tsx';
import { Kept } from '../../../web/components/kept.tsx';
import { CONTENT, CONTENT_AND_ACTIVITY } from '../../../web/changes.ts';

type Registration = typeof eventRegistrations.$inferSelect;

/** The countdown to the next start or end of a phase, as text in the page: it needs no JavaScript to be read. */
function Countdown({ event, now }: { event: EventDetail; now: Date }) {
  const { t, lang } = usePage();
  const next = nextMilestone(event.phases, now);
  if (!next) return <p>{t('events.over')}</p>;
  const left = timeLeft(next.at, now);
  return (
    <p class="countdown">
      {t(next.edge === 'start' ? 'events.startsIn' : 'events.endsIn', { phase: t(`events.phase.${next.kind}`) })} <strong>{t('events.left', left)}</strong> (
      <time datetime={next.at.toISOString()}>{formatDateTime(next.at, lang)}</time>)
    </p>
  );
}

export function EventPage(props: {
  event: EventDetail;
  now: Date;
  signedIn: boolean;
  canManage: boolean;
  registration: Registration | null;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t, lang, user } = usePage();
  const { event: e, now, registration, values, errors } = props;
  const ev = e.event;
  const refusal = registrationRefusal(e.phases, now);
  // The form shows while registration is open, and to the organiser outside it, with the way to make an exception.
  const formShown = ev.status === 'published' && (!refusal || mayOverride({ user }));
  const teams = eventHas(ev.kind, 'teams');
  const span = eventSpan(e.phases);
  if (ev.status === 'cancelled') return <CancelledEvent event={e} canManage={props.canManage} />;
  // The partners: the organisation running the event and the need owners whose challenges it covers.
  const partners = [...new Set([e.organisationName, ...e.challenges.map((c) => c.orgName)].filter((n): n is string => Boolean(n)))];
  const active = registration && registration.status !== 'cancelled' ? registration : null;
  return (
    <>
      <Kept part={`event:${ev.id}:heading`} reads={CONTENT}>
        <p class="badge">
          {t(`events.kind.${ev.kind}`)}
          {ev.status !== 'published' && ` · ${t(`events.status.${ev.status}`)}`}
        </p>
        <h1>
          <Localised sv={ev.titleSv} en={ev.titleEn} />
        </h1>
      </Kept>
      {props.canManage && (
        <p>
          <Button href={`/events/${ev.slug}/manage`} variant="secondary">
            {t('events.manage')}
          </Button>
        </p>
      )}
      <Kept part={`event:${ev.id}:about`} reads={CONTENT_AND_ACTIVITY}>
        <Countdown event={e} now={now} />
        <p class="pre-line">
          <Localised sv={ev.descriptionSv} en={ev.descriptionEn} />
        </p>
        <dl class="summary-list">
          {span && (
            <>
              <dt>{t('events.when')}</dt>
              <dd>
                <EventDates span={span} />
              </dd>
            </>
          )}
          <dt>{t('events.where')}</dt>
          <dd>{ev.online ? t('events.online') : ev.place}</dd>
          <dt>{t('events.organiser')}</dt>
          <dd>{e.organisationName ?? 'Hack for Sweden 365'}</dd>
          {teams && (
            <>
              <dt>{t('events.teamSize')}</dt>
              <dd>{t('events.teamSizeRange', { min: ev.teamMin, max: ev.teamMax })}</dd>
            </>
          )}
          <dt>{t('events.places')}</dt>
          <dd>
            {ev.capacity === null
              ? t('events.placesUnlimited', { registered: e.registered })
              : t('events.placesTaken', { registered: e.registered, capacity: ev.capacity, waitlisted: e.waitlisted })}
          </dd>
        </dl>
        <ul class="links">
          <li>
            <a href={`/events/${ev.slug}.ics`}>{t('events.calendar')}</a>
          </li>
          {teams && (
            <li>
              <a href={`/events/${ev.slug}/teams`}>{t('board.title')}</a>
            </li>
          )}
          {eventHas(ev.kind, 'gallery') && (
            <li>
              <a href={`/events/${ev.slug}/solutions`}>{t('gallery.title')}</a>
            </li>
          )}
          {eventHas(ev.kind, 'judging') && ev.resultsPublished && (
            <li>
              <a href={`/events/${ev.slug}/results`}>{t('results.link')}</a>
            </li>
          )}
        </ul>

        <h2>{t('events.schedule')}</h2>
        <table>
          <caption class="visually-hidden">{t('events.schedule')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.phase')}</th>
              <th scope="col">{t('events.starts')}</th>
              <th scope="col">{t('events.ends')}</th>
            </tr>
          </thead>
          <tbody>
            {inCycleOrder(e.phases).map((p) => (
              <tr key={p.kind}>
                <td>{t(`events.phase.${p.kind}`)}</td>
                <td>
                  <time datetime={p.startsAt.toISOString()}>{formatDateTime(p.startsAt, lang)}</time>
                </td>
                <td>
                  <time datetime={p.endsAt.toISOString()}>{formatDateTime(p.endsAt, lang)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        {e.announcements.length > 0 && (
          <section aria-labelledby="announcements">
            <h2 id="announcements">{t('events.announcements')}</h2>
            {e.announcements.map((a) => (
              <article key={a.id} class="announcement">
                <h3>{a.subject}</h3>
                <p class="meta">
                  <time datetime={a.createdAt.toISOString()}>{formatDateTime(a.createdAt, lang)}</time>
                </p>
                <p class="pre-line">{a.body}</p>
              </article>
            ))}
          </section>
        )}

        {e.tracks.length > 0 && (
          <>
            <h2>{t('events.tracks')}</h2>
            <ul>
              {e.tracks.map((tr) => (
                <li key={tr.id}>
                  <Localised sv={tr.nameSv} en={tr.nameEn} />
                </li>
              ))}
            </ul>
          </>
        )}

        <h2>{t('events.challenges')}</h2>
        <ChallengeLinks challenges={e.challenges} empty={t('events.noChallenges')} />

        {partners.length > 0 && (
          <>
            <h2>{t('events.partners')}</h2>
            <ul>
              {partners.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </>
        )}
      </Kept>

      <section id="registration" aria-labelledby="registration-title">
        <h2 id="registration-title">{t('events.registration')}</h2>
        {active && <NotificationBanner>{t(active.status === 'registered' ? 'events.youAreRegistered' : 'events.youAreWaitlisted')}</NotificationBanner>}
        {active ? (
          <p>
            <a href={`/events/${ev.slug}/registration/cancel`}>{t('events.cancel')}</a>
          </p>
        ) : ev.status !== 'published' ? (
          <p>{t('events.registrationClosed')}</p>
        ) : !formShown && refusal ? (
          <>
            <ErrorSummary errors={errors} labels={overrideLabels} />
            <PhaseBlock refusal={refusal} errors={errors} />
          </>
        ) : !props.signedIn ? (
          <p>
            <a href={`/signin?next=${encodeURIComponent(`/events/${ev.slug}#registration`)}`}>{t('events.signInToRegister')}</a>
          </p>
        ) : (
          <>
            {ev.capacity !== null && e.registered >= ev.capacity && <p>{t('events.fullWaitlist')}</p>}
            <h3>{t('events.rules')}</h3>
            <p class="pre-line">{pick(lang, ev.rulesSv, ev.rulesEn) || t('events.defaultRules')}</p>
            <ErrorSummary errors={errors} labels={{ as: 'events.as', acceptRules: 'events.rules', ...overrideLabels }} />
            <form method="post" action={`/events/${ev.slug}/registration`} novalidate>
              <CsrfField />
              {refusal && <PhaseBlock refusal={refusal} values={values} errors={errors} />}
              {teams ? (
                <Select
                  name="as"
                  label="events.as"
                  required
                  values={values ?? { as: 'solo' }}
                  errors={errors}
                  options={[
                    { value: 'solo', label: t('events.asSolo') },
                    { value: 'team', label: t('events.asTeam') },
                  ]}
                />
              ) : (
                <input type="hidden" name="as" value="solo" />
              )}
              <ConsentBox name="acceptRules" values={values} errors={errors}>
                {t('events.acceptRules')}
              </ConsentBox>
              <DiversityQuestions values={values} errors={errors} />
              <SubmitButton label="events.register" />
            </form>
          </>
        )}
      </section>
    </>
  );
}

/** A cancelled event says so; those who run it still reach its management (where the organiser may reinstate it). */
function CancelledEvent({ event, canManage }: { event: EventDetail; canManage: boolean }) {
  const { t } = usePage();
  return (
    <>
      <h1>
        <Localised sv={event.event.titleSv} en={event.event.titleEn} />
      </h1>
      <NotificationBanner>{t('events.cancelledNotice')}</NotificationBanner>
      {canManage && (
        <p>
          <a href={`/events/${event.event.slug}/manage`}>{t('events.manage')}</a>
        </p>
      )}
    </>
  );
}
