import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { EventDetail } from '../../events/queries.ts';
import { teamRoles, workingLanguages } from '../schema.ts';
import { languageName } from './parts.tsx';
import { Localised } from '../../../web/components/localised.tsx';

interface FormProps {
  event: EventDetail;
  values: FormValues;
  errors?: FieldErrors;
}

function ChallengeSelect({ event, values, errors, name }: FormProps & { name: string }) {
  const { t, lang } = usePage();
  return (
    <Select
      name={name}
      label="team.challenge"
      values={values}
      errors={errors}
      options={[{ value: '', label: t('team.challengeUndecided') }, ...event.challenges.map((c) => ({ value: c.id, label: pick(lang, c.titleSv, c.titleEn) }))]}
    />
  );
}

const roleOptions = (t: ReturnType<typeof usePage>['t']) => teamRoles.map((r) => ({ value: r, label: t(`team.role.${r}`) }));

/** Creating or editing a team: name, pitch, challenge and track, and the roles it is looking for. */
export function TeamFormPage({ event, values, errors, action, heading }: FormProps & { action: string; heading: 'team.new' | 'team.edit' }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t(heading)}</h1>
      <p>
        <Localised sv={event.event.titleSv} en={event.event.titleEn} />
      </p>
      <ErrorSummary
        errors={errors}
        labels={{ name: 'team.name', pitch: 'team.pitch', challenge: 'team.challenge', track: 'team.track', rolesWanted: 'team.rolesWanted' }}
      />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <TextField name="name" label="team.name" required maxLength={80} values={values} errors={errors} />
        <TextArea name="pitch" label="team.pitch" hint="team.pitchHint" rows={3} maxLength={500} values={values} errors={errors} />
        <ChallengeSelect event={event} values={values} errors={errors} name="challenge" />
        {event.tracks.length > 0 && (
          <Select
            name="track"
            label="team.track"
            values={values}
            errors={errors}
            options={[{ value: '', label: t('team.trackUndecided') }, ...event.tracks.map((tr) => ({ value: tr.id, label: pick(lang, tr.nameSv, tr.nameEn) }))]}
          />
        )}
        <Checkboxes name="rolesWanted" label="team.rolesWanted" values={values} errors={errors} options={roleOptions(t)} />
        <Checkboxes
          name="lookingForMembers"
          label="team.lookingLegend"
          values={values}
          errors={errors}
          options={[{ value: 'on', label: t('team.lookingForMembers') }]}
        />
        <SubmitButton label="form.save" />
      </form>
    </>
  );
}

/** Putting oneself on the team board. */
export function SeekerFormPage({ event, values, errors, listed }: FormProps & { listed: boolean }) {
  const { t, lang } = usePage();
  const base = `/events/${event.event.slug}/teams`;
  return (
    <>
      <h1>{t('board.lookingTitle')}</h1>
      <p>{t('board.lookingIntro')}</p>
      <ErrorSummary
        errors={errors}
        labels={{ roles: 'board.roles', skills: 'board.skills', languages: 'board.languages', challenge: 'team.challenge', note: 'board.note' }}
      />
      <form method="post" action={`${base}/looking`} novalidate>
        <CsrfField />
        <Checkboxes name="roles" label="board.roles" values={values} errors={errors} options={roleOptions(t)} />
        <TextField name="skills" label="board.skills" hint="board.skillsHint" maxLength={300} values={values} errors={errors} />
        <Checkboxes
          name="languages"
          label="board.languages"
          values={values}
          errors={errors}
          options={workingLanguages.map((l) => ({ value: l, label: languageName(l, lang) }))}
        />
        <ChallengeSelect event={event} values={values} errors={errors} name="challenge" />
        <TextArea name="note" label="board.note" rows={3} maxLength={500} values={values} errors={errors} />
        <SubmitButton label="board.publish" />
      </form>
      {listed && (
        <form method="post" action={`${base}/looking/remove`}>
          <CsrfField />
          <SubmitButton label="board.remove" />
        </form>
      )}
    </>
  );
}
