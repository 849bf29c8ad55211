import { describe, expect, it } from 'vitest';
import type { Funder, FundingShare } from '../policy/schema';
import { clipFunding, splitFunding } from './funding';

const funders: Funder[] = [
  { id: 'city', name: '市级', claimable: true },
  { id: 'district', name: '区级', claimable: true },
  { id: 'town', name: '镇街', claimable: true },
  { id: 'canteen', name: '食堂', claimable: false },
];
const zengcheng: FundingShare[] = [
  { funder: 'city', amountFen: 300 },
  { funder: 'district', amountFen: 300 },
  { funder: 'town', remainder: true, homeAreaOnly: true },
];

describe('splitFunding', () => {
  it('takes fixed shares first and gives the remainder the rest', () => {
    const s = splitFunding(1100, zengcheng, funders, true);
    expect(s.amountFen).toBe(1100);
    expect(s.funders.map((f) => [f.funderId, f.amountFen])).toEqual([['city', 300], ['district', 300], ['town', 500]]);
    expect(s.dropped).toEqual([]);
  });
  it('never gives fixed shares more than the amount', () => {
    const s = splitFunding(400, zengcheng, funders, true);
    expect(s.funders.map((f) => [f.funderId, f.amountFen])).toEqual([['city', 300], ['district', 100]]);
  });
  it('withholds home-area-only shares outside the home area, lowering the amount', () => {
    const s = splitFunding(1100, zengcheng, funders, false);
    expect(s.amountFen).toBe(600);
    expect(s.dropped).toEqual([{ funderId: 'town', funderName: '镇街', claimable: true, amountFen: 500 }]);
  });
  it('rounds percent shares half up and leaves the rounding to the remainder', () => {
    const shares: FundingShare[] = [
      { funder: 'city', basisPoints: 3333 },
      { funder: 'district', basisPoints: 3333 },
      { funder: 'canteen', remainder: true },
    ];
    const s = splitFunding(101, shares, funders, true);
    // 101 × 33.33% = 33.66 → 34, twice; the canteen gets 101 − 68 = 33
    expect(s.funders.map((f) => f.amountFen)).toEqual([34, 34, 33]);
    expect(s.funders[2]?.claimable).toBe(false);
  });
});

describe('clipFunding', () => {
  it('takes from the last-listed funder first and keeps the sum exact', () => {
    const { funders: split } = splitFunding(1100, zengcheng, funders, true);
    expect(clipFunding(split, 700).map((f) => [f.funderId, f.amountFen])).toEqual([['city', 300], ['district', 300], ['town', 100]]);
    expect(clipFunding(split, 250).map((f) => [f.funderId, f.amountFen])).toEqual([['city', 250]]);
    expect(clipFunding(split, 1100)).toEqual(split);
  });
});
