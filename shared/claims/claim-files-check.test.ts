// claim.csv compared as bytes (csvAgrees) never lets through what the reading as text (tablesDifference without
// the fast path) would refuse, and takes the file as the till writes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../files/csv-writer';
import { utf8 } from '../files/utf8';
import { writeXlsx } from '../files/xlsx-writer';
import { buildClaim } from './build-claim';
import { csvAgrees, tablesDifference } from './claim-files-check';
import { claimSheets, detailCsvRows, detailRows } from './claim-tables';
import { LI, WANG, aHeader, aKey, aMeal, books } from './test-fixtures';

const key = await aKey();
const meals = [aMeal(1, '2026-11-02T11:30:00+08:00', WANG), aMeal(2, '2026-11-02T11:40:00+08:00', LI), aMeal(3, '2026-11-03T17:30:00+08:00', WANG), aMeal(4, '2026-11-04T11:30:00+08:00', LI)];
const claim = buildClaim(aHeader('2026-11', key.info), books(meals));
const csv = utf8(toCsv(detailCsvRows(detailRows(claim))));
const xlsx = writeXlsx(claimSheets(claim), claim.exportedAt);
const differenceOf = (bytes: Uint8Array) => tablesDifference(claim, { csv: bytes, xlsx }, claim.publicKey.fingerprint);

// Bytes that matter to a CSV reader and to UTF-8: separators, quotes, line ends, digits, signs, lead and continuation bytes.
const INTERESTING = [0x2c, 0x22, 0x0d, 0x0a, 0x20, 0x27, 0x2e, 0x2d, 0x30, 0x31, 0x39, 0x41, 0x80, 0xbf, 0xc0, 0xc2, 0xe4, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xf5, 0xff];
const edited = fc
  .tuple(fc.nat(csv.length), fc.constantFrom('replace', 'insert', 'delete'), fc.oneof(fc.constantFrom(...INTERESTING), fc.integer({ min: 0, max: 255 })))
  .map(([at, edit, byte]) => {
    const bytes = [...csv];
    if (edit === 'replace') bytes[Math.min(at, bytes.length - 1)] = byte;
    else if (edit === 'insert') bytes.splice(at, 0, byte);
    else bytes.splice(Math.min(at, bytes.length - 1), 1);
    return new Uint8Array(bytes);
  });

describe('claim.csv compared as bytes', () => {
  it('takes the file as the till writes it (names outside the BMP included), and the tables agree', async () => {
    expect(claim.lines.some((line) => line.resident.name === LI.name)).toBe(true);
    expect(csvAgrees(csv, claim.lines)).toBe(true);
    expect(await differenceOf(csv)).toBeNull();
  });

  it('never agrees where reading the file as text finds a difference: any byte replaced, inserted or deleted', async () => {
    await fc.assert(
      fc.asyncProperty(edited, async (bytes) => {
        if (csvAgrees(bytes, claim.lines)) expect(await differenceOf(bytes)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves to the reading as text what it does not take, which says what differs', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv);
    // [the file changed, whether it is still taken as bytes, what the reading as text finds]
    const cases: [string, boolean, string | null][] = [
      [text.replace(',9.00,', ',19.00,'), false, 'claim.csv 第 2 行'],
      [text.replace(LI.name, '李吉'), false, '“姓名”'],
      [text.replace(`${LI.name},`, `${LI.name}x,`), false, '“姓名”'],
      [text.replace(`,${LI.idNumber},`, `,${LI.idNumber.slice(0, -1)},`), false, '“证件号码”'],
      [text.replace(',9.00,', ',9.0,'), true, null],
      [text.replace(',9.00,', ',9.000,'), false, 'claim.csv 第 2 行'],
      [text.replace(',9.00,', ',"9.00",'), false, null],
      [text.replace(',9.00,', ', 9.00,'), false, null],
      [text.replaceAll('\r\n', '\n'), false, null],
      [`${text},,,\r\n`, false, null],
      [`${text}\r\n`, false, null],
      [text.replace('\uFEFF', ''), false, null],
      [text.replace('\uFEFF', '\uFEFF\uFEFF'), false, null],
    ];
    // Quotes that join two fields for a CSV reader, the fields in between left the same: never taken as bytes.
    const rows = text.split('\r\n');
    const quoted = rows[1]!.split(',');
    quoted[5] = `"${quoted[5]}`;
    quoted[6] = `${quoted[6]}"`;
    cases.push([[rows[0], quoted.join(','), ...rows.slice(2)].join('\r\n'), false, 'claim.csv 第 2 行']);
    for (const [changed, agrees, problem] of cases) {
      const bytes = utf8(changed);
      expect(csvAgrees(bytes, claim.lines), changed.slice(0, 80)).toBe(agrees);
      const difference = await differenceOf(bytes);
      if (problem === null) expect(difference).toBeNull();
      else expect(difference).toContain(problem);
    }
    expect(csvAgrees(new Uint8Array([...csv.slice(0, 40), 0xed, 0xa0, 0x80, ...csv.slice(40)]), claim.lines)).toBe(false);
    expect(await differenceOf(new Uint8Array([...csv.slice(0, 40), 0xed, 0xa0, 0x80, ...csv.slice(40)]))).toBe('claim.csv 不是 UTF-8 文本');
  });
});
