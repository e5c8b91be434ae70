import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { Filter, Pagination, SearchForm } from '../../../web/components/listing.tsx';
import { formatDateTime } from '../../../web/i18n.ts';
import { pick } from '../../challenges/views/parts.tsx';
import { GALLERY_PAGE, type GalleryFilter, type GalleryItem, type PublicSolution } from '../queries.ts';
import { ProposalBody } from './content.tsx';
import { TakeForward } from '../../realisation/views/interest.tsx';

interface GalleryProps {
  /** The event's own gallery, or null for all of them. */
  event: { slug: string; titleSv: string; titleEn: string; published: boolean } | null;
  filter: GalleryFilter;
  items: GalleryItem[];
  total: number;
  challenges: { id: string; titleSv: string; titleEn: string }[];
  tracks: { id: string; nameSv: string; nameEn: string }[];
  dataset: { id: string; titleSv: string; titleEn: string } | null;
  /** The participants' choice, while open: whether the reader may vote, and what they voted for. */
  voting?: { open: boolean; signedIn: boolean; myVote: string | null };
}

export function GalleryPage(p: GalleryProps) {
  const { t, lang } = usePage();
  const action = p.event ? `/events/${p.event.slug}/solutions` : '/solutions';
  const link = (over: Partial<GalleryFilter>) => {
    const all = { ...p.filter, ...over };
    const q = new URLSearchParams();
    for (const k of ['q', 'challenge', 'track', 'dataset'] as const) if (all[k]) q.set(k, all[k]);
    if (all.awarded) q.set('award', 'yes');
    if (all.page > 1) q.set('page', String(all.page));
    const s = q.toString();
    return s ? `${action}?${s}` : action;
  };
  const pages = Math.max(1, Math.ceil(p.total / GALLERY_PAGE));
  return (
    <>
      <h1>{p.event ? t('gallery.eventTitle', { event: pick(lang, p.event.titleSv, p.event.titleEn) }) : t('gallery.title')}</h1>
      {p.event && (
        <p>
          <a href={`/events/${p.event.slug}`}>{t('gallery.backToEvent')}</a>
        </p>
      )}
      {p.event && !p.event.published ? (
        <p>{t('gallery.notYet')}</p>
      ) : (
        <>
          <SearchForm action={action} label={t('gallery.search')} q={p.filter.q}>
            <div class="filters">
              <Filter name="challenge" label={t('team.challenge')} value={p.filter.challenge} options={p.challenges.map((c) => ({ value: c.id, label: pick(lang, c.titleSv, c.titleEn) }))} />
              {p.tracks.length > 0 && <Filter name="track" label={t('team.track')} value={p.filter.track} options={p.tracks.map((tr) => ({ value: tr.id, label: pick(lang, tr.nameSv, tr.nameEn) }))} />}
              <Filter name="award" label={t('gallery.award')} value={p.filter.awarded ? 'yes' : ''} options={[{ value: 'yes', label: t('gallery.awardedOnly') }]} />
            </div>
            {p.dataset && <input type="hidden" name="dataset" value={p.dataset.id} />}
          </SearchForm>
          {p.dataset && (
            <p>
              {t('gallery.usingDataset', { title: pick(lang, p.dataset.titleSv, p.dataset.titleEn) })} <a href={link({ dataset: '', page: 1 })}>{t('challenges.showAll')}</a>
            </p>
          )}
          {p.voting?.open && <p class="notice">{t(p.voting.signedIn ? 'vote.open' : 'vote.signIn')}</p>}
          <h2>{t('gallery.count', { count: p.total })}</h2>
          <ul class="cards">
            {p.items.map((s) => (
              <li key={s.id}>
                <h3>
                  <a href={`/solutions/${s.id}`}>{s.title}</a>
                </h3>
                <p class="meta">
                  {s.teamName}
                  {!p.event && ` · ${pick(lang, s.eventSv, s.eventEn)}`}
                  {s.challengeSv && ` · ${pick(lang, s.challengeSv, s.challengeEn ?? '')}`}
                  {s.trackSv && ` · ${pick(lang, s.trackSv, s.trackEn ?? '')}`}
                </p>
                <p>{s.pitch}</p>
                {p.voting?.open && p.event && p.voting.signedIn && !p.voting.myVote && (
                  <form method="post" action={`/events/${p.event.slug}/votes`}>
                    <CsrfField />
                    <input type="hidden" name="submission" value={s.id} />
                    <button type="submit" class="button secondary">
                      {t('vote.for', { title: s.title })}
                    </button>
                  </form>
                )}
                {p.voting?.myVote === s.id && <p class="notice">{t('vote.yours')}</p>}
              </li>
            ))}
          </ul>
          {pages > 1 && <Pagination current={p.filter.page} pages={pages} href={(page) => link({ page })} />}
        </>
      )}
    </>
  );
}

export function SolutionPage({ solution: s }: { solution: PublicSolution }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/events/${s.event.slug}/solutions`}>{t('gallery.eventTitle', { event: pick(lang, s.event.titleSv, s.event.titleEn) })}</a>
      </p>
      <h1>{s.content.title}</h1>
      <dl class="facts">
        <dt>{t('gallery.team')}</dt>
        <dd>{s.teamName}</dd>
        {s.challengeSlug && (
          <>
            <dt>{t('team.challenge')}</dt>
            <dd>
              <a href={`/challenges/${s.challengeSlug}`}>{pick(lang, s.challengeSv!, s.challengeEn ?? '')}</a>
            </dd>
          </>
        )}
        {s.trackSv && (
          <>
            <dt>{t('team.track')}</dt>
            <dd>{pick(lang, s.trackSv, s.trackEn ?? '')}</dd>
          </>
        )}
        <dt>{t('gallery.submitted')}</dt>
        <dd>{formatDateTime(s.submission.submittedAt!, lang)}</dd>
      </dl>
      <ProposalBody content={s.content} datasets={s.datasets} />
      <TakeForward solutionId={s.submission.id} />
    </>
  );
}
