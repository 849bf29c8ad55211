import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/quote/types';
import { aResident, tianjin } from '../db/test-fixtures';
import { CustomerCard } from './customer-card';
import { residentCardFacts } from './identify/card-facts';

// Thursday: the week began on Monday 2026-03-02.
const DATE = '2026-03-05';
const subsidised = (date: string): HistoryEntry => ({ date, mealPeriod: 'lunch', benefits: [{ policyId: 'tianjin-2024', ruleId: 'meal-3', groupId: 'subsidy', amountFen: 300 }] });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('CustomerCard', () => {
  it('shows name, age, masked ID, status, categories in force, tier, today’s meals and what is left of each limit', () => {
    const resident = aResident({ name: '张桂兰', idNumber: '120101194001011232', categories: [{ code: 'living_alone' }, { code: 'dibao', to: '2026-12-31' }] });
    const history = [subsidised('2026-03-02'), subsidised('2026-03-03'), subsidised('2026-03-04')];
    const html = renderToStaticMarkup(<CustomerCard resident={resident} date={DATE} policies={[tianjin]} history={history} />);
    const shown = text(html);
    expect(shown).toContain('张桂兰');
    expect(shown).toContain('86 岁');
    expect(shown).toContain('120101********1232');
    expect(shown).not.toContain('120101194001011232');
    expect(shown).toContain('在册');
    expect(shown).toContain('独居、低保（至 2026-12-31）');
    expect(shown).toContain('助餐补贴：80周岁以上');
    expect(shown).toContain('尚未就餐');
    expect(shown).toContain('今日助餐补贴 0/1 次');
    expect(shown).toContain('本周助餐补贴 3/5 次');
    expect(html).not.toContain('role="alert"');
  });

  it('warns in red of an elder who moved away or died, and shows no limits left to use', () => {
    for (const [status, words] of [
      ['moved', '已迁出（2026-02-01）：不再享受补贴，只能按原价结账'],
      ['deceased', '花名册登记为已身故（2026-02-01）：请核实来人身份'],
    ] as const) {
      const html = renderToStaticMarkup(<CustomerCard resident={aResident({ status, statusDate: '2026-02-01' })} date={DATE} policies={[tianjin]} history={[]} />);
      expect(html).toContain('class="customer danger"');
      expect(html).toMatch(/role="alert".*class="danger"/);
      expect(text(html)).toContain(words);
      expect(text(html)).toContain('今日不符合补贴条件');
      expect(html).not.toContain('data-testid="limits"');
    }
  });

  it('says when a move lies ahead, without refusing today', () => {
    const facts = residentCardFacts(aResident({ status: 'moved', statusDate: '2026-04-01' }), DATE, [tianjin], []);
    expect(facts.warnings).toEqual([{ level: 'warn', text: '将于 2026-04-01 迁出，之后不再享受补贴' }]);
    expect(facts.tiers).toEqual(['助餐补贴：80周岁以上']);
  });

  it('warns of a category that expired or is not yet in force, and of an elder under 60', () => {
    const facts = residentCardFacts(
      aResident({ birthDate: '1970-05-05', categories: [{ code: 'dibao', to: '2026-02-28' }, { code: 'tekun', from: '2026-04-01' }, { code: 'living_alone' }] }),
      DATE,
      [],
      [],
    );
    expect(facts.categories).toEqual(['独居']);
    expect(facts.warnings.map((warning) => warning.text)).toEqual([
      '低保身份已于 2026-02-28 到期，不再按此身份享受补贴',
      '特困身份自 2026-04-01 起生效，今天还不能享受',
      '未满 60 周岁（55 岁）：一般按原价结账',
    ]);
  });

  it('marks a used-up limit and lists today’s meals', () => {
    const facts = residentCardFacts(aResident(), DATE, [tianjin], [subsidised('2026-03-05')]);
    expect(facts.mealsToday).toEqual(['午餐']);
    expect(facts.limits).toEqual([
      { label: '今日助餐补贴 1/1 次', usedUp: true },
      { label: '本周助餐补贴 1/5 次', usedUp: false },
    ]);
  });

  it('shows a walk-in as paying full price', () => {
    expect(text(renderToStaticMarkup(<CustomerCard resident={null} date={DATE} />))).toContain('散客 按原价结账');
  });
});
