import type { ComponentChildren } from 'preact';

/**
 * Button and ButtonGroup (GOV.UK's button, Digi's digi-button). CSS: "Button" in src/web/styles/components.css.
 *   <Button>Save</Button>                          a submit button, primary (green): one per page section
 *   <Button variant="secondary" name="action" value="save">Save draft</Button>
 *   <Button variant="warning">Delete</Button>       destructive (red): only on a page that says what will happen
 *   <Button href="/events/x/register">Register</Button>   a link that looks like a button (leads to a form)
 *   <ButtonGroup>…</ButtonGroup>                    buttons, links and one-button forms side by side: spaced, never
 *                                                   touching, wrapping on narrow screens
 */
export type ButtonVariant = 'primary' | 'secondary' | 'warning';

interface ButtonProps {
  variant?: ButtonVariant;
  /** Given: an <a>, for navigation. Not given: a <button>. */
  href?: string;
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
  /** The id of the form this button submits when it stands outside it. */
  form?: string;
  /** A fuller name for screen readers where the visible text is short ("Remove" in a list of many). */
  ariaLabel?: string;
  children: ComponentChildren;
}

export const buttonClass = (variant: ButtonVariant = 'primary') => (variant === 'primary' ? 'button' : `button button-${variant}`);

export function Button({ variant, href, type = 'submit', name, value, form, ariaLabel, children }: ButtonProps) {
  if (href !== undefined)
    return (
      <a class={buttonClass(variant)} href={href} aria-label={ariaLabel}>
        {children}
      </a>
    );
  return (
    <button type={type} class={buttonClass(variant)} name={name} value={value} form={form} aria-label={ariaLabel}>
      {children}
    </button>
  );
}

export function ButtonGroup({ children }: { children: ComponentChildren }) {
  return <div class="button-group">{children}</div>;
}
