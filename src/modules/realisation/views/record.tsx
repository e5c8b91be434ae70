import type { ComponentChildren } from 'preact';
import type { RealisationStage } from '../../../db/schema/index.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { formatDate } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { realisationPolicy } from '../policy.ts';
import type { JuryResult, SolutionRecord, StageList } from '../public-queries.ts';
import type { NeedOwner, Standing, TimelineEntry } from '../queries.ts';
import { Localised } from '../../../web/components/localised.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

// Made once per language (see i18n.ts on the cost of formatters).
/** Only web addresses become links; anything else stored (it should not be) shows as text. */
const webAddress = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);

/** A solution's stage; a team's claim that no need owner has confirmed says so. */
export function StageBadge({ stage, confirmed }: { stage: string; confirmed: boolean }) {
  const { t } = usePage();
  return (
    <span class={`stage stage-${stage}`}>
      <strong>{t(`realisation.stage.${stage as RealisationStage}`)}</strong>
      {!confirmed && <span class="stage-claim"> ({t('solution.reportedByTeam')})</span>}
    </span>
  );
}

/** A solution's need owners, each with how it came to own the solution when not through its own challenge. */
export function NeedOwnerList({ owners }: { owners: Pick<NeedOwner, 'slug' | 'name' | 'via'>[] }) {
  const { t } = usePage();
  if (!owners.length) return <>{t('solution.noOwners')}</>;
  return (
    <ul class="plain-list">
      {owners.map((o) => (
        <li key={o.slug}>
          <a href={`/organisations/${o.slug}`}>{o.name}</a>
          {o.via !== 'challenge' && <span class="meta"> ({t(`solution.via.${o.via as 'adoption' | 'interest'}`)})</span>}
        </li>
      ))}
    </ul>
  );
}

/** Finalist and awards, as the published results say. */
export function JuryResultText({ jury }: { jury: JuryResult }) {
  const { t } = usePage();
  const parts = [
    ...(jury.finalist ? [t('solution.finalist')] : []),
    ...jury.awards.map((a) => (a.sponsor ? t('solution.awardBy', { award: a.name, sponsor: a.sponsor }) : a.name)),
  ];
  return <>{parts.join(' · ')}</>;
}

interface SectionProps {
  solutionId: string;
  teamName: string;
  record: SolutionRecord;
  standing: Standing;
  /** Room for the follow button (the notifications module's), given by the route. */
  follow?: ComponentChildren;
}

/** The realisation record on a solution's page: where it stands, who may add to it, and its whole dated history. */
export function RealisationSection({ solutionId, teamName, record, standing, follow }: SectionProps) {
  const { t, lang } = usePage();
  const mayUpdate = realisationPolicy.mayUpdate(standing);
  return (
    <section aria-labelledby="realisation-heading" class="realisation">
      <h2 id="realisation-heading">{t('solution.realisation')}</h2>
      <p>
        {t('solution.stageNow')} <StageBadge stage={record.stage} confirmed={record.confirmed} />
        {record.stageSince && record.stage !== 'idea' && ` ${t('solution.since', { date: formatDate(record.stageSince, lang, 'long') })}`}
      </p>
      {(follow || mayUpdate) && (
        <ButtonGroup>
          {follow}
          {mayUpdate && <Button href={`/solutions/${solutionId}/updates/new`}>{t('solution.addUpdate')}</Button>}
        </ButtonGroup>
      )}
      <h3>{t('solution.timeline')}</h3>
      {record.timeline.length === 0 ? (
        <p>{t('solution.noUpdates')}</p>
      ) : (
        <ol class="timeline">
          {record.timeline.map((entry) => (
            <TimelineItem
              key={entry.update.id}
              entry={entry}
              solutionId={solutionId}
              teamName={teamName}
              confirmAs={realisationPolicy.mayConfirm(standing) ? standing.ownerOrganisations : []}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function TimelineItem({ entry, solutionId, teamName, confirmAs }: { entry: TimelineEntry; solutionId: string; teamName: string; confirmAs: NeedOwner[] }) {
  const { t, lang } = usePage();
  const u = entry.update;
  const byOwner = u.organisationId !== null;
  // The page's language when written in it, else the other, marked as such for screen readers and translators.
  const own = lang === 'en' ? u.textEn : u.textSv;
  const text = own || (lang === 'en' ? u.textSv : u.textEn);
  const textLang = own ? undefined : lang === 'en' ? 'sv' : 'en';
  const stage = u.stage ? t(`realisation.stage.${u.stage}`) : '';
  const confirmedAt = byOwner ? u.createdAt : u.confirmedAt;
  const confirmedBy = byOwner ? entry.organisationName : entry.confirmedByName;
  const evidenceHref = webAddress(u.evidenceUrl);
  return (
    <li id={`update-${u.id}`} class="timeline-entry">
      <h4 class="timeline-head">
        <time dateTime={u.createdAt.toISOString()}>{formatDate(u.createdAt, lang, 'long')}</time>
        {' · '}
        {byOwner && entry.organisationSlug ? (
          <a href={`/organisations/${entry.organisationSlug}`}>{entry.organisationName}</a>
        ) : (
          t('solution.byTeam', { team: teamName })
        )}
      </h4>
      {u.stage && <p>{t('solution.stageSet', { stage })}</p>}
      {text && (
        <p class="pre-line" lang={textLang}>
          {text}
        </p>
      )}
      {(u.route || u.reference || u.reason || u.evidenceKind || u.links.length > 0) && (
        <dl class="summary-list">
          {u.route && (
            <>
              <dt>{t('solution.route')}</dt>
              <dd>{t(`realisation.route.${u.route}`)}</dd>
            </>
          )}
          {u.reference && (
            <>
              <dt>{t('solution.reference')}</dt>
              <dd>{u.reference}</dd>
            </>
          )}
          {u.reason && (
            <>
              <dt>{t('solution.reason')}</dt>
              <dd class="pre-line">{u.reason}</dd>
            </>
          )}
          {u.evidenceKind && (
            <>
              <dt>{t('solution.evidence')}</dt>
              <dd>
                {evidenceHref ? (
                  <a href={evidenceHref} rel="nofollow noopener" class="print-url">
                    {t(`realisation.evidence.${u.evidenceKind}`)}
                  </a>
                ) : (
                  t(`realisation.evidence.${u.evidenceKind}`)
                )}
              </dd>
            </>
          )}
          {u.links.length > 0 && (
            <>
              <dt>{t('solution.links')}</dt>
              <dd>
                <ul class="plain-list">
                  {u.links.map((l) => (
                    <li key={l}>
                      {webAddress(l) ? (
                        <a href={l} rel="nofollow noopener">
                          {l}
                        </a>
                      ) : (
                        l
                      )}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
      {u.stage &&
        (confirmedAt ? (
          <p class="meta">
            {t('solution.confirmedBy', { organisation: confirmedBy ?? t('solution.aNeedOwner'), date: formatDate(confirmedAt, lang, 'long') })}
          </p>
        ) : (
          <div class="meta">
            {t('solution.reportedByTeamLong')}{' '}
            {confirmAs.map((o) => (
              <form key={o.id} method="post" action={`/solutions/${solutionId}/updates/${u.id}/confirm`} class="inline-form">
                <CsrfField />
                <input type="hidden" name="organisation" value={o.id} />
                <Button variant="secondary">
                  {confirmAs.length > 1 ? t('solution.confirmAs', { stage, organisation: o.name }) : t('solution.confirm', { stage })}
                </Button>{' '}
              </form>
            ))}
          </div>
        ))}
    </li>
  );
}

/** A short list on a challenge's or an organisation's page: each solution and where it stands. */
export function SolutionStages({ list, moreHref }: { list: StageList; moreHref?: string }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="solution-stages-heading">
      <h2 id="solution-stages-heading">{t('solution.stagesHeading')}</h2>
      {list.total === 0 ? (
        <p>{t('solution.noSolutions')}</p>
      ) : (
        <ul>
          {list.rows.map((r) => (
            <li key={r.id}>
              <a href={`/solutions/${r.id}`}>{r.title}</a> – <StageBadge stage={r.stage} confirmed={r.confirmed} />{' '}
              <span class="meta">
                (<Localised sv={r.eventSv} en={r.eventEn} />)
              </span>
            </li>
          ))}
        </ul>
      )}
      {list.total > list.rows.length && (
        <p>
          {moreHref ? (
            <a href={moreHref}>{t('solution.showAll', { count: list.total })}</a>
          ) : (
            t('solution.showing', { shown: list.rows.length, count: list.total })
          )}
        </p>
      )}
    </section>
  );
}
