import { describe, expect, it } from 'vitest';
import type { MealRecord, PaymentMethod, VoidRecord } from '../ledger/records';
import { EXAMPLE_POLICIES } from '../policy/examples';
import { PolicySchema } from '../policy/schema';
import { quoteMeal } from '../quote/quote';
import type { Channel } from '../atoms';
import { summarizeDay } from './day-summary';

const zengcheng = PolicySchema.parse(EXAMPLE_POLICIES['guangzhou-zengcheng']);
const home = { hukouArea: '440118102', residenceArea: '440118102', categories: [], inCareHome: false, status: 'active' as const };
const elders = {
  age70: { birthDate: '1956-01-01', ...home },
  age85: { birthDate: '1941-01-01', ...home },
};

let serial = 0;
function served(resident: keyof typeof elders | null, time: string, method: PaymentMethod, channel: Channel = 'dine_in', priceFen = 1200): MealRecord {
  const meal = { servedAt: `2026-03-02T${time}:00+08:00`, channel, items: [{ itemId: 'std', name: '标准餐', unitPriceFen: priceFen, quantity: 1, subsidyEligible: true }] };
  const quote = quoteMeal({ policies: [zengcheng], resident: resident && elders[resident], meal, history: [], canteen: { area: '440118102' } });
  serial++;
  return {
    id: `T1-${serial}`,
    tillId: 'T1',
    serial,
    residentId: resident,
    resident: null,
    meal,
    quote,
    date: quote.date,
    month: '2026-03',
    mealPeriod: quote.mealPeriod,
    subsidyFen: 0,
    payment: { method, amountFen: quote.elderPaysFen },
    cashierId: 'c1',
    recordedAt: meal.servedAt,
    seq: serial,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
}

describe('summarizeDay', () => {
  // Zengcheng: a 12-yuan standard meal; the elder pays 5 (60-79) or 3 (80+);
  // the government pays the rest: city 3 + district 3 + township the remainder (1 or 3).
  const meals = [
    served('age70', '11:30', 'cash'), // pays 5, subsidy 7 = 3 + 3 + 1
    served('age85', '11:40', 'wechat'), // pays 3, subsidy 9 = 3 + 3 + 3
    served('age70', '17:45', 'cash', 'pickup'), // dinner: pays 5, subsidy 7 = 3 + 3 + 1
    served(null, '12:00', 'alipay', 'dine_in', 1500), // walk-in: pays 15
    served('age85', '12:10', 'cash'), // second lunch, voided below
  ];
  const overridden = { ...meals[1]!, override: { managerId: 'm1', reason: '家属代为说明' } };
  meals[1] = overridden;
  const voids: VoidRecord[] = [{ id: 'V-T1-5', mealId: 'T1-5', reason: '重复结账', managerId: 'm1', voidedAt: '2026-03-02T12:11:00+08:00', date: '2026-03-02', seq: 6, prevHash: '0'.repeat(64), hash: '0'.repeat(64) }];
  const day = summarizeDay('2026-03-02', meals, voids);

  it('counts meals, persons and walk-ins, leaving the voided meal out', () => {
    expect(day).toMatchObject({ meals: 4, persons: 2, walkIns: 1 });
    expect(day.byPeriod).toEqual({ breakfast: { meals: 0, grossFen: 0 }, lunch: { meals: 3, grossFen: 3900 }, dinner: { meals: 1, grossFen: 1200 } });
    expect(day.byChannel).toEqual({ dine_in: 3, pickup: 1, delivery: 0 });
  });

  it('adds up to the fen: gross = discount + subsidy + what the elders paid = takings', () => {
    // gross 12 + 12 + 12 + 15 = 51; subsidy 7 + 9 + 7 = 23; paid 5 + 3 + 5 + 15 = 28.
    expect(day).toMatchObject({ grossFen: 5100, discountFen: 0, subsidyFen: 2300, elderPaidFen: 2800 });
    expect(day.takingsByMethod).toEqual({ cash: 1000, wechat: 300, alipay: 1500, other: 0 });
    expect(day.expectedCashFen).toBe(1000);
  });

  it('splits the subsidy by funder', () => {
    expect(day.subsidyByFunder.map((funder) => [funder.funderName, funder.amountFen])).toEqual([
      ['广州市财政', 900],
      ['增城区财政', 900],
      ['镇街财政', 500],
    ]);
  });

  it('lists voids with their reasons and overrides with who granted them', () => {
    expect(day.voids).toEqual([{ mealId: 'T1-5', reason: '重复结账', managerId: 'm1', voidedAt: '2026-03-02T12:11:00+08:00', amountFen: 300 }]);
    expect(day.overrides).toEqual([{ mealId: 'T1-2', managerId: 'm1', reason: '家属代为说明' }]);
  });

  it('takes only the day asked for', () => {
    expect(summarizeDay('2026-03-03', meals, voids).meals).toBe(0);
  });
});
