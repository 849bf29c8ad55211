// CSV for older office systems and Excel: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF,
// fields quoted only when they must be (RFC 4180).
const NEEDS_QUOTES = /[",\r\n]/;
// OWASP's CSV-injection rule: a cell that begins with one of these is a formula to Excel and WPS.
const FORMULA_START = /^[=+\-@\t\r]/;
// A plain amount such as -15.00 is left as it is: a number, not a formula.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Text a spreadsheet shows as typed: a leading apostrophe turns a would-be formula into text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
