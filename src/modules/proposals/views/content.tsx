import type { ProposalContent } from '../../../db/schema/index.ts';
import { usePage } from '../../../web/page-context.ts';
import { pick } from '../../challenges/views/parts.tsx';

const sections = ['problem', 'solution', 'actionPlan', 'technical'] as const;
const links = ['videoUrl', 'sourceUrl', 'demoUrl'] as const;

/** A proposal's text as read (the public page, a saved version, the mentor's view); never the contact address. */
export function ProposalBody({ content, datasets }: { content: ProposalContent; datasets: { id: string; titleSv: string; titleEn: string }[] }) {
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
      <h2>{t('proposal.links')}</h2>
      <ul>
        {links.map((l) =>
          content[l] ? (
            <li key={l}>
              {t(`proposal.${l}`)}: <a href={content[l]} rel="nofollow noopener">{content[l]}</a>
            </li>
          ) : null,
        )}
      </ul>
      <h2>{t('proposal.datasets')}</h2>
      {datasets.length === 0 && !content.otherSources ? (
        <p>{t('proposal.noDatasets')}</p>
      ) : (
        <ul>
          {datasets.map((d) => (
            <li key={d.id}>
              <a href={`/datasets/${d.id}`}>{pick(lang, d.titleSv, d.titleEn)}</a>
            </li>
          ))}
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
