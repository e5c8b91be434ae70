import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context.ts';
import { excelHref } from '../csv.ts';

/** A CSV export's link, with its Swedish Excel variant (BOM, `;`, decimal commas) beside it. */
export function CsvLink({ href, children }: { href: string; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <>
      <a href={href}>{children}</a> (<a href={excelHref(href)}>{t('csv.excel')}</a>)
    </>
  );
}
