import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { eventKinds, phaseKinds } from '../../../db/schema/index.ts';
import { pick } from '../../challenges/views/parts.tsx';

export interface EventFormProps {
  action: string;
  heading: 'eventForm.new' | 'eventForm.edit';
  organisations: { id: string | null; name: string }[];
  challenges: { id: string; titleSv: string; titleEn: string; orgName: string }[];
  values: FormValues;
  errors?: FieldErrors;
}

export const eventFormLabels: Record<string, MessageKey> = {
  organisation: 'eventForm.organisation',
  kind: 'eventForm.kind',
  titleSv: 'eventForm.titleSv',
  titleEn: 'eventForm.titleEn',
  descriptionSv: 'eventForm.descriptionSv',
  descriptionEn: 'eventForm.descriptionEn',
  place: 'eventForm.place',
  capacity: 'eventForm.capacity',
  teamMin: 'eventForm.teamMin',
  teamMax: 'eventForm.teamMax',
  graceMinutes: 'eventForm.graceMinutes',
  rulesSv: 'eventForm.rulesSv',
  rulesEn: 'eventForm.rulesEn',
  challenges: 'eventForm.challenges',
  tracks: 'eventForm.tracks',
  ...Object.fromEntries(
    phaseKinds.flatMap((k) => [
      [`${k}Start`, `eventForm.phaseStart.${k}`],
      [`${k}End`, `eventForm.phaseEnd.${k}`],
    ]),
  ),
};

/** Creating or editing an event; times are Stockholm wall-clock times, each phase a start and an end. */
export function EventFormPage({ action, heading, organisations, challenges, values, errors }: EventFormProps) {
  const { t, lang } = usePage();
  const f = { values, errors };
  return (
    <>
      <h1>{t(heading)}</h1>
      <ErrorSummary errors={errors} labels={eventFormLabels} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <Select name="organisation" label="eventForm.organisation" required {...f} options={organisations.map((o) => ({ value: o.id ?? '', label: o.name }))} />
        <Select name="kind" label="eventForm.kind" required {...f} options={eventKinds.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))} />
        <TextField name="titleSv" contentLang="sv" label="eventForm.titleSv" required maxLength={140} {...f} />
        <TextField name="titleEn" contentLang="en" label="eventForm.titleEn" maxLength={140} {...f} />
        <TextArea name="descriptionSv" contentLang="sv" label="eventForm.descriptionSv" maxLength={5000} {...f} />
        <TextArea name="descriptionEn" contentLang="en" label="eventForm.descriptionEn" maxLength={5000} {...f} />
        <Checkboxes name="online" label="eventForm.where" {...f} options={[{ value: 'on', label: t('eventForm.online') }]} />
        <TextField name="place" label="eventForm.place" hint="eventForm.placeHint" maxLength={200} {...f} />
        <TextField name="capacity" type="number" label="eventForm.capacity" hint="eventForm.capacityHint" {...f} />
        <TextField name="teamMin" type="number" label="eventForm.teamMin" required {...f} />
        <TextField name="teamMax" type="number" label="eventForm.teamMax" required {...f} />
        <fieldset class="field">
          <legend>{t('eventForm.phases')}</legend>
          <p class="hint">{t('eventForm.phasesHint')}</p>
          {phaseKinds.map((k) => (
            <div class="phase-row" key={k}>
              <TextField name={`${k}Start`} type="datetime-local" label={`eventForm.phaseStart.${k}`} {...f} />
              <TextField name={`${k}End`} type="datetime-local" label={`eventForm.phaseEnd.${k}`} {...f} />
            </div>
          ))}
        </fieldset>
        <TextField name="graceMinutes" type="number" label="eventForm.graceMinutes" hint="eventForm.graceHint" required {...f} />
        {challenges.length > 0 && (
          <Checkboxes
            name="challenges"
            label="eventForm.challenges"
            {...f}
            options={challenges.map((c) => ({ value: c.id, label: `${pick(lang, c.titleSv, c.titleEn)} (${c.orgName})` }))}
          />
        )}
        <TextArea name="tracks" label="eventForm.tracks" hint="eventForm.tracksHint" rows={3} maxLength={2000} {...f} />
        <TextArea name="rulesSv" contentLang="sv" label="eventForm.rulesSv" hint="eventForm.rulesHint" rows={8} maxLength={10000} {...f} />
        <TextArea name="rulesEn" contentLang="en" label="eventForm.rulesEn" rows={8} maxLength={10000} {...f} />
        <SubmitButton label="form.save" />
      </form>
    </>
  );
}
