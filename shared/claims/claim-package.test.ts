// The package end to end under Node: written, unzipped, each file read back by an independent reader
// (exceljs for the workbook, csv-parse for the CSV), and checked as the office checks it.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildClaim } from './build-claim';
import { readClaimPackage, writeClaimPackage } from './claim-package';
import { LI, WANG, aClosing, aHeader, aKey, aMeal, aVoid, books } from './test-fixtures';

const key = await aKey();
const october = [aMeal(1, '2026-10-08T11:30:00+08:00', WANG), aMeal(2, '2026-10-09T11:40:00+08:00', LI), aMeal(3, '2026-10-09T17:40:00+08:00', WANG)];
const november = [aMeal(5, '2026-11-02T11:30:00+08:00', WANG)];
const ledger = books([...october, ...november], [aVoid(6, october[1]!, '2026-11-03T09:00:00+08:00')], [aClosing(4, '2026-10')]);
const claim = buildClaim(aHeader('2026-11', key.info), { ...ledger, meals: november });
const written = await writeClaimPackage(claim, key.sign);

async function workbook(bytes: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return book;
}
const rezip = (files: Record<string, Uint8Array>) => zipSync(files);

describe('claim package', () => {
  it('is named by canteen, month and revision, and reads back as written', async () => {
    expect(written.fileName).toBe('ZC-001_2026-11_r1.claim.zip');
    const read = await readClaimPackage(written.bytes, { registeredKey: { fingerprint: key.info.fingerprint.toLowerCase().replace(/ /g, '-') } });
    expect(read.ok && read.claim).toEqual(claim);
    expect(Object.keys(unzipSync(written.bytes))).toEqual(['claim.json', 'claim.xlsx', 'claim.csv', 'manifest.json']);
  });

  it('gives the same bytes for the same data', async () => {
    const again = await writeClaimPackage(buildClaim(aHeader('2026-11', key.info), { ...ledger, meals: [...november] }), key.sign);
    expect(again.bytes).toEqual(written.bytes);
    expect(again.manifestSha256).toBe(written.manifestSha256);
  });

  it('has a workbook Excel can read: summary with signature lines, detail, persons and adjustments', async () => {
    const book = await workbook(unzipSync(written.bytes)['claim.xlsx']!);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '明细', '人员汇总', '调整']);
    const detail = book.getWorksheet('明细')!;
    expect(detail.getRow(1).getCell(10).value).toBe('证件号码');
    expect(detail.getRow(2).getCell(8).value).toBe('王秀英');
    expect(detail.getRow(2).getCell(10).value).toBe(WANG.idNumber);
    expect(detail.getRow(2).getCell(18).value).toBe(9);
    const summary = book.getWorksheet('汇总')!;
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toEqual(expect.arrayContaining(['经办人（签字）：', '负责人（签字）：', '单位盖章：', key.info.fingerprint]));
    const adjustments = book.getWorksheet('调整')!;
    expect(adjustments.getRow(2).getCell(1).value).toBe('T1-2');
    expect(adjustments.getRow(2).getCell(10).value).toBe(-11);
    // 李𠮷: a name outside the Basic Multilingual Plane survives the round trip.
    expect(adjustments.getRow(2).getCell(6).value).toBe('李𠮷');
  });

  it('has a workbook that prints and reads right: every sheet on A4 across, fitted to the width, header repeated; times in China time', async () => {
    const book = await workbook(unzipSync(written.bytes)['claim.xlsx']!);
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(sheet.views, sheet.name).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
    }
    const detail = book.getWorksheet('明细')!;
    expect([detail.getCell('C1').value, detail.getCell('C2').value]).toEqual(['就餐时间', '2026-11-02 11:30']);
    for (const column of ['O', 'P', 'R', 'S']) expect(detail.getCell(`${column}2`).numFmt, column).toBe('0.00');
    expect(book.getWorksheet('调整')!.getCell('H2').value).toBe('2026-11-03 09:00');
    const summary = book.getWorksheet('汇总')!;
    const exported = summary.getColumn(1).values.indexOf('导出时间');
    expect(summary.getCell(exported, 2).value).toBe('2026-11-28 18:00');
  });

  it('has a CSV with a byte-order mark, Chinese headers and yuan amounts', () => {
    const csv = unzipSync(written.bytes)['claim.csv']!;
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(csv), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 餐次编号: 'T1-5', 就餐时间: '2026-11-02 11:30', 姓名: '王秀英', 证件号码: WANG.idNumber, 餐次: '午餐', '申报补贴（元）': '9.00', '个人支付（元）': '3.00' });
  });

  it('fails its signature or hashes when any single byte of any file changes', async () => {
    const files = unzipSync(written.bytes);
    for (const name of Object.keys(files)) {
      const content = files[name]!;
      // Every byte of the small files; a spread of positions through the large ones.
      const step = Math.max(1, Math.floor(content.length / 200));
      for (let at = 0; at < content.length; at += step) {
        const changed = content.slice();
        changed[at] = changed[at]! ^ 0x01;
        const read = await readClaimPackage(rezip({ ...files, [name]: changed }));
        expect(read.ok, `${name} byte ${at}`).toBe(false);
      }
    }
  }, 60_000);

  it('refuses with a reason: truncated, unsigned, another key, edited amount re-hashed', async () => {
    const files = unzipSync(written.bytes);
    const reason = async (bytes: Uint8Array, options = {}) => {
      const read = await readClaimPackage(bytes, options);
      return read.ok ? 'ok' : read.problem.message;
    };
    expect(await reason(written.bytes.slice(0, written.bytes.length - 100))).toContain('zip 无法打开');
    const { 'manifest.json': _manifest, ...unsigned } = files;
    expect(await reason(rezip(unsigned))).toContain('缺少文件：manifest.json');
    const other = await aKey();
    expect(await reason(written.bytes, { registeredKey: { key: other.info.key } })).toContain('公钥与街道登记');
    // Re-signed by another key after editing: the signature holds, the registered key does not.
    const forged = await writeClaimPackage({ ...claim, publicKey: other.info }, other.sign);
    expect(await reason(forged.bytes, { registeredKey: { fingerprint: key.info.fingerprint } })).toContain('指纹');
    // An edited amount with the hash in the manifest updated: the signature no longer matches.
    const json = JSON.parse(new TextDecoder().decode(files['claim.json']));
    json.lines[0].claimFen += 100;
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    const editedJson = strToU8(JSON.stringify(json));
    manifest.files[0].sha256 = [...new Uint8Array(await crypto.subtle.digest('SHA-256', editedJson))].map((b) => b.toString(16).padStart(2, '0')).join('');
    manifest.files[0].bytes = editedJson.length;
    expect(await reason(rezip({ ...files, 'claim.json': editedJson, 'manifest.json': strToU8(JSON.stringify(manifest)) }))).toContain('签名验证失败');
    // Signed honestly over totals that do not add up.
    const wrongTotals = await writeClaimPackage({ ...claim, totals: { ...claim.totals, claimFen: claim.totals.claimFen + 1 } }, key.sign);
    expect(await reason(wrongTotals.bytes)).toContain('合计与明细相加不符');
  });
});
