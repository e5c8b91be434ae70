import { Localised } from '../../../web/components/localised.tsx';
import { Kept } from '../../../web/components/kept.tsx';
import { CONTENT } from '../../../web/changes.ts';
import { formatDate } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import type { NextSteps as MyNextSteps } from '../../me/queries.ts';
import { StageBadge } from '../../realisation/views/record.tsx';
import type { HomeData } from '../home-queries.ts';
import { Button } from '../../../web/components/button.tsx';

/**
 * The start page leads each visitor on: someone signed in to their next steps first; everyone to what is open now
 * (challenges, events), what came of it (solutions on their way, data in use) and the ways in.
 */
export function HomePage({ data, mine }: { data: HomeData; mine: MyNextSteps | null }) {
  const { t, user, lang } = usePage();
  return (
    <>
      <div class="hero">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        {!user && (
          <p>
            <Button href="/signup">{t('home.cta')}</Button>
          </p>
        )}
      </div>
      {mine && <NextSteps mine={mine} />}
      <Kept part="home:grid" reads={CONTENT}>
        <div class="home-grid">
          <section aria-labelledby="home-challenges">
            <h2 id="home-challenges">{t('home.openChallenges')}</h2>
            <ul class="plain-list">
              {data.challenges.map(({ challenge: c, organisation }) => (
                <li key={c.slug}>
                  <a href={`/challenges/${c.slug}`}>
                    <Localised sv={c.titleSv} en={c.titleEn} />
                  </a>{' '}
                  <span class="meta">({organisation.name})</span>
                </li>
              ))}
            </ul>
            <p>
              <a href="/challenges">{t('home.allChallenges')}</a>
            </p>
          </section>
          <section aria-labelledby="home-events">
            <h2 id="home-events">{t('home.nextEvents')}</h2>
            {data.events.length === 0 ? (
              <p>{t('home.noEvents')}</p>
            ) : (
              <ul class="plain-list">
                {data.events.map(({ event: e, span }) => (
                  <li key={e.slug}>
                    <a href={`/events/${e.slug}`}>
                      <Localised sv={e.titleSv} en={e.titleEn} />
                    </a>
                    {span && <span class="meta"> ({formatDate(span.startsAt, lang)})</span>}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a href="/events">{t('home.allEvents')}</a>
            </p>
          </section>
          <section aria-labelledby="home-realised">
            <h2 id="home-realised">{t('home.realised')}</h2>
            <ul class="plain-list">
              {data.realised.map((s) => (
                <li key={s.id}>
                  <a href={`/solutions/${s.id}`}>{s.title}</a> <StageBadge stage={s.stage} confirmed={s.confirmed} />
                </li>
              ))}
            </ul>
            <p>
              <a href="/realised">{t('home.allRealised')}</a>
            </p>
          </section>
          <section aria-labelledby="home-data">
            <h2 id="home-data">{t('home.dataInUse')}</h2>
            <ul class="plain-list">
              {data.dataInUse.map((d) => (
                <li key={d.id}>
                  <a href={`/datasets/${d.id}`}>
                    <Localised sv={d.titleSv} en={d.titleEn} />
                  </a>{' '}
                  <span class="meta">{t('home.usedBy', { count: d.solutions })}</span>
                </li>
              ))}
            </ul>
            <p>
              <a href="/datasets">{t('home.allData')}</a>
            </p>
          </section>
        </div>
      </Kept>
      <h2>{t('home.waysIn')}</h2>
      <ul class="home-ways">
        <li>
          <h3>
            <a href={user ? '/events' : '/signup'}>{t('home.way.takePart')}</a>
          </h3>
          <p>{t('home.step2.text')}</p>
        </li>
        <li>
          <h3>
            <a href={user ? '/organisations/apply' : '/signin?next=%2Forganisations%2Fapply'}>{t('home.way.postChallenge')}</a>
          </h3>
          <p>{t('home.step1.text')}</p>
        </li>
        <li>
          <h3>
            <a href={user ? '/datasets/new' : '/signin?next=%2Fdatasets%2Fnew'}>{t('home.way.publishData')}</a>
          </h3>
          <p>{t('home.openDataText')}</p>
        </li>
      </ul>
    </>
  );
}

/** A signed-in person's next steps, from My page: their events and teams, jury work, check-ins, invitations. */
function NextSteps({ mine }: { mine: MyNextSteps }) {
  const { t } = usePage();
  const current = mine.events.filter((e) => e.tense !== 'past').slice(0, 3);
  const juryWaiting = mine.seats.reduce((n, s) => n + s.waiting, 0);
  const empty = !current.length && !juryWaiting && !mine.due.length && !mine.waiting.length;
  return (
    <section class="next-steps" aria-labelledby="home-next">
      <h2 id="home-next">{t('home.next.title')}</h2>
      {empty ? (
        <p>{t('home.next.none')}</p>
      ) : (
        <ul>
          {current.map((e) => (
            <li key={e.slug}>
              <a href={`/events/${e.slug}`}>
                <Localised sv={e.titleSv} en={e.titleEn} />
              </a>
              {e.team && (
                <>
                  {' – '}
                  <a href={`/events/${e.slug}/teams/${e.team.id}`}>{t('home.next.team', { team: e.team.name })}</a>
                </>
              )}
            </li>
          ))}
          {juryWaiting > 0 && (
            <li>
              <a href="/me#me-jury">{t('home.next.jury', { count: juryWaiting })}</a>
            </li>
          )}
          {mine.due.length > 0 && (
            <li>
              <a href="/me#me-checkins">{t('home.next.checkIns', { count: mine.due.length })}</a>
            </li>
          )}
          {mine.waiting.length > 0 && (
            <li>
              <a href="/me#me-waiting">{t('home.next.invitations', { count: mine.waiting.length })}</a>
            </li>
          )}
        </ul>
      )}
      <p>
        <a href="/me">{t('home.next.all')}</a>
      </p>
    </section>
  );
}
