// Printing: what should print is rendered into a print-only area outside the app, then the bridge
// prints the page (silently to the receipt printer on the desktop, the print dialog in a browser).
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { PaperKind, PrintResult } from '../../shared/bridge';
import { bridge } from '../bridge';
import { printFailureText } from './print-failure';
import { receiptHeightMm } from './receipt-height';

let root: Root | undefined;
let area: HTMLElement | undefined;

function printArea(): { root: Root; area: HTMLElement } {
  if (!root || !area) {
    area = document.createElement('div');
    area.id = 'print-area';
    document.body.append(area);
    root = createRoot(area);
  }
  return { root, area };
}

/** Renders `content` into the print area on `paper`, runs `output`, and clears the printing mark. */
async function withPrintArea<T>(content: ReactNode, paper: PaperKind, output: (area: HTMLElement) => Promise<T>): Promise<T> {
  try {
    const target = printArea();
    flushSync(() => target.root.render(content));
    // Named @page rules in app.css give each paper its size and margins.
    target.area.dataset.paper = paper;
    document.documentElement.dataset.printing = paper;
    return await output(target.area);
  } finally {
    delete document.documentElement.dataset.printing;
  }
}

/** Renders `content` for printing on `paper` and prints it. Never throws: a failed print is a result. */
export async function printContent(content: ReactNode, paper: PaperKind, printerName = ''): Promise<PrintResult> {
  try {
    return await withPrintArea(content, paper, (area) =>
      bridge.print({ paper, silent: !!printerName, deviceName: printerName || undefined, pageHeightMm: receiptHeightMm(area, paper) }),
    );
  } catch (error) {
    return { ok: false, message: printFailureText(error) };
  }
}

/**
 * A report kept as a file: a PDF saved where the manager chooses in the desktop app; the print dialog in a
 * browser, whose "save as PDF" does the same.
 */
export async function printOrSavePdf(content: ReactNode, paper: PaperKind, pdfName: string): Promise<PrintResult & { savedAs?: string }> {
  try {
    const pdf = await withPrintArea(content, paper, () => bridge.printToPdf({ paper }));
    if (!pdf) return await printContent(content, paper);
    const saved = await bridge.saveFile({ suggestedName: pdfName, bytes: pdf as Uint8Array<ArrayBuffer>, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    return saved.ok ? { ok: true, savedAs: saved.path ?? pdfName } : { ok: false, message: saved.message };
  } catch (error) {
    return { ok: false, message: printFailureText(error) };
  }
}
