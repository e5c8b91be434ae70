import { usePage } from '../../../web/page-context.ts';
import { Filter, Pagination } from '../../../web/components/listing.tsx';
import { Kept } from '../../../web/components/kept.tsx';
import { CONTENT_AND_ACTIVITY } from '../../../web/changes.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { EventDetail } from '../../events/queries.ts';
import { BOARD_PAGE, type BoardFilter, type seekersLooking, type teamsLooking } from '../board.ts';
import type { seekersFor, teamsFor } from '../matching.ts';
import { teamRoles, workingLanguages } from '../schema.ts';
import { languageName, Reasons, RoleList, teamPath } from './parts.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { Tabs } from '../../../web/components/tabs.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

export type BoardTab = 'teams' | 'people';
export interface Suggestions {
  teams: ReturnType<typeof teamsFor>;
  people: ReturnType<typeof seekersFor>;
}

interface BoardProps {
  event: EventDetail;
  tab: BoardTab;
  filter: BoardFilter;
  teams?: ReturnType<typeof teamsLooking>;
  people?: ReturnType<typeof seekersLooking>;
  myTeam: { id: string; name: string } | null;
  listed: boolean;
  holdsPlace: boolean;
  suggestions: Suggestions;
}

/** The team-finding board: suggestions first (with why), then teams looking for people or people looking for a team. */
export function BoardPage(props: BoardProps) {
  const { t, lang } = usePage();
  const { event, tab, filter, myTeam, suggestions } = props;
  const base = `/events/${event.event.slug}/teams`;
  const link = (over: Partial<BoardFilter & { tab: BoardTab }>) => {
    const q = new URLSearchParams();
    const all = { tab, ...filter, ...over };
    if (all.tab !== 'teams') q.set('tab', all.tab);
    for (const k of ['role', 'challenge', 'language'] as const) if (all[k]) q.set(k, all[k]!);
    if (all.page > 1) q.set('page', String(all.page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const list = tab === 'teams' ? props.teams! : props.people!;
  const pages = Math.max(1, Math.ceil(list.total / BOARD_PAGE));
  return (
    <>
      <h1>{t('board.title')}</h1>
      <p>
        <a href={`/events/${event.event.slug}`}>
          <Localised sv={event.event.titleSv} en={event.event.titleEn} />
        </a>
      </p>
      <p>{t('board.intro')}</p>
      {myTeam ? (
        <p>
          {t('board.yourTeam')} <a href={teamPath(event.event.slug, myTeam.id)}>{myTeam.name}</a>
        </p>
      ) : props.holdsPlace ? (
        <ButtonGroup>
          <Button href={`${base}/new`}>{t('team.new')}</Button>
          <Button href={`${base}/looking`} variant="secondary">
            {props.listed ? t('board.editLooking') : t('board.lookingTitle')}
          </Button>
        </ButtonGroup>
      ) : (
        <p>{t('board.needPlace')}</p>
      )}

      {(suggestions.teams.length > 0 || suggestions.people.length > 0) && (
        <section aria-labelledby="suggested">
          <h2 id="suggested">{t('board.suggested')}</h2>
          <ul class="cards">
            {suggestions.teams.map((s) => (
              <li key={s.id}>
                <h3>
                  <a href={teamPath(event.event.slug, s.id)}>{s.name}</a>
                </h3>
                <p>{t('board.members', { count: s.members, max: event.event.teamMax })}</p>
                <Reasons reasons={s.reasons} />
              </li>
            ))}
            {suggestions.people.map((s) => (
              <li key={s.userId}>
                <h3>{s.name}</h3>
                <p>
                  <RoleList roles={s.roles} />
                </p>
                <Reasons reasons={s.reasons} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {/* The board itself is the same for every reader of this tab, filter and page: kept. */}
      <Kept
        part={`board:${event.event.id}:${tab}:${filter.role ?? ''}:${filter.challenge ?? ''}:${filter.language ?? ''}:${filter.page}`}
        reads={CONTENT_AND_ACTIVITY}
      >
        <Tabs
          label={t('board.tabs')}
          items={(['teams', 'people'] as const).map((k) => ({ href: link({ tab: k, page: 1 }), label: t(`board.tab.${k}`), current: k === tab }))}
        />
        <form method="get" action={base} class="search-form" aria-label={t('board.filter')}>
          {tab === 'people' && <input type="hidden" name="tab" value="people" />}
          <div class="filters">
            <Filter
              name="role"
              label={t(tab === 'teams' ? 'team.rolesWanted' : 'board.roles')}
              value={filter.role ?? ''}
              options={teamRoles.map((r) => ({ value: r, label: t(`team.role.${r}`) }))}
            />
            <Filter
              name="challenge"
              label={t('team.challenge')}
              value={filter.challenge ?? ''}
              options={event.challenges.map((c) => ({ value: c.id, label: pick(lang, c.titleSv, c.titleEn) }))}
            />
            {tab === 'people' && (
              <Filter
                name="language"
                label={t('board.languages')}
                value={filter.language ?? ''}
                options={workingLanguages.map((l) => ({ value: l, label: languageName(l, lang) }))}
              />
            )}
          </div>
          <Button>{t('board.filterButton')}</Button>
        </form>
        <h2>{t(tab === 'teams' ? 'board.teamsCount' : 'board.peopleCount', { count: list.total })}</h2>
        {tab === 'teams' ? (
          <ul class="cards">
            {props.teams!.rows.map((team) => (
              <li key={team.id}>
                <h3>
                  <a href={teamPath(event.event.slug, team.id)}>{team.name}</a>
                </h3>
                {team.pitch && <p>{team.pitch}</p>}
                <p>{t('board.members', { count: team.members, max: event.event.teamMax })}</p>
                {team.challengeSv && (
                  <p>
                    {t('team.challenge')}: <Localised sv={team.challengeSv} en={team.challengeEn ?? ''} />
                  </p>
                )}
                {team.rolesWanted.length > 0 && (
                  <p>
                    {t('team.rolesWanted')}: <RoleList roles={team.rolesWanted} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <ul class="cards">
            {props.people!.rows.map((p) => (
              <li key={p.userId}>
                <h3>{p.name}</h3>
                <p>
                  <RoleList roles={p.roles} />
                </p>
                {p.skills.length > 0 && (
                  <p>
                    {t('board.skills')}: {p.skills.join(', ')}
                  </p>
                )}
                {p.languages.length > 0 && (
                  <p>
                    {t('board.languages')}: {p.languages.map((l) => languageName(l, lang)).join(', ')}
                  </p>
                )}
                {p.challengeSv && (
                  <p>
                    {t('team.challenge')}: <Localised sv={p.challengeSv} en={p.challengeEn ?? ''} />
                  </p>
                )}
                {p.note && <p class="pre-line">{p.note}</p>}
              </li>
            ))}
          </ul>
        )}
        {pages > 1 && <Pagination current={filter.page} pages={pages} href={(page) => link({ page })} />}
      </Kept>
    </>
  );
}
