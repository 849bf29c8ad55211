// Home-area-only funding shares: by hukou or by residence (homeAreaOnly "hukou" | "residence" | true).
// 2026-03-02 is a Monday. A 12.00 lunch; co-pay 1.00 for 低保: 11.00 = city 3 + district 3 + township 5.
import { describe, expect, it } from 'vitest';
import { validate } from '../validation';
import { PolicySchema, type PolicyInput } from '../policy/schema';
import { hukouHome } from './eligibility';
import { splitFunding } from './funding';
import { quoteMeal } from './quote';
import { example, meal, policy, resident } from './test-fixtures';

const CANTEEN = { area: '440118102' };

function zengcheng(homeAreaOnly: boolean | 'hukou' | 'residence'): PolicyInput {
  return {
    format: 'canteen-policy/1',
    id: 'zc',
    name: '增城（测试）',
    issuer: '测试',
    effectiveFrom: '2020-01-01',
    mealPeriods: [{ id: 'lunch' }],
    funders: [
      { id: 'city', name: '广州市财政', claimable: true },
      { id: 'district', name: '增城区财政', claimable: true },
      { id: 'township', name: '镇街财政', claimable: true },
    ],
    groups: [{ id: 'subsidy', name: '助餐补贴', type: 'subsidy', combine: 'highest' }],
    rules: [
      {
        id: 'copay',
        name: '长者饭堂助餐补贴',
        group: 'subsidy',
        tiers: [{ minAge: 60, categoriesAnyOf: ['dibao'], benefit: { kind: 'copay', elderPaysFen: 100, maxFen: 1100 } }],
        funding: [
          { funder: 'city', amountFen: 300 },
          { funder: 'district', amountFen: 300 },
          { funder: 'township', remainder: true, homeAreaOnly },
        ],
      },
    ],
  };
}

const lunch = meal('2026-03-02T11:30:00+08:00', [1200]);
const elder = (hukouArea: string | undefined, residenceArea: string) =>
  resident({ birthDate: '1956-01-01', categories: [{ code: 'dibao' }], ...(hukouArea ? { hukouArea } : {}), residenceArea });
const quote = (homeAreaOnly: boolean | 'hukou' | 'residence', hukouArea: string | undefined, residenceArea: string) =>
  quoteMeal({ policies: [policy(zengcheng(homeAreaOnly))], canteen: CANTEEN, resident: elder(hukouArea, residenceArea), meal: lunch, history: [] });

describe('homeAreaOnly "hukou": the township share follows the hukou township', () => {
  it('pays it to an elder whose hukou is here though they live in another township: pays 1.00', () => {
    const q = quote('hukou', '440118102', '440118103001');
    expect([q.elderPaysFen, q.lines[0]?.funders.map((f) => [f.funderId, f.amountFen])]).toEqual([100, [['city', 300], ['district', 300], ['township', 500]]]);
    expect(q.lines[0]?.adjustments).toBeUndefined();
  });
  it('withholds it from an elder living here whose hukou is in another township, and says so: pays 6.00', () => {
    const q = quote('hukou', '440118103', '440118102001');
    expect(q.elderPaysFen).toBe(600);
    expect(q.lines[0]?.adjustments).toEqual([{ code: 'outside_home_area', message: '户籍地（440118103）不在本食堂所在地区（440118102），镇街财政承担的 ¥5.00 不发放' }]);
  });
  it('lets residence decide when the hukou is recorded only to the district (or not at all)', () => {
    expect(quote('hukou', '440118', '440118102001').elderPaysFen).toBe(100);
    expect(quote('hukou', '440118', '440118103001').elderPaysFen).toBe(600);
    expect(quote('hukou', undefined, '440118102001').elderPaysFen).toBe(100);
    // The message is then the residence one.
    expect(quote('hukou', '440118', '440118103001').lines[0]?.adjustments?.[0]?.message).toBe('非本地老人在本食堂就餐（或食堂未设所在地），镇街财政承担的 ¥5.00 不发放');
  });
  it('withholds it from a hukou recorded only to another district', () => {
    expect(quote('hukou', '440117', '440118102001').elderPaysFen).toBe(600);
  });
});

describe('homeAreaOnly "residence" and true: where the elder lives, as before', () => {
  it.each([true, 'residence'] as const)('%s: hukou here, living elsewhere loses the share; living here keeps it', (mode) => {
    expect(quote(mode, '440118102', '440118103001').elderPaysFen).toBe(600);
    expect(quote(mode, '440118103', '440118102001').elderPaysFen).toBe(100);
  });
  it('false or absent: the share is paid wherever the elder lives', () => {
    expect(quote(false, '440118103', '440118103001').elderPaysFen).toBe(100);
  });
});

describe('hukouHome', () => {
  it('tells by hukou when the hukou is as precise as the canteen area, else by residence', () => {
    expect(hukouHome({ hukouArea: '440118102007', residenceArea: '31' }, '440118102')).toEqual({ atHome: true, byHukou: true });
    expect(hukouHome({ hukouArea: '440118', residenceArea: '440118102001' }, '440118102')).toEqual({ atHome: true, byHukou: false });
    expect(hukouHome({ hukouArea: '4402', residenceArea: '440118102001' }, '440118102')).toEqual({ atHome: false, byHukou: true });
    expect(hukouHome({ hukouArea: '440118102' }, undefined)).toEqual({ atHome: false, byHukou: false });
  });
});

describe('splitFunding by area', () => {
  it('withholds each share by its own area', () => {
    const funders = [{ id: 'a', name: '甲', claimable: true }, { id: 'b', name: '乙', claimable: true }];
    const s = splitFunding(500, [{ funder: 'a', amountFen: 200, homeAreaOnly: 'hukou' }, { funder: 'b', remainder: true, homeAreaOnly: 'residence' }], funders, { hukou: true, residence: false });
    expect([s.amountFen, s.dropped.map((d) => d.funderId), s.droppedBy]).toEqual([200, ['b'], ['residence']]);
  });
});

describe('PolicySchema homeAreaOnly', () => {
  it('takes "hukou", "residence", true and false, and nothing else', () => {
    for (const mode of ['hukou', 'residence', true, false] as const) expect(validate(PolicySchema, zengcheng(mode)).ok).toBe(true);
    expect(validate(PolicySchema, zengcheng('huji' as 'hukou')).ok).toBe(false);
  });
});

describe('the shipped Zengcheng example: the township share by hukou township (a documented correction)', () => {
  const policies = [example('guangzhou-zengcheng')];
  const dibao = (hukouArea: string, residenceArea: string) => resident({ birthDate: '1956-01-01', categories: [{ code: 'dibao' }], hukouArea, residenceArea });
  it('pays it to an elder of this township living in the next one: 1.00, not 6.00', () => {
    const q = quoteMeal({ policies, canteen: CANTEEN, resident: dibao('440118102', '440118103001'), meal: lunch, history: [] });
    expect(q.elderPaysFen).toBe(100);
  });
  it('withholds it from an elder of the next township living here: 6.00, not 1.00', () => {
    const q = quoteMeal({ policies, canteen: CANTEEN, resident: dibao('440118103', '440118102001'), meal: lunch, history: [] });
    expect(q.elderPaysFen).toBe(600);
  });
});
