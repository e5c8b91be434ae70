import type { ComponentChildren } from 'preact';

/**
 * Card (Digi's card, GOV.UK's "document list" item): one item of a list, its title a link to the item, then a short
 * text. Put cards in <ul class="cards"> (as="li", the default) or use as="div" on their own. CSS: "Card" in
 * src/web/styles/components.css.
 *   <ul class="cards"><Card title="Fewer queues" href="/challenges/x" meta="Open until 1 May">Summary</Card></ul>
 */
export function Card({
  title,
  href,
  headingLevel = 3,
  meta,
  as = 'li',
  children,
}: {
  title: ComponentChildren;
  href?: string;
  headingLevel?: 2 | 3;
  meta?: ComponentChildren;
  as?: 'li' | 'div';
  children?: ComponentChildren;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Tag = as;
  return (
    <Tag class="card">
      <Heading class="card-title">{href ? <a href={href}>{title}</a> : title}</Heading>
      {meta && <p class="meta">{meta}</p>}
      {children}
    </Tag>
  );
}
