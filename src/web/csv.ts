import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';

type Cell = string | number | boolean | null;

export interface CsvOptions {
  /**
   * For Excel in a Swedish locale, which reads a CSV by the list separator of the system's region: UTF-8 with a
   * byte-order mark (else å, ä, ö come out garbled), `;` between cells and decimal commas in numbers.
   */
  excel?: boolean;
}

/**
 * RFC 4180 CSV with CRLF line ends, written by csv-stringify. A cell a spreadsheet would run as a formula (= + - @,
 * tab, CR at the start) gets a leading quote, so an export never runs what a participant typed. Numbers are written
 * as they are: a negative score is a number to a spreadsheet, never a formula. Every cell holding the separator, a quote or a
 * line break is quoted.
 */
export function toCsv(header: string[], rows: Cell[][], { excel = false }: CsvOptions = {}): string {
  const cell = (v: Cell): string => {
    if (v === null) return '';
    if (typeof v === 'number') return excel ? String(v).replace('.', ',') : String(v);
    const s = String(v);
    return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  };
  const body = stringify(
    [header, ...rows].map((r) => r.map(cell)),
    {
      delimiter: excel ? ';' : ',',
      record_delimiter: 'windows',
      // Plain CSV quotes `;` too, so a Swedish Excel that splits on it still keeps such a cell whole.
      quoted_match: excel ? undefined : /;/,
    },
  );
  return excel ? `\uFEFF${body}` : body;
}

/** True when the Swedish Excel variant is asked for (`?excel=1`). */
export const wantsExcel = (req: FastifyRequest) => (req.query as Record<string, unknown> | undefined)?.excel === '1';

/** The address of an export's Excel variant, for the link beside the CSV link. */
export const excelHref = (href: string) => `${href}${href.includes('?') ? '&' : '?'}excel=1`;

/**
 * Sends a CSV export, or its Excel variant when `?excel=1` asks for it. A filename makes it a download; the Excel
 * variant is always one, named apart so both can sit in one folder.
 */
export function sendCsv(req: FastifyRequest, reply: FastifyReply, header: string[], rows: Cell[][], filename?: string): FastifyReply {
  const excel = wantsExcel(req);
  if (excel) reply.header('content-disposition', `attachment; filename="${(filename ?? 'export.csv').replace(/\.csv$/, '')}-excel.csv"`);
  else if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.type('text/csv; charset=utf-8').send(toCsv(header, rows, { excel }));
}
