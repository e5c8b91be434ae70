import { usePage } from '../../../web/page-context.ts';
import { Select } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { ageBands, genders, occupations } from '../../../db/schema/index.ts';
import { counties, countyChoices, firstHackathonChoices } from '../diversity.ts';

/** The voluntary statistics questions, said to be voluntary, each with a blank and 'prefer not to say'. */
export function DiversityQuestions({ values, errors }: { values?: FormValues; errors?: FieldErrors }) {
  const { t } = usePage();
  const blank = { value: '', label: t('diversity.skip') };
  const f = { values, errors };
  return (
    <fieldset class="voluntary">
      <legend>{t('diversity.legend')}</legend>
      <p class="hint">{t('diversity.intro')}</p>
      <Select name="gender" label="diversity.gender" {...f} options={[blank, ...genders.map((g) => ({ value: g, label: t(`diversity.gender.${g}`) }))]} />
      <Select name="ageBand" label="diversity.ageBand" {...f} options={[blank, ...ageBands.map((a) => ({ value: a, label: t(`diversity.ageBand.${a}`) }))]} />
      <Select
        name="county"
        label="diversity.county"
        {...f}
        options={[
          blank,
          ...countyChoices.map((c) => ({ value: c, label: c in counties ? counties[c as keyof typeof counties] : t(`diversity.county.${c as 'abroad'}`) })),
        ]}
      />
      <Select
        name="occupation"
        label="diversity.occupation"
        {...f}
        options={[blank, ...occupations.map((o) => ({ value: o, label: t(`diversity.occupation.${o}`) }))]}
      />
      <Select
        name="firstHackathon"
        label="diversity.firstHackathon"
        {...f}
        options={[blank, ...firstHackathonChoices.map((c) => ({ value: c, label: t(`diversity.first.${c}`) }))]}
      />
    </fieldset>
  );
}
