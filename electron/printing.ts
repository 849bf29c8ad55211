// Print settings for Electron's webContents.print / printToPDF, from a validated bridge request, and
// what a failed print means in words a cashier understands.
import type { WebContentsPrintOptions, PrintToPDFOptions } from 'electron';
import type { PaperKind, Printer, PrintResult } from '../shared/bridge';

const MICRONS_PER_MM = 1000;
// Used only when the renderer did not measure the receipt: a roll has no page height of its own.
const RECEIPT_FALLBACK_HEIGHT_MM = 200;
// A little paper below the last line, so the cutter does not cut through it.
const RECEIPT_TAIL_MM = 8;
const RECEIPT_WIDTH_MM: Record<Exclude<PaperKind, 'a4'>, number> = { receipt58: 58, receipt80: 80 };

export type PrintRequestOptions = { paper: PaperKind; silent: boolean; deviceName?: string | undefined; pageHeightMm?: number | undefined };

export function printOptions(request: PrintRequestOptions): WebContentsPrintOptions {
  const base: WebContentsPrintOptions = {
    silent: request.silent,
    printBackground: true,
    // 58 mm thermal drivers print one copy whatever is asked; asking for one keeps every printer alike.
    copies: 1,
  };
  if (request.deviceName) base.deviceName = request.deviceName;
  if (request.paper === 'a4') return { ...base, pageSize: 'A4', margins: { marginType: 'default' } };
  // The page is as long as the receipt, so drivers that honour the page length feed no blank paper.
  const heightMm = request.pageHeightMm ? request.pageHeightMm + RECEIPT_TAIL_MM : RECEIPT_FALLBACK_HEIGHT_MM;
  return {
    ...base,
    margins: { marginType: 'none' },
    pageSize: { width: RECEIPT_WIDTH_MM[request.paper] * MICRONS_PER_MM, height: heightMm * MICRONS_PER_MM },
  };
}

export function pdfOptions(request: { paper: PaperKind; landscape: boolean }): PrintToPDFOptions {
  // Page size and margins come from the page's own @page rules, so the PDF matches what prints.
  return { landscape: request.landscape, printBackground: true, preferCSSPageSize: true, pageSize: request.paper === 'a4' ? 'A4' : undefined };
}

/** Electron dropped PrinterInfo.isDefault; CUPS and Windows report it among the driver options instead. */
export function toPrinter(info: { name: string; displayName: string; options?: Record<string, string> | object; isDefault?: boolean }): Printer {
  const options = (info.options ?? {}) as Record<string, unknown>;
  const isDefault = info.isDefault === true || options['is-default'] === 'true' || options['printer-is-default'] === 'true';
  return { name: info.name, displayName: info.displayName || info.name, isDefault };
}

export const printerGone = (name: string): PrintResult => ({
  ok: false,
  message: `打印失败：找不到打印机“${name}”，它可能已断开或被删除。请检查打印机电源和连线，或到 设置 → 小票打印 重新选择。`,
});

/** Chromium's failure reasons are short English phrases; the cashier reads Chinese. */
export function describePrintFailure(reason: string | undefined, deviceName?: string): PrintResult {
  const text = (reason ?? '').toLowerCase();
  if (text.includes('invalid devicename') || text.includes('invalid printer')) return printerGone(deviceName ?? '');
  if (text.includes('cancel')) return { ok: false, message: '打印已取消。' };
  if (text.includes('no printers') || text.includes('no printer')) return { ok: false, message: '打印失败：这台电脑没有可用的打印机。请连接打印机后重试。' };
  return { ok: false, message: '打印失败：打印机没有响应。请检查打印机是否开机、有纸、连线正常，然后在今日列表中补打。' };
}
