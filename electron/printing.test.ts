import { describe, expect, it } from 'vitest';
import { pdfOptions, printOptions, toPrinter } from './printing';

describe('printOptions', () => {
  it('prints receipts silently to the chosen printer, edge to edge, one copy', () => {
    expect(printOptions({ paper: 'receipt58', silent: true, deviceName: 'XP-58' })).toEqual({
      silent: true,
      printBackground: true,
      copies: 1,
      deviceName: 'XP-58',
      margins: { marginType: 'none' },
      pageSize: { width: 58_000, height: 297_000 },
    });
    expect(printOptions({ paper: 'receipt80', silent: true }).pageSize).toEqual({ width: 80_000, height: 297_000 });
  });
  it('prints reports on A4 with a dialog unless silent is asked', () => {
    const options = printOptions({ paper: 'a4', silent: false });
    expect(options).toMatchObject({ silent: false, pageSize: 'A4', copies: 1 });
    expect(options.deviceName).toBeUndefined();
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
