import { usePage } from '../../../web/page-context.ts';
import { CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { EventDetail } from '../../events/queries.ts';
import type { pendingRequests, TeamDetail } from '../queries.ts';
import { RoleList, teamPath } from './parts.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

export type Viewer = 'leader' | 'member' | 'candidate' | 'requested' | 'other';

interface TeamPageProps {
  event: EventDetail;
  team: TeamDetail;
  viewer: Viewer;
  requests: Awaited<ReturnType<typeof pendingRequests>>;
  publicUrl: string;
  form?: { name: 'invite' | 'request'; values: FormValues; errors: FieldErrors };
}

/** A team: who is in it and what it works on; members invite, the leader decides requests and hands over. */
export function TeamPage({ event, team, viewer, requests, publicUrl, form }: TeamPageProps) {
  const { t, lang } = usePage();
  const ev = event.event;
  const path = teamPath(ev.slug, team.team.id);
  const inTeam = viewer === 'leader' || viewer === 'member';
  const full = team.members.length >= ev.teamMax;
  return (
    <>
      <p>
        <a href={`/events/${ev.slug}/teams`}>{t('board.title')}</a> ·{' '}
        <a href={`/events/${ev.slug}`}>
          <Localised sv={ev.titleSv} en={ev.titleEn} />
        </a>
      </p>
      <h1>{team.team.name}</h1>
      {team.team.pitch && <p class="pre-line">{team.team.pitch}</p>}
      <dl class="summary-list">
        <dt>{t('team.challenge')}</dt>
        <dd>
          {team.challengeSlug ? (
            <a href={`/challenges/${team.challengeSlug}`}>
              <Localised sv={team.challengeSv!} en={team.challengeEn ?? ''} />
            </a>
          ) : (
            t('team.challengeUndecided')
          )}
        </dd>
        {event.tracks.length > 0 && (
          <>
            <dt>{t('team.track')}</dt>
            <dd>{team.trackSv ? pick(lang, team.trackSv, team.trackEn ?? '') : t('team.trackUndecided')}</dd>
          </>
        )}
        <dt>{t('team.size')}</dt>
        <dd>{t('board.members', { count: team.members.length, max: ev.teamMax })}</dd>
        {team.team.lookingForMembers && team.team.rolesWanted.length > 0 && (
          <>
            <dt>{t('team.rolesWanted')}</dt>
            <dd>
              <RoleList roles={team.team.rolesWanted} />
            </dd>
          </>
        )}
      </dl>
      <h2>{t('team.members')}</h2>
      <ul>
        {team.members.map((m) => (
          <li key={m.userId}>
            {m.name}
            {m.isLeader && ` (${t('team.leader')})`}
          </li>
        ))}
      </ul>

      {inTeam && (
        <>
          <h2>{t('team.proposal')}</h2>
          <p>
            <Button href={`${path}/proposal`}>{t('team.openProposal')}</Button> <a href={`/events/${ev.slug}/mentors`}>{t('team.bookMentor')}</a> ·{' '}
            <a href={`${path}/feedback`}>{t('feedback.link')}</a>
          </p>
          <h2 id="invite">{t('team.invite')}</h2>
          {full ? (
            <p>{t('team.full')}</p>
          ) : (
            <>
              <p>{t('team.inviteLinkHint')}</p>
              <p>
                <code class="break">{`${publicUrl}/events/${ev.slug}/teams/join/${team.team.inviteToken}`}</code>
              </p>
              <ErrorSummary errors={form?.name === 'invite' ? form.errors : undefined} labels={{ email: 'team.inviteEmail' }} />
              <form method="post" action={`${path}/invitations`} novalidate>
                <CsrfField />
                <TextField
                  name="email"
                  type="email"
                  label="team.inviteEmail"
                  required
                  autocomplete="off"
                  values={form?.name === 'invite' ? form.values : undefined}
                  errors={form?.name === 'invite' ? form.errors : undefined}
                />
                <SubmitButton label="team.sendInvite" />
              </form>
              <form method="post" action={`${path}/invite-link`}>
                <CsrfField />
                <SubmitButton label="team.renewLink" />
              </form>
            </>
          )}
        </>
      )}

      {viewer === 'leader' && (
        <>
          <h2>{t('team.requests')}</h2>
          {requests.length === 0 ? (
            <p>{t('team.noRequests')}</p>
          ) : (
            <ul class="cards">
              {requests.map((r) => (
                <li key={r.id}>
                  <h3>{r.name}</h3>
                  <p class="meta">{formatDateTime(r.createdAt, lang)}</p>
                  {r.message && <p class="pre-line">{r.message}</p>}
                  <form method="post" action={`${path}/requests/${r.id}`} class="inline">
                    <CsrfField />
                    <ButtonGroup>
                      <Button name="decision" value="accept">
                        {t('team.accept')}
                      </Button>
                      <Button name="decision" value="decline" variant="secondary">
                        {t('team.decline')}
                      </Button>
                    </ButtonGroup>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`${path}/edit`}>{t('team.edit')}</a>
          </p>
          {team.members.length > 1 && (
            <form method="post" action={`${path}/leader`}>
              <CsrfField />
              <Select
                name="member"
                label="team.handOverTo"
                required
                options={team.members.filter((m) => !m.isLeader).map((m) => ({ value: m.userId, label: m.name ?? '' }))}
              />
              <SubmitButton label="team.handOver" />
            </form>
          )}
        </>
      )}

      {inTeam && (
        <p>
          <a href={`${path}/leave`} class="link-warning">
            {t(team.members.length === 1 ? 'team.dissolve' : 'team.leave')}
          </a>
        </p>
      )}

      {viewer === 'requested' && <NotificationBanner>{t('team.requestPending')}</NotificationBanner>}
      {viewer === 'candidate' && !full && (
        <section aria-labelledby="request-title">
          <h2 id="request-title">{t('team.requestToJoin')}</h2>
          <ErrorSummary errors={form?.name === 'request' ? form.errors : undefined} labels={{ message: 'team.requestMessage' }} />
          <form method="post" action={`${path}/requests`} novalidate>
            <CsrfField />
            <TextArea
              name="message"
              label="team.requestMessage"
              rows={3}
              maxLength={500}
              values={form?.name === 'request' ? form.values : undefined}
              errors={form?.name === 'request' ? form.errors : undefined}
            />
            <SubmitButton label="team.sendRequest" />
          </form>
        </section>
      )}
    </>
  );
}

/** Where an invite link lands: the team, and a button to join it (or why one cannot). */
export function JoinPage({
  event,
  team,
  action,
  blocked,
}: {
  event: EventDetail;
  team: TeamDetail;
  action: string;
  blocked: 'noPlace' | 'alreadyInTeam' | 'full' | null;
}) {
  const { t } = usePage();
  return (
    <>
      <h1>{t('team.joinTitle', { team: team.team.name })}</h1>
      <p>
        <Localised sv={event.event.titleSv} en={event.event.titleEn} />
      </p>
      <p>{t('board.members', { count: team.members.length, max: event.event.teamMax })}</p>
      {blocked ? (
        <p>
          {t(`team.refused.${blocked}`)} {blocked === 'noPlace' && <a href={`/events/${event.event.slug}#registration`}>{t('team.registerFirst')}</a>}
        </p>
      ) : (
        <form method="post" action={action}>
          <CsrfField />
          <SubmitButton label="team.join" />
        </form>
      )}
    </>
  );
}
