import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';

/**
 * Parses a CSV export strictly (csv-parse with no relaxations: a stray quote or a row of another length fails) and
 * checks its dialect: CRLF line ends; the Excel variant starts with a byte-order mark and separates with `;`.
 */
export function parseStrictCsv(body: string, { excel = false } = {}): string[][] {
  assert.equal(body.startsWith('\uFEFF'), excel, excel ? 'the Excel variant starts with a BOM' : 'no BOM in plain CSV');
  assert.ok(body.endsWith('\r\n'), 'records end with CRLF');
  return parse(body, {
    bom: excel,
    delimiter: excel ? ';' : ',',
    record_delimiter: '\r\n',
    relax_quotes: false,
    relax_column_count: false,
    skip_empty_lines: false,
  });
}
