import { describe, expect, it } from 'vitest';
import { describePrintFailure, pdfOptions, printOptions, toPrinter } from './printing';

describe('printOptions', () => {
  it('prints receipts silently to the chosen printer, edge to edge, one copy, as long as the receipt', () => {
    expect(printOptions({ paper: 'receipt58', silent: true, deviceName: 'XP-58', pageHeightMm: 92 })).toEqual({
      silent: true,
      printBackground: true,
      copies: 1,
      deviceName: 'XP-58',
      margins: { marginType: 'none' },
      pageSize: { width: 58_000, height: 100_000 },
    });
    expect(printOptions({ paper: 'receipt80', silent: true, pageHeightMm: 60 }).pageSize).toEqual({ width: 80_000, height: 68_000 });
  });
  it('falls back to a receipt-sized page when the content was not measured', () => {
    expect(printOptions({ paper: 'receipt58', silent: true }).pageSize).toEqual({ width: 58_000, height: 200_000 });
  });
  it('prints reports on A4 with a dialog unless silent is asked', () => {
    const options = printOptions({ paper: 'a4', silent: false, pageHeightMm: 50 });
    expect(options).toMatchObject({ silent: false, pageSize: 'A4', copies: 1 });
    expect(options.deviceName).toBeUndefined();
  });
});

describe('describePrintFailure', () => {
  it('tells the cashier in Chinese what went wrong', () => {
    expect(describePrintFailure('Invalid deviceName provided', 'XP-58')).toEqual({
      ok: false,
      message: expect.stringMatching(/^打印失败：找不到打印机“XP-58”.*设置 → 小票打印/),
    });
    expect(describePrintFailure('Print job canceled')).toEqual({ ok: false, message: '打印已取消。' });
    for (const reason of ['Print job failed', undefined, '']) {
      const result = describePrintFailure(reason);
      expect(!result.ok && result.message).toMatch(/^打印失败：打印机没有响应/);
      expect(!result.ok && result.message).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

describe('pdfOptions', () => {
  it('takes the page size from the page\'s CSS', () => {
    expect(pdfOptions({ paper: 'a4', landscape: false })).toMatchObject({ preferCSSPageSize: true, pageSize: 'A4', landscape: false });
  });
});

describe('toPrinter', () => {
  it('reads the default flag from the driver options', () => {
    expect(toPrinter({ name: 'XP58', displayName: '', options: { 'printer-is-default': 'true' } })).toEqual({ name: 'XP58', displayName: 'XP58', isDefault: true });
    expect(toPrinter({ name: 'A4', displayName: '办公室打印机', options: {} }).isDefault).toBe(false);
  });
});
