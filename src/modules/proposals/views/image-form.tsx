import { CsrfField, ErrorSummary, fieldId, TextArea } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import { ALT_MAX, IMAGE_MAX_BYTES } from '../image.ts';
import { imageUrl, type ImageMeta, type ImageSubject } from '../image-queries.ts';
import { SolutionImage } from './solution-image.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

export const imageLabels: Record<string, MessageKey> = {
  image: 'solutionImage.file',
  altSv: 'solutionImage.altSv',
  altEn: 'solutionImage.altEn',
};

interface Props {
  subject: ImageSubject;
  image: ImageMeta | null;
  values: FormValues;
  errors?: FieldErrors;
}

/** Where the team puts, replaces or removes its solution's image; the alt text is asked for with it. */
export function ImageFormPage({ subject: s, image, values, errors }: Props) {
  const { t } = usePage();
  const back = s.isPublic ? `/solutions/${s.id}` : `/events/${s.eventSlug}/teams/${s.teamId}/proposal`;
  const fileError = errors?.image;
  const fileDescribedBy = [`${fieldId('image')}-hint`, fileError && `${fieldId('image')}-error`].filter(Boolean).join(' ');
  return (
    <>
      <ErrorSummary errors={errors} labels={imageLabels} />
      <h1>{t('solutionImage.title', { title: s.title || t('proposal.untitled') })}</h1>
      <p>
        <a href={back}>{t(s.isPublic ? 'realisation.update.back' : 'solutionImage.backToProposal')}</a>
      </p>
      {image ? (
        <>
          <h2>{t('solutionImage.current')}</h2>
          <SolutionImage id={s.id} image={image} size="card" />
          <ButtonGroup>
            <Button variant="warning" href={`/solutions/${s.id}/image/remove`}>
              {t('solutionImage.remove')}
            </Button>
          </ButtonGroup>
          <h2>{t('solutionImage.replaceHeading')}</h2>
        </>
      ) : (
        <p>{t('solutionImage.intro')}</p>
      )}
      <form method="post" action={`/solutions/${s.id}/image`} enctype="multipart/form-data" novalidate>
        <CsrfField />
        <div class={fileError ? 'field field-error' : 'field'}>
          <label for={fieldId('image')}>
            {t('solutionImage.file')}
            {image ? ` ${t('form.optional')}` : ''}
          </label>
          <p class="hint" id={`${fieldId('image')}-hint`}>
            {t(image ? 'solutionImage.fileHintReplace' : 'solutionImage.fileHint', { mb: IMAGE_MAX_BYTES / 1024 / 1024 })}
          </p>
          {fileError && (
            <p class="error-message" id={`${fieldId('image')}-error`}>
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {t(fileError.key, fileError.params)}
            </p>
          )}
          <input
            type="file"
            id={fieldId('image')}
            name="image"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={fileDescribedBy}
            aria-invalid={fileError ? 'true' : undefined}
          />
        </div>
        <TextArea
          name="altSv"
          contentLang="sv"
          label="solutionImage.altSv"
          hint="solutionImage.altHint"
          rows={2}
          maxLength={ALT_MAX}
          values={values}
          errors={errors}
        />
        <TextArea name="altEn" contentLang="en" label="solutionImage.altEn" rows={2} maxLength={ALT_MAX} values={values} errors={errors} />
        <Button>{t(image ? 'solutionImage.save' : 'solutionImage.upload')}</Button>
      </form>
      {image && (
        <p class="meta">
          <a href={imageUrl(s.id, image)}>{t('solutionImage.open')}</a>
        </p>
      )}
    </>
  );
}
