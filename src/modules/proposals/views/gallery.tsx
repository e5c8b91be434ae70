import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { Filter, Pagination, SearchForm } from '../../../web/components/listing.tsx';
import { formatDateTime } from '../../../web/i18n.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { realisationStages } from '../../../db/schema/index.ts';
import { themes } from '../../challenges/themes.ts';
import { filterParams } from '../../realisation/filters.ts';
import type { SolutionRecord } from '../../realisation/public-queries.ts';
import type { Standing } from '../../realisation/queries.ts';
import { JuryResultText, NeedOwnerList, RealisationSection, StageBadge } from '../../realisation/views/record.tsx';
import { CHALLENGE_OPTIONS, GALLERY_PAGE, type GalleryFilter, type GalleryItem, type PublicSolution } from '../queries.ts';
import { ProposalBody } from './content.tsx';
import { TakeForward } from '../../realisation/views/interest.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { SolutionImage } from './solution-image.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button } from '../../../web/components/button.tsx';

interface GalleryProps {
  /** The event's own gallery, or null for all of them. */
  event: { slug: string; titleSv: string; titleEn: string; published: boolean } | null;
  filter: GalleryFilter;
  items: GalleryItem[];
  total: number;
  challenges: { id: string; titleSv: string; titleEn: string }[];
  tracks: { id: string; nameSv: string; nameEn: string }[];
  /** Events with solutions (and so their years), for the overall gallery's filters. */
  events: { slug: string; titleSv: string; titleEn: string; year: number }[];
  dataset: { id: string; titleSv: string; titleEn: string } | null;
  /** The participants' choice, while open: whether the reader may vote, and what they voted for. */
  voting?: { open: boolean; signedIn: boolean; myVote: string | null };
}

export function GalleryPage(p: GalleryProps) {
  const { t, lang } = usePage();
  const action = p.event ? `/events/${p.event.slug}/solutions` : '/solutions';
  const link = (over: Partial<GalleryFilter>) => {
    const { page, ...rest } = { ...p.filter, ...over };
    const q = filterParams(rest);
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return s ? `${action}?${s}` : action;
  };
  const pages = Math.max(1, Math.ceil(p.total / GALLERY_PAGE));
  // Too many to list: only the chosen one (a challenge page links here with it), and how to narrow the list.
  const manyChallenges = p.challenges.length > CHALLENGE_OPTIONS;
  const challengeOptions = manyChallenges ? p.challenges.filter((c) => c.id === p.filter.challenge) : p.challenges;
  const years = [...new Set(p.events.map((e) => e.year))];
  return (
    <>
      <h1>{p.event ? t('gallery.eventTitle', { event: pick(lang, p.event.titleSv, p.event.titleEn) }) : t('gallery.title')}</h1>
      {p.event ? (
        <p>
          <a href={`/events/${p.event.slug}`}>{t('gallery.backToEvent')}</a>
        </p>
      ) : (
        <p>
          {t('solution.galleryIntro')} <a href="/realised">{t('realised.title')}</a>
        </p>
      )}
      {p.event && !p.event.published ? (
        <p>{t('gallery.notYet')}</p>
      ) : (
        <>
          <SearchForm action={action} label={t('gallery.search')} q={p.filter.q}>
            <div class="filters">
              <Filter
                name="challenge"
                label={t('team.challenge')}
                value={p.filter.challenge}
                options={challengeOptions.map((c) => ({ value: c.id, label: pick(lang, c.titleSv, c.titleEn) }))}
                hint={manyChallenges ? t('gallery.manyChallenges') : undefined}
              />
              {p.tracks.length > 0 && (
                <Filter
                  name="track"
                  label={t('team.track')}
                  value={p.filter.track}
                  options={p.tracks.map((tr) => ({ value: tr.id, label: pick(lang, tr.nameSv, tr.nameEn) }))}
                />
              )}
              <Filter
                name="theme"
                label={t('challenges.theme')}
                value={p.filter.theme}
                options={themes.map((th) => ({ value: th.code, label: th.label[lang] }))}
              />
              <Filter
                name="stage"
                label={t('solution.stage')}
                value={p.filter.stage}
                options={realisationStages.map((s) => ({ value: s, label: t(`realisation.stage.${s}`) }))}
              />
              <Filter
                name="award"
                label={t('gallery.award')}
                value={p.filter.award}
                options={[
                  { value: 'yes', label: t('gallery.awardedOnly') },
                  { value: 'finalist', label: t('solution.finalistsOnly') },
                ]}
              />
              {!p.event && (
                <Filter
                  name="event"
                  label={t('solution.event')}
                  value={p.filter.event}
                  options={p.events.map((e) => ({ value: e.slug, label: pick(lang, e.titleSv, e.titleEn) }))}
                />
              )}
              {!p.event && (
                <Filter
                  name="year"
                  label={t('solution.year')}
                  value={p.filter.year ? String(p.filter.year) : ''}
                  options={years.map((y) => ({ value: String(y), label: String(y) }))}
                />
              )}
            </div>
            {p.dataset && <input type="hidden" name="dataset" value={p.dataset.id} />}
          </SearchForm>
          {p.dataset && (
            <p>
              {t('gallery.usingDataset', { title: pick(lang, p.dataset.titleSv, p.dataset.titleEn) })}{' '}
              <a href={link({ dataset: '', page: 1 })}>{t('challenges.showAll')}</a>
            </p>
          )}
          {p.voting?.open && <NotificationBanner>{t(p.voting.signedIn ? 'vote.open' : 'vote.signIn')}</NotificationBanner>}
          <h2>{t('gallery.count', { count: p.total })}</h2>
          <ul class="cards">
            {p.items.map((s) => (
              <li key={s.id}>
                {s.image && <SolutionImage id={s.id} image={s.image} size="card" />}
                <h3>
                  <a href={`/solutions/${s.id}`}>{s.title}</a>
                </h3>
                <p class="meta">
                  {s.teamName}
                  {!p.event && ` · ${pick(lang, s.eventSv, s.eventEn)}`}
                  {s.challengeSv && ` · ${pick(lang, s.challengeSv, s.challengeEn ?? '')}`}
                  {s.trackSv && ` · ${pick(lang, s.trackSv, s.trackEn ?? '')}`}
                </p>
                <p>
                  {t('solution.stage')}: <StageBadge stage={s.stage} confirmed={s.confirmed} />
                </p>
                <p>{s.pitch}</p>
                {p.voting?.open && p.event && p.voting.signedIn && !p.voting.myVote && (
                  <form method="post" action={`/events/${p.event.slug}/votes`}>
                    <CsrfField />
                    <input type="hidden" name="submission" value={s.id} />
                    <Button variant="secondary">{t('vote.for', { title: s.title })}</Button>
                  </form>
                )}
                {p.voting?.myVote === s.id && <NotificationBanner type="success">{t('vote.yours')}</NotificationBanner>}
              </li>
            ))}
          </ul>
          {pages > 1 && <Pagination current={p.filter.page} pages={pages} href={(page) => link({ page })} />}
        </>
      )}
    </>
  );
}

interface SolutionPageProps {
  solution: PublicSolution;
  record: SolutionRecord;
  standing: Standing;
  /** Room for the follow button (the notifications module's). */
  follow?: ComponentChildren;
  /** Whether the reader may put up, replace or remove the image (its team, the organiser). */
  mayEditImage?: boolean;
}

/** A finished solution: who made it for which challenge and need owners, the jury's verdict, its realisation, the proposal. */
export function SolutionPage({ solution: s, record, standing, follow, mayEditImage }: SolutionPageProps) {
  const { t, lang } = usePage();
  const event = pick(lang, s.event.titleSv, s.event.titleEn);
  const juryResult = record.jury.finalist || record.jury.awards.length > 0;
  return (
    <article class="solution">
      <p>
        {s.event.galleryPublished ? (
          <a href={`/events/${s.event.slug}/solutions`}>{t('gallery.eventTitle', { event })}</a>
        ) : (
          <a href="/solutions">{t('gallery.title')}</a>
        )}
      </p>
      <h1>{s.content.title}</h1>
      {s.image && <SolutionImage id={s.submission.id} image={s.image} size="full" />}
      {mayEditImage && (
        <p>
          <a href={`/solutions/${s.submission.id}/image`}>{t(s.image ? 'solutionImage.change' : 'solutionImage.add')}</a>
        </p>
      )}
      {record.jury.awards.length > 0 && (
        <p class="notice solution-award">
          <strong>{t('solution.awarded', { count: record.jury.awards.length })}</strong>{' '}
          <JuryResultText jury={{ finalist: false, awards: record.jury.awards }} />
        </p>
      )}
      <dl class="summary-list">
        <dt>{t('gallery.team')}</dt>
        <dd>{s.teamName}</dd>
        <dt>{t('solution.event')}</dt>
        <dd>
          <a href={`/events/${s.event.slug}`}>{event}</a>
        </dd>
        {s.challengeSlug && (
          <>
            <dt>{t('team.challenge')}</dt>
            <dd>
              <a href={`/challenges/${s.challengeSlug}`}>
                <Localised sv={s.challengeSv!} en={s.challengeEn ?? ''} />
              </a>
            </dd>
          </>
        )}
        <dt>{t('solution.needOwners')}</dt>
        <dd>
          <NeedOwnerList owners={record.owners} />
        </dd>
        {s.trackSv && (
          <>
            <dt>{t('team.track')}</dt>
            <dd>
              <Localised sv={s.trackSv} en={s.trackEn ?? ''} />
            </dd>
          </>
        )}
        <dt>{t('gallery.submitted')}</dt>
        <dd>{formatDateTime(s.submission.submittedAt!, lang)}</dd>
        <dt>{t('solution.stage')}</dt>
        <dd>
          <StageBadge stage={record.stage} confirmed={record.confirmed} />
        </dd>
        {juryResult && (
          <>
            <dt>{t('solution.juryResult')}</dt>
            <dd>
              <JuryResultText jury={record.jury} />
            </dd>
          </>
        )}
      </dl>
      <ProposalBody content={s.content} datasets={s.datasets} />
      <TakeForward solutionId={s.submission.id} />
      <RealisationSection solutionId={s.submission.id} teamName={s.teamName} record={record} standing={standing} follow={follow} />
    </article>
  );
}
