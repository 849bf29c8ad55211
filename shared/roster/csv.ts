// CSV as spreadsheets write it (RFC 4180): quoted fields may hold commas, quotes ("") and line breaks;
// lines end in CRLF or LF. The text is already decoded (see shared/roster/roster-file.ts).
// A line without quotes or stray CRs is split as a whole (the common case, and fast enough for a month's
// claim.csv of 100,000 rows); any other record is read a character at a time.

export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    const line = text.slice(i, end > i && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (!line.includes('"') && !line.includes('\r')) {
      rows.push(line.split(separator));
      i = end + 1;
      continue;
    }
    const [row, next] = parseRecord(text, i, separator);
    rows.push(row);
    i = next;
  }
  return rows;
}

/** One record from `start`, quotes and line breaks inside them honoured; the index after its line break. */
function parseRecord(text: string, start: number, separator: string): [string[], number] {
  const row: string[] = [];
  let field = '';
  let quoted = false;
  let i = start;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      return [row, i + (ch === '\r' && text[i + 1] === '\n' ? 2 : 1)];
    } else {
      field += ch;
      i++;
    }
  }
  row.push(field);
  return [row, n];
}
