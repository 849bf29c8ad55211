// A receipt's printed height, so the desktop shell sets a page as long as the receipt and the driver
// feeds no blank paper after it. Measured by laying the print area out off-screen at the roll's width.
import type { PaperKind } from '../../shared/bridge';

const MM_PER_CSS_PX = 25.4 / 96;
const ROLL_WIDTH: Record<PaperKind, string | null> = { receipt58: '58mm', receipt80: '80mm', a4: null };

export function receiptHeightMm(area: HTMLElement, paper: PaperKind): number | undefined {
  const width = ROLL_WIDTH[paper];
  if (!width) return undefined;
  const saved = area.style.cssText;
  // CSSOM, not a style attribute: allowed under the app's CSP.
  Object.assign(area.style, { display: 'block', position: 'absolute', visibility: 'hidden', left: '-10000px', top: '0', width });
  const heightPx = area.getBoundingClientRect().height;
  area.style.cssText = saved;
  if (!heightPx) return undefined;
  return Math.min(3000, Math.max(20, Math.ceil(heightPx * MM_PER_CSS_PX)));
}
