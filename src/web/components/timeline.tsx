import type { ComponentChildren } from 'preact';

/**
 * Timeline (Digi's progress list, GOV.UK's timeline pattern): dated entries on a vertical line, e.g. a solution's
 * realisation stages and updates. `current` fills the entry's dot; `id` makes the entry a link target. CSS:
 * "Timeline" in src/web/styles/components.css.
 *   <Timeline entries={[{ title: 'Pilot', date: '1 March 2026', current: true, body: <p>…</p> }]} />
 * For entries with their own markup (forms inside), write <ol class="timeline"><li class="timeline-entry">.
 */
export interface TimelineEntry {
  id?: string;
  title: ComponentChildren;
  date?: ComponentChildren;
  current?: boolean;
  body?: ComponentChildren;
}

export function Timeline({ entries, label }: { entries: TimelineEntry[]; label?: string }) {
  return (
    <ol class="timeline" aria-label={label}>
      {entries.map((e, i) => (
        <li key={e.id ?? i} id={e.id} class={e.current ? 'timeline-entry timeline-entry--current' : 'timeline-entry'}>
          <h3 class="timeline-head">{e.title}</h3>
          {e.date && <p class="meta">{e.date}</p>}
          {e.body}
        </li>
      ))}
    </ol>
  );
}
