import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context.ts';
import { CsrfField } from './form.tsx';
import { Button } from './button.tsx';

/** A destructive POST must carry `confirm=yes`, which only its confirmation page sends; without it, back there. */
export const isConfirmed = (body: unknown) => (body as { confirm?: unknown } | undefined)?.confirm === 'yes';

interface ConfirmProps {
  heading: string;
  /** What will happen, in plain words: shown before the button. */
  text: string;
  action: string;
  button: string;
  /** Where "No, go back" leads: the page the person came from. */
  back: string;
  hidden?: Record<string, string>;
  children?: ComponentChildren;
}

/**
 * The page before a destructive action (GOV.UK's pattern): what will happen, a red button that does it, and a link
 * back. It is a page of its own (GET), so it works without JavaScript, and the POST refuses to act without it.
 */
export function ConfirmPage({ heading, text, action, button, back, hidden = {}, children }: ConfirmProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{heading}</h1>
      <p class="warning-text">
        <span class="warning-icon" aria-hidden="true">
          !
        </span>
        <strong>
          <span class="visually-hidden">{t('confirm.warning')} </span>
          {text}
        </strong>
      </p>
      <form method="post" action={action}>
        <CsrfField />
        <input type="hidden" name="confirm" value="yes" />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        <Button variant="warning">{button}</Button>
      </form>
      <p>
        <a href={back}>{t('confirm.back')}</a>
      </p>
    </>
  );
}
