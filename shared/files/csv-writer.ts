// CSV for older office systems and Excel: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF,
// fields quoted only when they must be (RFC 4180).
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number): string {
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
