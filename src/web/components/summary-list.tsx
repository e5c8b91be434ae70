import { Fragment, type ComponentChildren } from 'preact';

/**
 * SummaryList (GOV.UK's summary list): facts about one thing as key and value, one row each, side by side from the
 * tablet breakpoint. Rows whose value is null, undefined, false or '' are left out. CSS: "SummaryList" in
 * src/web/styles/components.css (which also styles a hand-written <dl class="summary-list">).
 *   <SummaryList rows={[{ key: 'Stage', value: 'Pilot' }, { key: 'Repository', value: <a href={url}>{url}</a> }]} />
 */
export interface SummaryRow {
  key: ComponentChildren;
  value: ComponentChildren;
}

export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  const shown = rows.filter((r) => r.value !== null && r.value !== undefined && r.value !== false && r.value !== '');
  if (shown.length === 0) return null;
  return (
    <dl class="summary-list">
      {shown.map((r, i) => (
        <Fragment key={i}>
          <dt>{r.key}</dt>
          <dd>{r.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
