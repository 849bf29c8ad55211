// Worked examples: Shenzhen 2026, the shipped example in force now (2025's ended on 2025-12-31).
// 2026-03-02 is a Monday. Amounts in fen.
import { describe, expect, it } from 'vitest';
import { quoteMeal } from './quote';
import { amounts, example, meal, reasons, resident } from './test-fixtures';

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

describe('Shenzhen 2026: the 2025 rules with the 2026 holidays', () => {
  const policies = [example('shenzhen-2026')];
  const seventyFive = resident({ birthDate: '1951-01-01' });
  const lunch = (date: string) => quoteMeal({ policies, resident: seventyFive, meal: meal(at(date, '12:00'), [2000]), history: [] });

  it('pays 5.00 on a 2026 weekday lunch, where the 2025 file has ended', () => {
    expect([amounts(lunch('2026-03-02')), lunch('2026-03-02').elderPaysFen]).toEqual([[['meal', 500]], 1500]);
    const old = quoteMeal({ policies: [example('shenzhen')], resident: seventyFive, meal: meal(at('2026-03-02', '12:00'), [2000]), history: [] });
    expect(old.notApplied.map((n) => n.code)).toEqual(['not_in_force']);
  });
  it('skips the 2026 holidays on weekdays and counts the adjusted Saturdays and Sundays', () => {
    for (const holiday of ['2026-01-02', '2026-02-16', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07']) {
      expect(reasons(lunch(holiday))).toContain(`meal excluded_date: ${holiday} 为本政策不发放补贴的日期`);
    }
    for (const worked of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect([worked, amounts(lunch(worked))]).toEqual([worked, [['meal', 500]]]);
    }
    expect(reasons(lunch('2026-03-07'))).toContain('meal weekend: 仅限工作日（今天是星期六）');
  });
  it('ends with 2026', () => {
    expect(reasons(lunch('2027-01-04'))).toEqual(['shenzhen-2026 not_in_force: 政策有效期为 2026-01-01 至 2026-12-31，2027-01-04 不在有效期内']);
  });
});
