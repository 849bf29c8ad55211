// Who pays each benefit. Shares always add up to the line's amount to the fen: fixed and percent
// shares are taken in file order (never more than is left), the remainder funder gets the rest.
import { percentOfFen, type Fen } from '../money';
import { homeAreaOf, type Funder, type FundingShare, type HomeArea } from '../policy/schema';
import type { FunderShare } from './types';

export type FundingSplit = {
  amountFen: Fen;
  funders: FunderShare[];
  /** Home-area-only shares withheld because the resident ate outside their own area. */
  dropped: FunderShare[];
  /** For each dropped share, the area that withheld it. */
  droppedBy: HomeArea[];
};

/** Whether the canteen is in the elder's own area, by hukou and by residence; a boolean when both agree. */
export type AtHome = boolean | Readonly<Record<HomeArea, boolean>>;

export function splitFunding(amountFen: Fen, shares: readonly FundingShare[], funders: readonly Funder[], atHome: AtHome): FundingSplit {
  const amounts: number[] = [];
  let left = amountFen;
  let remainderIndex = -1;
  shares.forEach((s, i) => {
    let a = 0;
    if ('amountFen' in s) a = Math.min(s.amountFen, left);
    else if ('basisPoints' in s) a = Math.min(percentOfFen(amountFen, s.basisPoints), left);
    else remainderIndex = i;
    amounts.push(a);
    left -= a;
  });
  if (remainderIndex >= 0) amounts[remainderIndex] = left;
  const kept: FunderShare[] = [];
  const dropped: FunderShare[] = [];
  const droppedBy: HomeArea[] = [];
  let total = 0;
  shares.forEach((s, i) => {
    const a = amounts[i] ?? 0;
    if (a === 0) return;
    const f = funders.find((x) => x.id === s.funder);
    const share: FunderShare = { funderId: s.funder, funderName: f?.name ?? s.funder, claimable: f?.claimable ?? false, amountFen: a };
    const by = homeAreaOf(s);
    if (by && !(typeof atHome === 'boolean' ? atHome : atHome[by])) {
      dropped.push(share);
      droppedBy.push(by);
    } else {
      kept.push(share);
      total += a;
    }
  });
  return { amountFen: total, funders: kept, dropped, droppedBy };
}

/** Lowers a split to a smaller amount (a limit or the bill), taking from the last-listed funder first. */
export function clipFunding(shares: readonly FunderShare[], amountFen: Fen): FunderShare[] {
  let excess = shares.reduce((s, x) => s + x.amountFen, 0) - amountFen;
  const out = shares.map((s) => ({ ...s }));
  for (let i = out.length - 1; i >= 0 && excess > 0; i--) {
    const s = out[i] as FunderShare;
    const take = Math.min(s.amountFen, excess);
    s.amountFen -= take;
    excess -= take;
  }
  return out.filter((s) => s.amountFen > 0);
}
