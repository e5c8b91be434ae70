import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { formatDateTime, type MessageKey } from '../../../web/i18n.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { NoticeList } from '../../notifications/views/notices.tsx';
import type { MyPage, Waiting } from '../queries.ts';
import { Localised } from '../../../web/components/localised.tsx';

function Section({ id, title, empty, children }: { id: string; title: MessageKey; empty: boolean; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {empty ? <p>{t('me.nothing')}</p> : children}
    </section>
  );
}

export function MePage({ data }: { data: MyPage }) {
  const { t, user } = usePage();
  return (
    <>
      <h1>{t('me.title')}</h1>
      <p>{t('me.intro', { name: user?.name ?? '' })}</p>
      <ul class="actions">
        <li>
          <a href="/account">{t('me.account')}</a>
        </li>
        <li>
          <a href="/notices">{t('me.allNotices')}</a>
        </li>
        <li>
          <a href="/notices#mail">{t('me.mailSettings')}</a>
        </li>
        {user?.memberships.length ? (
          <li>
            <a href="/me/tokens">{t('me.tokens')}</a>
          </li>
        ) : null}
      </ul>
      <MyEvents events={data.events} />
      <Section id="me-jury" title="me.jury" empty={!data.seats.length}>
        <ul class="plain-list">
          {data.seats.map((s) => (
            <JurySeat key={s.id} seat={s} />
          ))}
        </ul>
        <p>
          <a href="/jury">{t('me.juryWork')}</a>
        </p>
      </Section>
      <MySessions sessions={data.sessions} />
      <Section id="me-checkins" title="me.checkIns" empty={!data.due.length}>
        <ul class="plain-list">
          {data.due.map((c) => (
            <li key={c.id} class="card">
              <a href={`/solutions/${c.submission_id}/updates/new`}>{t('me.checkIn', { solution: c.title, months: c.months })}</a>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="me-waiting" title="me.waiting" empty={!data.waiting.length}>
        <ul class="plain-list">
          {data.waiting.map((w, i) => (
            <li key={i} class="card">
              <WaitingItem w={w} />
            </li>
          ))}
        </ul>
      </Section>
      <Section id="me-following" title="me.following" empty={!data.following.length}>
        <ul class="plain-list">
          {data.following.map((f) => (
            <li key={`${f.type}-${f.id}`}>
              {t(`me.followed.${f.type}`)}:{' '}
              <a href={f.href}>
                <Localised sv={f.titleSv} en={f.titleEn} />
              </a>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="me-notices" title="me.notices" empty={!data.notices.length}>
        <NoticeList notices={data.notices} />
        <p>
          <a href="/notices">{t('me.allNotices')}</a>
        </p>
      </Section>
    </>
  );
}

function MyEvents({ events }: { events: MyPage['events'] }) {
  const { t } = usePage();
  return (
    <Section id="me-events" title="me.events" empty={!events.length}>
      <ul class="plain-list">
        {events.map((e) => {
          const team = e.team;
          const teamPath = team && `/events/${e.slug}/teams/${team.id}`;
          return (
            <li key={e.id} class="card">
              <h3 class="card-title">
                <a href={`/events/${e.slug}`}>
                  <Localised sv={e.titleSv} en={e.titleEn} />
                </a>
              </h3>
              <p class="meta">
                {t(`me.tense.${e.tense}`)} · {t(`me.place.${e.status}`)}
              </p>
              {team && teamPath ? (
                <p>
                  {t('me.team')}: <a href={teamPath}>{team.name}</a>
                  {' · '}
                  {t('me.proposal')}: <a href={`${teamPath}/proposal`}>{team.proposal ? t(`me.proposal.${team.proposal}`) : t('me.proposal.none')}</a>
                  {team.isSolution && team.submissionId && (
                    <>
                      {' · '}
                      <a href={`/solutions/${team.submissionId}`}>{team.title}</a> ({t(`realisation.stage.${team.stage as 'idea'}`)})
                    </>
                  )}
                </p>
              ) : (
                e.tense !== 'past' && (
                  <p>
                    <a href={`/events/${e.slug}/teams`}>{t('me.findTeam')}</a>
                  </p>
                )
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function JurySeat({ seat }: { seat: MyPage['seats'][number] }) {
  const { t } = usePage();
  return (
    <li class="card">
      <strong>{seat.jury}</strong> –{' '}
      <a href={`/events/${seat.slug}`}>
        <Localised sv={seat.titleSv} en={seat.titleEn} />
      </a>
      <p class="meta">{t('me.juryCounts', { assigned: seat.assigned, waiting: seat.waiting })}</p>
    </li>
  );
}

function MySessions({ sessions }: { sessions: MyPage['sessions'] }) {
  const { t, lang } = usePage();
  return (
    <Section id="me-mentoring" title="me.mentoring" empty={!sessions.length}>
      <ul class="plain-list">
        {sessions.map((s) => (
          <li key={s.id} class="card">
            <time dateTime={s.startsAt.toISOString()}>{formatDateTime(s.startsAt, lang)}</time>{' '}
            {s.asMentor ? (
              <a href={`/events/${s.slug}/mentoring`}>{t('me.mentoringAsMentor', { team: s.teamName })}</a>
            ) : (
              <a href={`/events/${s.slug}/mentors`}>{t('me.mentoringAsTeam', { mentor: s.mentorName ?? '' })}</a>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function WaitingItem({ w }: { w: Waiting }) {
  const { t, lang } = usePage();
  const event = pick(lang, w.event_sv ?? '', w.event_en ?? '');
  switch (w.kind) {
    case 'jury':
      return <a href={`/jury/invitations/${w.ref}`}>{t('me.waiting.jury', { jury: w.name, event })}</a>;
    case 'organisation':
      return (
        <>
          {t('me.waiting.organisation', { organisation: w.name })} <span class="hint">{t('me.waiting.organisationHint')}</span>
        </>
      );
    case 'requestSent':
      return <a href={`/events/${w.slug}/teams/${w.ref}`}>{t('me.waiting.requestSent', { team: w.name, event })}</a>;
    case 'requestReceived':
      return <a href={`/events/${w.slug}/teams/${w.ref}`}>{t('me.waiting.requestReceived', { person: w.name, team: w.detail ?? '' })}</a>;
    case 'interest':
      return <a href={`/solutions/${w.ref}`}>{t('me.waiting.interest', { organisation: w.name, solution: w.detail ?? '' })}</a>;
  }
}
