import type { ProposalContent } from '../../../db/schema/index.ts';
import { usePage } from '../../../web/page-context.ts';
import type { Lang } from '../../../web/i18n.ts';

const sections = ['problem', 'solution', 'actionPlan', 'technical'] as const;

type DatasetTitles = { id: string; titleSv: string; titleEn: string; registered?: boolean };

/**
 * A dataset's title in the reader's language when it has one, else in the other, with its language when known: an
 * English title is English; the Swedish field of a dataset registered here is Swedish, but a harvest also puts
 * untagged (and other-language) titles there, so a harvested one is left unmarked.
 */
export function datasetTitle(lang: Lang, d: DatasetTitles): { text: string; lang?: string } {
  const sv = d.titleSv.trim();
  const en = d.titleEn.trim();
  if (en && (lang === 'en' || !sv)) return { text: en, lang: 'en' };
  return { text: sv, lang: sv && d.registered ? 'sv' : undefined };
}
const links = ['videoUrl', 'sourceUrl', 'demoUrl'] as const;

/** A proposal's text as read (the public page, a saved version, the mentor's view); never the contact address. */
export function ProposalBody({ content, datasets }: { content: ProposalContent; datasets: DatasetTitles[] }) {
  const { t, lang } = usePage();
  return (
    <>
      {content.pitch && <p class="lead">{content.pitch}</p>}
      {sections.map((s) =>
        content[s] ? (
          <section key={s}>
            <h2>{t(`proposal.${s}`)}</h2>
            <p class="pre-line">{content[s]}</p>
          </section>
        ) : null,
      )}
      {/* The video and the repository as plain links, never embedded: a YouTube or GitHub embed would let a third
          party track everyone who opens the page, before they chose to go there. */}
      <h2>{t('proposal.links')}</h2>
      <ul>
        {links.map((l) =>
          content[l] ? (
            <li key={l}>
              {t(`proposal.${l}`)}:{' '}
              <a href={content[l]} rel="nofollow noopener">
                {content[l]}
              </a>
            </li>
          ) : null,
        )}
      </ul>
      <h2>{t('proposal.datasets')}</h2>
      {datasets.length === 0 && !content.otherSources ? (
        <p>{t('proposal.noDatasets')}</p>
      ) : (
        <ul>
          {datasets.map((d) => {
            const title = datasetTitle(lang, d);
            return (
              <li key={d.id}>
                <a href={`/datasets/${d.id}`} lang={title.lang}>
                  {title.text || t('datasets.untitled')}
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {content.otherSources && <p class="pre-line">{content.otherSources}</p>}
      {content.licence && (
        <p>
          {t('proposal.licence')}: {content.licence === 'other' ? t('proposal.licenceOther') : content.licence}
        </p>
      )}
    </>
  );
}
