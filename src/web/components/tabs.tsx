/**
 * Tabs (GOV.UK's tabs without JavaScript, Digi's navigation tabs): links to views of one page, each its own address,
 * the current one marked aria-current="page". CSS: "Tabs" in src/web/styles/components.css.
 *   <Tabs label="Views" items={[{ href: '/x?view=a', label: 'A', current: true }, { href: '/x?view=b', label: 'B' }]} />
 */
export interface TabItem {
  href: string;
  label: string;
  current?: boolean;
}

export function Tabs({ label, items }: { label: string; items: TabItem[] }) {
  return (
    <nav class="tabs" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={item.current ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
