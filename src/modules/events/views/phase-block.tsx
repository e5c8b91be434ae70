import { usePage } from '../../../web/page-context.ts';
import { TextArea } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { mayOverride, refusalError, type PhaseRefusal } from '../override.ts';

/** The labels a form's error summary needs for the override fields. */
export const overrideLabels = { reason: 'override.reason' } as const;

/**
 * Where a phase rule blocks an action: why, in words, and for the organiser (inside the form) a way to make an
 * exception with a stated reason, which the audit log keeps. The refusal's message carries the id the error summary
 * links to, so its link lands here for everyone.
 */
export function PhaseBlock({ refusal, values, errors }: { refusal: PhaseRefusal; values?: FormValues; errors?: FieldErrors }) {
  const { t, lang, user } = usePage();
  const message = refusalError(refusal, lang);
  const refused = Boolean(errors?.override || errors?.reason);
  if (!mayOverride({ user })) {
    return (
      <p class={refused ? 'error-message' : 'notice'} id="f-override">
        {t(message.key, message.params)}
      </p>
    );
  }
  return (
    <fieldset class={refused ? 'field field-error override' : 'field override'}>
      <legend>{t('override.legend')}</legend>
      <p class={refused ? 'error-message' : 'hint'} id="f-override-hint">
        {t(message.key, message.params)} {t('override.hint')}
      </p>
      <div class="checkbox">
        <input type="checkbox" id="f-override" name="override" value="yes" checked={values?.override === 'yes'} aria-describedby="f-override-hint" />
        <label for="f-override">{t('override.checkbox')}</label>
      </div>
      <TextArea name="reason" label="override.reason" hint="override.reasonHint" required rows={2} maxLength={1000} values={values} errors={errors} />
    </fieldset>
  );
}
