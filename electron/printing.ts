// Print settings for Electron's webContents.print / printToPDF, from a validated bridge request.
import type { WebContentsPrintOptions, PrintToPDFOptions } from 'electron';
import type { PaperKind, Printer } from '../shared/bridge';

const MICRONS_PER_MM = 1000;
// Thermal rolls have no page height; a long page lets the driver cut where the receipt ends.
const RECEIPT_PAGE_HEIGHT_MM = 297;
const RECEIPT_WIDTH_MM: Record<Exclude<PaperKind, 'a4'>, number> = { receipt58: 58, receipt80: 80 };

export function printOptions(request: { paper: PaperKind; silent: boolean; deviceName?: string | undefined }): WebContentsPrintOptions {
  const base: WebContentsPrintOptions = {
    silent: request.silent,
    printBackground: true,
    // 58 mm thermal drivers print one copy whatever is asked; asking for one keeps every printer alike.
    copies: 1,
  };
  if (request.deviceName) base.deviceName = request.deviceName;
  if (request.paper === 'a4') return { ...base, pageSize: 'A4', margins: { marginType: 'default' } };
  return {
    ...base,
    margins: { marginType: 'none' },
    pageSize: { width: RECEIPT_WIDTH_MM[request.paper] * MICRONS_PER_MM, height: RECEIPT_PAGE_HEIGHT_MM * MICRONS_PER_MM },
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
