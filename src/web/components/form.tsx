import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { Lang, MessageKey } from '../i18n.ts';
import { Button, type ButtonVariant } from './button.tsx';

export const fieldId = (name: string) => `f-${name}`;

export function CsrfField() {
  return <input type="hidden" name="_csrf" value={usePage().csrfToken} />;
}

/**
 * Form fields and the error summary (GOV.UK's pattern, as Digi's): label, hint, error message beside the field.
 *   <TextField name label hint? values errors required? type? />, <TextArea …/>, <Select options …/>
 *   <Radios name label options inline? …/>, <Checkboxes name label options inline? …/> (stacked unless `inline`)
 *   `label` and `hint` are message keys, or `{ text }` for words that are content (a jury criterion's name).
 *   <ErrorSummary errors labels />: wherever a page writes it, it is shown FIRST in <main> (render.tsx collects it),
 *   role=alert, each error linking to its field; app.js moves focus to it.
 *   <SubmitButton label variant? />
 */
type Summary = { errors: FieldErrors; labels: Record<string, MessageKey> };

/** A failed form's summary: collected while the page renders, drawn by the layout at the top of <main>. */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels: Record<string, MessageKey> }) {
  const page = usePage();
  if (!errors || Object.keys(errors).length === 0) return null;
  if (page.errorSummaries) {
    page.errorSummaries.push({ errors, labels });
    return null;
  }
  return <ErrorSummaryBox summaries={[{ errors, labels }]} />;
}

/** The summary itself: every failed field listed, each linking to its input. */
export function ErrorSummaryBox({ summaries }: { summaries: Summary[] }) {
  const { t } = usePage();
  // One entry per field: two summaries of one form (say, in two branches of a page) list it once, with a label if any has one.
  const byName = new Map<string, { name: string; e: FieldErrors[string]; label?: MessageKey }>();
  for (const { errors, labels } of summaries)
    for (const [name, e] of Object.entries(errors)) {
      const seen = byName.get(name);
      if (!seen) byName.set(name, { name, e, label: labels[name] });
      else seen.label ??= labels[name];
    }
  const entries = [...byName.values()];
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      <ul>
        {entries.map(({ name, e, label }) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>
              {label ? `${t(label)}: ` : ''}
              {t(e.key, e.params)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A message key, or `{ text }` where the words are content rather than the interface's (a jury criterion's name). */
type Words = MessageKey | { text: ComponentChildren };
const say = (t: (key: MessageKey) => string, words: Words) => (typeof words === 'string' ? t(words) : words.text);

interface FieldProps {
  name: string;
  label: Words;
  hint?: Words;
  values?: FormValues;
  errors?: FieldErrors;
  required?: boolean;
  /** The language of what is typed, when it is not the page's (the English version of a challenge on a Swedish page). The label stays in the page's. */
  contentLang?: Lang;
}

function FieldShell({ name, label, hint, errors, required, children }: FieldProps & { children: ComponentChildren }) {
  const { t } = usePage();
  const error = errors?.[name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={fieldId(name)}>
        {say(t, label)}
        {required ? '' : ` ${t('form.optional')}`}
      </label>
      {hint && (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {say(t, hint)}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${fieldId(name)}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {t(error.key, error.params)}
        </p>
      )}
      {children}
    </div>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint && `${fieldId(props.name)}-hint`, props.errors?.[props.name] && `${fieldId(props.name)}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

const valueOf = (values: FormValues | undefined, name: string) => {
  const v = values?.[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
};

export function TextField(props: FieldProps & { type?: string; autocomplete?: string; maxLength?: number }) {
  const { name, type = 'text', autocomplete, required, errors, values, maxLength, contentLang } = props;
  return (
    <FieldShell {...props}>
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        value={type === 'password' ? '' : valueOf(values, name)}
        autoComplete={autocomplete}
        required={required}
        maxLength={maxLength}
        lang={contentLang}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const { name, required, errors, values, rows = 5, maxLength, contentLang } = props;
  return (
    <FieldShell {...props}>
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        required={required}
        maxLength={maxLength}
        lang={contentLang}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {valueOf(values, name)}
      </textarea>
    </FieldShell>
  );
}

export function Select(props: FieldProps & { options: { value: string; label: string }[] }) {
  const { name, required, errors, values, options } = props;
  const current = valueOf(values, name);
  // HTML's `required` means "not the empty placeholder": without one a select always sends a choice, and the Nu
  // checker rejects it. Such a select is still announced as required.
  const placeholder = options[0]?.value === '';
  return (
    <FieldShell {...props}>
      <select
        id={fieldId(name)}
        name={name}
        required={required && placeholder}
        aria-required={required && !placeholder ? 'true' : undefined}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes in a fieldset; the first box carries the field's id so the error summary can jump to it. */
export function Checkboxes(props: FieldProps & { options: { value: string; label: string }[]; inline?: boolean }) {
  const { name, values, options, inline } = props;
  const current = new Set(([] as string[]).concat(values?.[name] ?? []));
  return (
    <FieldsetShell {...props}>
      <div class={inline ? 'checkboxes checkboxes--inline' : 'checkboxes'}>
        {options.map((o, i) => {
          const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
          return (
            <div class="checkbox" key={o.value}>
              <input type="checkbox" id={id} name={name} value={o.value} checked={current.has(o.value)} />
              <label for={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </FieldsetShell>
  );
}

/** A fieldset whose legend, hint and error message are laid out as a single field's are. */
function FieldsetShell(props: FieldProps & { children: ComponentChildren }) {
  const { t } = usePage();
  const { name, label, hint, errors, children } = props;
  const error = errors?.[name];
  return (
    <fieldset class={error ? 'field field-error' : 'field'} aria-describedby={describedBy(props)}>
      <legend>{say(t, label)}</legend>
      {hint && (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {say(t, hint)}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${fieldId(name)}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {t(error.key, error.params)}
        </p>
      )}
      {children}
    </fieldset>
  );
}

/** A single checkbox that must be ticked, e.g. consent; its label may hold links. */
export function ConsentBox(props: { name: string; errors?: FieldErrors; values?: FormValues; children: ComponentChildren }) {
  const { t } = usePage();
  const { name, errors, values, children } = props;
  const error = errors?.[name];
  return (
    <div class={error ? 'field field-error checkbox' : 'field checkbox'}>
      {error && (
        <p class="error-message" id={`${fieldId(name)}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {t(error.key, error.params)}
        </p>
      )}
      <input
        type="checkbox"
        id={fieldId(name)}
        name={name}
        value="on"
        checked={values?.[name] === 'on'}
        aria-describedby={error ? `${fieldId(name)}-error` : undefined}
      />
      <label for={fieldId(name)}>{children}</label>
    </div>
  );
}

export function SubmitButton({ label, variant }: { label: MessageKey; variant?: ButtonVariant }) {
  return <Button variant={variant}>{usePage().t(label)}</Button>;
}

/** A group of radio buttons in a fieldset (GOV.UK radios); `inline` lays short choices out on one line. */
export function Radios(props: FieldProps & { options: { value: string; label: string; hint?: string }[]; inline?: boolean }) {
  const { name, values, options, inline } = props;
  const current = valueOf(values, name);
  return (
    <FieldsetShell {...props}>
      <div class={inline ? 'radios radios--inline' : 'radios'}>
        {options.map((o, i) => {
          const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
          return (
            <div class="radio" key={o.value}>
              <input type="radio" id={id} name={name} value={o.value} checked={current === o.value} aria-describedby={o.hint ? `${id}-hint` : undefined} />
              <label for={id}>{o.label}</label>
              {o.hint && (
                <p class="hint" id={`${id}-hint`}>
                  {o.hint}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </FieldsetShell>
  );
}
