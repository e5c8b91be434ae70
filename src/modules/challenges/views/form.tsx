import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { challengeRequirements } from '../../../db/schema/index.ts';
import { themes } from '../themes.ts';

const labels: Record<string, MessageKey> = {
  organisation: 'challenge.organisation',
  titleSv: 'challenge.titleSv',
  titleEn: 'challenge.titleEn',
  summarySv: 'challenge.summarySv',
  summaryEn: 'challenge.summaryEn',
  problemSv: 'challenge.problemSv',
  problemEn: 'challenge.problemEn',
  outcomeSv: 'challenge.outcomeSv',
  outcomeEn: 'challenge.outcomeEn',
  targetGroupSv: 'challenge.targetGroupSv',
  targetGroupEn: 'challenge.targetGroupEn',
  prizeSv: 'challenge.prizeSv',
  prizeEn: 'challenge.prizeEn',
  eligibilitySv: 'challenge.eligibilitySv',
  eligibilityEn: 'challenge.eligibilityEn',
  themes: 'challenge.themes',
  keywords: 'challenge.keywords',
  requirements: 'challenge.requirements',
  contactName: 'challenge.contactName',
  contactEmail: 'challenge.contactEmail',
  startsOn: 'challenge.startsOnLabel',
  endsOn: 'challenge.endsOnLabel',
  yearRound: 'challenge.form',
};

export function ChallengeFormPage({
  action,
  values,
  errors,
  organisations,
  heading,
}: {
  action: string;
  values: FormValues;
  errors?: FieldErrors;
  organisations: { slug: string; name: string }[];
  heading: string;
}) {
  const { t, lang } = usePage();
  const field = { values, errors };
  return (
    <>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <Select name="organisation" label="challenge.organisation" required {...field} options={organisations.map((o) => ({ value: o.slug, label: o.name }))} />
        <fieldset class="group">
          <legend>{t('challenge.inSwedish')}</legend>
          <TextField name="titleSv" contentLang="sv" label="challenge.titleSv" required maxLength={160} {...field} />
          <TextArea name="summarySv" contentLang="sv" label="challenge.summarySv" hint="challenge.summaryHint" required rows={3} maxLength={600} {...field} />
          <TextArea name="problemSv" contentLang="sv" label="challenge.problemSv" required rows={8} {...field} />
          <TextArea name="outcomeSv" contentLang="sv" label="challenge.outcomeSv" required rows={5} {...field} />
          <TextArea name="targetGroupSv" contentLang="sv" label="challenge.targetGroupSv" rows={3} {...field} />
          <TextArea name="prizeSv" contentLang="sv" label="challenge.prizeSv" rows={3} {...field} />
          <TextArea name="eligibilitySv" contentLang="sv" label="challenge.eligibilitySv" rows={3} {...field} />
        </fieldset>
        <fieldset class="group">
          <legend>{t('challenge.inEnglish')}</legend>
          <TextField name="titleEn" contentLang="en" label="challenge.titleEn" maxLength={160} {...field} />
          <TextArea name="summaryEn" contentLang="en" label="challenge.summaryEn" rows={3} maxLength={600} {...field} />
          <TextArea name="problemEn" contentLang="en" label="challenge.problemEn" rows={8} {...field} />
          <TextArea name="outcomeEn" contentLang="en" label="challenge.outcomeEn" rows={5} {...field} />
          <TextArea name="targetGroupEn" contentLang="en" label="challenge.targetGroupEn" rows={3} {...field} />
          <TextArea name="prizeEn" contentLang="en" label="challenge.prizeEn" rows={3} {...field} />
          <TextArea name="eligibilityEn" contentLang="en" label="challenge.eligibilityEn" rows={3} {...field} />
        </fieldset>
        <Checkboxes
          name="themes"
          label="challenge.themes"
          hint="challenge.themesHint"
          {...field}
          options={themes.map((th) => ({ value: th.code, label: th.label[lang] }))}
        />
        <TextField name="keywords" label="challenge.keywords" hint="profile.listHint" {...field} />
        <Checkboxes
          name="requirements"
          label="challenge.requirements"
          {...field}
          options={challengeRequirements.map((r) => ({ value: r, label: t(`challenge.requirement.${r}`) }))}
        />
        <TextField name="contactName" label="challenge.contactName" required {...field} />
        <TextField name="contactEmail" label="challenge.contactEmail" type="email" required {...field} />
        <Select
          name="yearRound"
          label="challenge.form"
          required
          {...field}
          options={[
            { value: 'yes', label: t('challenge.yearRound') },
            { value: 'no', label: t('challenge.event') },
          ]}
        />
        <TextField name="startsOn" label="challenge.startsOnLabel" hint="challenge.dateHint" type="date" {...field} />
        <TextField name="endsOn" label="challenge.endsOnLabel" hint="challenge.dateHint" type="date" {...field} />
        <SubmitButton label="challenge.save" />
      </form>
    </>
  );
}
