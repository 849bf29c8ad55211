import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv-writer';

describe('toCsv', () => {
  it('writes cells that would be formulas as text, and leaves amounts and plain text alone', () => {
    const names = ['=HYPERLINK("http://x","点我")', '+1+1', '-2+3', '@SUM(1)', '\t=1', '\r=1', '王丽', '-15.00', '3'];
    const csv = toCsv([names]);
    const [row] = parse(csv, { bom: true, relax_quotes: true }) as string[][];
    expect(row).toEqual(["'=HYPERLINK(\"http://x\",\"点我\")", "'+1+1", "'-2+3", "'@SUM(1)", "'\t=1", "'\r=1", '王丽', '-15.00', '3']);
    for (const cell of row!) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  });
});
