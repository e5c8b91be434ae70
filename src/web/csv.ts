/**
 * RFC 4180 CSV with CRLF line ends. A cell a spreadsheet would run as a formula (= + - @, tab, CR at the start) gets a
 * leading quote, so an export never runs what a participant typed. Numbers are written as they are: a negative score
 * is a number to a spreadsheet, never a formula.
 */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  const cell = (v: string | number | boolean | null) => {
    let s = v === null ? '' : String(v);
    if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
