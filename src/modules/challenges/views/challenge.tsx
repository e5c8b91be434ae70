import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import type { ChallengeStatus } from '../../../db/schema/index.ts';
import type { ChallengeWithOrganisation } from '../queries.ts';
import { StatusBadge, ThemeList } from './parts.tsx';
import { FollowButton } from '../../notifications/views/follow-button.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { Kept } from '../../../web/components/kept.tsx';
import { CONTENT } from '../../../web/changes.ts';

export function ChallengePage({
  row,
  canEdit,
  transitions,
  canSeeHistory,
  data,
  following = null,
  owners,
}: {
  row: ChallengeWithOrganisation;
  canEdit: boolean;
  transitions: ChallengeStatus[];
  canSeeHistory: boolean;
  data: ComponentChildren;
  following?: boolean | null;
  owners?: ComponentChildren;
}) {
  const { t } = usePage();
  const c = row.challenge;
  const section = (title: string, sv: string, en: string) =>
    sv.trim() ? (
      <section>
        <h2>{title}</h2>
        <p class="pre">
          <Localised sv={sv} en={en} />
        </p>
      </section>
    ) : null;
  return (
    <article>
      <Kept part={`challenge:${c.id}:heading`} reads={CONTENT}>
        <p class="meta">
          <a href={`/organisations/${row.organisation.slug}`}>{row.organisation.name}</a> · <StatusBadge status={c.status} />
        </p>
        <h1>
          <Localised sv={c.titleSv} en={c.titleEn} />
        </h1>
        <p class="lead">
          <Localised sv={c.summarySv} en={c.summaryEn} />
        </p>
      </Kept>
      {c.status !== 'draft' && <FollowButton type="challenge" id={c.id} following={following} />}
      <Kept part={`challenge:${c.id}:facts`} reads={CONTENT}>
        <dl class="summary-list">
          <dt>{t('challenge.form')}</dt>
          <dd>{c.yearRound ? t('challenge.yearRound') : t('challenge.event')}</dd>
          {c.startsOn && (
            <>
              <dt>{t('challenge.startsOnLabel')}</dt>
              <dd>{c.startsOn}</dd>
            </>
          )}
          {c.endsOn && (
            <>
              <dt>{t('challenge.endsOnLabel')}</dt>
              <dd>{c.endsOn}</dd>
            </>
          )}
          <dt>{t('challenge.contact')}</dt>
          <dd>
            {c.contactName} (<a href={`mailto:${c.contactEmail}`}>{c.contactEmail}</a>)
          </dd>
        </dl>
      </Kept>
      {owners}
      <Kept part={`challenge:${c.id}:about`} reads={CONTENT}>
        <h2>{t('challenge.themes')}</h2>
        <ThemeList codes={c.themes} filter="/challenges" />
        {section(t('challenge.problem'), c.problemSv, c.problemEn)}
        {section(t('challenge.outcome'), c.outcomeSv, c.outcomeEn)}
        {section(t('challenge.targetGroup'), c.targetGroupSv, c.targetGroupEn)}
        {c.requirements.length > 0 && (
          <section>
            <h2>{t('challenge.requirements')}</h2>
            <ul>
              {c.requirements.map((r) => (
                <li key={r}>{t(`challenge.requirement.${r as 'gdpr'}`)}</li>
              ))}
            </ul>
          </section>
        )}
        {section(t('challenge.prize'), c.prizeSv, c.prizeEn)}
        {section(t('challenge.eligibility'), c.eligibilitySv, c.eligibilityEn)}
        {c.keywords.length > 0 && (
          <p>
            {t('challenge.keywords')}: {c.keywords.join(', ')}
          </p>
        )}
      </Kept>
      {data}
      {(canEdit || transitions.length > 0 || canSeeHistory) && (
        <section aria-labelledby="manage-heading" class="manage">
          <h2 id="manage-heading">{t('challenge.manage')}</h2>
          {canEdit && (
            <p>
              <a href={`/challenges/${c.slug}/edit`}>{t('challenge.edit')}</a>
            </p>
          )}
          {transitions.map((to) => (
            <form key={to} method="post" action={`/challenges/${c.slug}/status`} class="inline-form">
              <CsrfField />
              <input type="hidden" name="status" value={to} />
              <button type="submit" class={to === 'archived' ? 'button button-warning' : 'button button-secondary'}>
                {t(`challenge.transition.${to}`)}
              </button>{' '}
            </form>
          ))}
          {canSeeHistory && (
            <p>
              <a href={`/challenges/${c.slug}/history`}>{t('org.history')}</a>
            </p>
          )}
        </section>
      )}
    </article>
  );
}
