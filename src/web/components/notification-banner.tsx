import type { ComponentChildren } from 'preact';

/**
 * NotificationBanner (GOV.UK's notification banner, Digi's notification): something the reader should know about this
 * page (info, blue edge) or the outcome of what they just did (success, green edge, role=status so screen readers
 * announce it). The layout shows flash messages with it. CSS: "NotificationBanner" in src/web/styles/components.css.
 *   <NotificationBanner>Registration opens on 1 May.</NotificationBanner>
 *   <NotificationBanner type="success">Your profile is saved.</NotificationBanner>
 */
export function NotificationBanner({ type = 'info', id, children }: { type?: 'info' | 'success'; id?: string; children: ComponentChildren }) {
  return (
    <div class={type === 'success' ? 'notice notice--success' : 'notice'} role={type === 'success' ? 'status' : undefined} id={id}>
      {children}
    </div>
  );
}
