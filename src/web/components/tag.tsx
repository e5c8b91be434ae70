import type { ComponentChildren } from 'preact';

/**
 * Tag (GOV.UK's tag, Digi's tag): a short label such as a theme or a status. It is a link only where following it
 * filters a list (`href`); otherwise plain text, so nothing looks clickable that is not. CSS: "Tag" in
 * src/web/styles/components.css.
 *   <Tag>Draft</Tag>, <Tag variant="success">Open</Tag>, <Tag href="/challenges?theme=HEAL">Health</Tag>
 *   <TagList items={[{ label: 'Health', href: '/challenges?theme=HEAL' }]} />   a list of tags
 */
export type TagVariant = 'info' | 'success' | 'warning' | 'muted';

export function Tag({ href, variant = 'info', children }: { href?: string; variant?: TagVariant; children: ComponentChildren }) {
  const cls = variant === 'info' ? 'tag' : `tag tag--${variant}`;
  return href ? (
    <a href={href} class={cls}>
      {children}
    </a>
  ) : (
    <strong class={cls}>{children}</strong>
  );
}

export function TagList({ items, label }: { items: { label: string; href?: string; variant?: TagVariant }[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul class="tags" aria-label={label}>
      {items.map((item) => (
        <li key={item.label}>
          <Tag href={item.href} variant={item.variant}>
            {item.label}
          </Tag>
        </li>
      ))}
    </ul>
  );
}
