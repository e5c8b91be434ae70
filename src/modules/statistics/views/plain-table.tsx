import type { ComponentChildren } from 'preact';

/** A table of figures that scrolls sideways on narrow screens (and can be reached by keyboard to do so). */
export function PlainTable({
  id,
  title,
  head,
  rows,
  hiddenCaption,
}: {
  id: string;
  title: string;
  head: string[];
  rows: ComponentChildren[][];
  hiddenCaption?: boolean;
}) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table>
        <caption id={`${id}-caption`} class={hiddenCaption ? 'visually-hidden' : undefined}>
          {title}
        </caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, ...values], i) => (
            <tr key={i}>
              <th scope="row">{label}</th>
              {values.map((v, j) => (
                <td key={j} class="num">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
