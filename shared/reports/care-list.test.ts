import { describe, expect, it } from 'vitest';
import { addDays } from '../china-time';
import type { ResidentRecord } from '../ledger/records';
import { careList, USUAL_MIN_DAYS, type CareListInput } from './care-list';

const TODAY = '2026-03-20';

function resident(id: string, overrides: Partial<ResidentRecord> = {}): ResidentRecord {
  return {
    id, name: `老人${id}`, idKind: 'resident', idNumber: `11010519491231${id.padStart(4, '0')}`, birthDate: '1949-12-31',
    phone: '13800000000', address: '幸福里1号', categories: [{ code: 'living_alone' }], inCareHome: false, status: 'active',
    mealCards: [], createdAt: '2026-01-01T00:00:00+08:00', updatedAt: '2026-01-01T00:00:00+08:00', ...overrides,
  };
}

/** One lunch a day on each of `days` days ending `lastAgo` days before today. */
function meals(residentId: string, lastAgo: number, days = 10) {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(TODAY, -(lastAgo + i));
    return { id: `${residentId}-${date}`, residentId, date };
  });
}

const base = (over: Partial<CareListInput>): CareListInput => ({ today: TODAY, absentDays: 2, categories: ['living_alone'], residents: [], meals: [], voids: [], ...over });

describe('care list', () => {
  it('lists a resident living alone absent for 3 days, with last meal and days absent', () => {
    const list = careList(base({ residents: [resident('1')], meals: meals('1', 3) }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ lastMealDate: '2026-03-17', daysAbsent: 3, usualDays: 10, lastContact: null });
  });

  it('N counts full days including today: last meal N days ago is listed, N-1 days ago is not', () => {
    expect(careList(base({ absentDays: 2, residents: [resident('1')], meals: meals('1', 2) }))).toHaveLength(1);
    expect(careList(base({ absentDays: 2, residents: [resident('1')], meals: meals('1', 1) }))).toHaveLength(0);
    expect(careList(base({ absentDays: 3, residents: [resident('1')], meals: meals('1', 3) }))).toHaveLength(1);
    expect(careList(base({ absentDays: 3, residents: [resident('1')], meals: meals('1', 2) }))).toHaveLength(0);
    expect(careList(base({ absentDays: 1, residents: [resident('1')], meals: meals('1', 0) }))).toHaveLength(0);
  });

  it('a voided meal does not count as served', () => {
    const m = [...meals('1', 3), { id: 'yesterday', residentId: '1', date: addDays(TODAY, -1) }];
    expect(careList(base({ residents: [resident('1')], meals: m }))).toHaveLength(0);
    expect(careList(base({ residents: [resident('1')], meals: m, voids: [{ mealId: 'yesterday' }] }))).toHaveLength(1);
  });

  it('only residents who usually eat here', () => {
    expect(careList(base({ residents: [resident('1')], meals: meals('1', 3, USUAL_MIN_DAYS) }))).toHaveLength(1);
    expect(careList(base({ residents: [resident('1')], meals: meals('1', 3, USUAL_MIN_DAYS - 1) }))).toHaveLength(0);
    expect(careList(base({ residents: [resident('1')] }))).toHaveLength(0);
  });

  it('respects the chosen categories and their validity dates', () => {
    const m = meals('1', 3);
    expect(careList(base({ residents: [resident('1', { categories: [{ code: 'empty_nest' }] })], meals: m }))).toHaveLength(0);
    expect(careList(base({ categories: ['empty_nest'], residents: [resident('1', { categories: [{ code: 'empty_nest' }] })], meals: m }))).toHaveLength(1);
    expect(careList(base({ residents: [resident('1', { categories: [{ code: 'living_alone', to: '2026-03-19' }] })], meals: m }))).toHaveLength(0);
    expect(careList(base({ residents: [resident('1', { categories: [{ code: 'living_alone', from: '2026-03-21' }] })], meals: m }))).toHaveLength(0);
    expect(careList(base({ residents: [resident('1', { categories: [{ code: 'living_alone', from: '2026-03-01', to: TODAY }] })], meals: m }))).toHaveLength(1);
  });

  it('leaves out residents who moved away or died', () => {
    const m = meals('1', 3);
    expect(careList(base({ residents: [resident('1', { status: 'moved', statusDate: '2026-03-18' })], meals: m }))).toHaveLength(0);
    expect(careList(base({ residents: [resident('1', { status: 'deceased', statusDate: '2026-03-18' })], meals: m }))).toHaveLength(0);
    expect(careList(base({ residents: [resident('1', { status: 'deceased' })], meals: m }))).toHaveLength(0);
  });

  it('shows the latest contact mark', () => {
    const contacts = [
      { id: 'a', residentId: '1', at: '2026-03-19T10:00:00+08:00', by: 'm1', note: '电话未接' },
      { id: 'b', residentId: '1', at: '2026-03-20T09:00:00+08:00', by: 'm1', note: '已上门，住院中' },
    ];
    expect(careList(base({ residents: [resident('1')], meals: meals('1', 3), contacts }))[0]?.lastContact?.note).toBe('已上门，住院中');
  });
});
