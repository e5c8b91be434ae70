import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { themes } from '../../challenges/themes.ts';
import { accessRights, fileTypes, licences } from '../schema.ts';

const datasetLabels: Record<string, MessageKey> = {
  organisation: 'datasets.form.publisher',
  titleSv: 'datasets.form.titleSv',
  titleEn: 'datasets.form.titleEn',
  descriptionSv: 'datasets.form.descriptionSv',
  descriptionEn: 'datasets.form.descriptionEn',
  themes: 'challenge.themes',
  keywords: 'challenge.keywords',
  contactName: 'datasets.form.contactName',
  contactEmail: 'datasets.form.contactEmail',
  landingPage: 'datasets.landingPage',
  accessRights: 'datasets.form.accessRights',
  issued: 'datasets.form.issued',
  modified: 'datasets.modified',
};

/** Registering or editing a dataset: DCAT-AP-SE's mandatory fields first, then the recommended ones. */
export function DatasetFormPage(props: {
  action: string;
  heading: string;
  values: FormValues;
  errors?: FieldErrors;
  organisations: { slug: string; name: string }[];
}) {
  const { t, lang } = usePage();
  const { action, heading, values, errors, organisations } = props;
  const field = { values, errors };
  return (
    <>
      <h1>{heading}</h1>
      <p>{t('datasets.form.intro')}</p>
      <ErrorSummary errors={errors} labels={datasetLabels} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <Select
          name="organisation"
          label="datasets.form.publisher"
          required
          {...field}
          options={organisations.map((o) => ({ value: o.slug, label: o.name }))}
        />
        <fieldset class="group">
          <legend>{t('challenge.inSwedish')}</legend>
          <TextField name="titleSv" contentLang="sv" label="datasets.form.titleSv" required maxLength={200} {...field} />
          <TextArea
            name="descriptionSv"
            contentLang="sv"
            label="datasets.form.descriptionSv"
            hint="datasets.form.descriptionHint"
            required
            rows={6}
            {...field}
          />
        </fieldset>
        <fieldset class="group">
          <legend>{t('challenge.inEnglish')}</legend>
          <TextField name="titleEn" contentLang="en" label="datasets.form.titleEn" maxLength={200} {...field} />
          <TextArea name="descriptionEn" contentLang="en" label="datasets.form.descriptionEn" rows={6} {...field} />
        </fieldset>
        <TextField name="contactName" label="datasets.form.contactName" hint="datasets.form.contactHint" required {...field} />
        <TextField name="contactEmail" label="datasets.form.contactEmail" type="email" required {...field} />
        <Checkboxes
          name="themes"
          label="challenge.themes"
          hint="datasets.form.themesHint"
          {...field}
          options={themes.map((th) => ({ value: th.code, label: th.label[lang] }))}
        />
        <TextField name="keywords" label="challenge.keywords" hint="profile.listHint" {...field} />
        <Select
          name="accessRights"
          label="datasets.form.accessRights"
          required
          {...field}
          options={accessRights.map((a) => ({ value: a, label: t(`datasets.access.${a}`) }))}
        />
        <TextField name="landingPage" label="datasets.landingPage" hint="datasets.form.urlHint" type="url" {...field} />
        <TextField name="issued" label="datasets.form.issued" hint="challenge.dateHint" type="date" {...field} />
        <TextField name="modified" label="datasets.modified" hint="challenge.dateHint" type="date" {...field} />
        <SubmitButton label="datasets.form.save" />
      </form>
    </>
  );
}

const distributionLabels: Record<string, MessageKey> = {
  titleSv: 'datasets.form.distTitleSv',
  titleEn: 'datasets.form.distTitleEn',
  descriptionSv: 'datasets.form.distDescriptionSv',
  descriptionEn: 'datasets.form.distDescriptionEn',
  accessUrl: 'datasets.form.accessUrl',
  downloadUrl: 'datasets.form.downloadUrl',
  format: 'datasets.format',
  licence: 'datasets.licence',
};

/** Adding or editing a distribution: the access URL is mandatory; format and licence are recommended and asked for. */
export function DistributionFormPage(props: { action: string; heading: string; datasetHref: string; values: FormValues; errors?: FieldErrors }) {
  const { t } = usePage();
  const { action, heading, datasetHref, values, errors } = props;
  const field = { values, errors };
  return (
    <>
      <h1>{heading}</h1>
      <p>
        <a href={datasetHref}>{t('datasets.form.back')}</a>
      </p>
      <ErrorSummary errors={errors} labels={distributionLabels} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <TextField name="accessUrl" label="datasets.form.accessUrl" hint="datasets.form.accessUrlHint" type="url" required {...field} />
        <TextField name="downloadUrl" label="datasets.form.downloadUrl" hint="datasets.form.downloadUrlHint" type="url" {...field} />
        <Select name="format" label="datasets.format" required {...field} options={fileTypes.map((f) => ({ value: f, label: f.replace('_', '/') }))} />
        <Select
          name="licence"
          label="datasets.licence"
          hint="datasets.form.licenceHint"
          required
          {...field}
          options={Object.entries(licences).map(([value, label]) => ({ value, label }))}
        />
        <fieldset class="group">
          <legend>{t('challenge.inSwedish')}</legend>
          <TextField name="titleSv" contentLang="sv" label="datasets.form.distTitleSv" maxLength={200} {...field} />
          <TextArea name="descriptionSv" contentLang="sv" label="datasets.form.distDescriptionSv" rows={3} {...field} />
        </fieldset>
        <fieldset class="group">
          <legend>{t('challenge.inEnglish')}</legend>
          <TextField name="titleEn" contentLang="en" label="datasets.form.distTitleEn" maxLength={200} {...field} />
          <TextArea name="descriptionEn" contentLang="en" label="datasets.form.distDescriptionEn" rows={3} {...field} />
        </fieldset>
        <SubmitButton label="datasets.form.saveDistribution" />
      </form>
    </>
  );
}
