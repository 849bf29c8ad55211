// Scenario files as policy authors write them: times in any zone are priced, and shown, in China time.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, quoteScenario } from './scenario';

const dir = mkdtempSync(join(tmpdir(), 'canteen-scenario-'));
const tianjin = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'shared/policy/examples/tianjin.json'), 'utf8')) as unknown;
const items = [{ itemId: 'a', name: '午餐', unitPriceFen: 1000, quantity: 1, subsidyEligible: true }];

function scenario(content: object): string {
  const path = join(dir, `s${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('loadScenario', () => {
  it('accepts times ending in Z (as toISOString writes them) and converts them to China time', () => {
    const s = loadScenario(
      scenario({
        format: 'canteen-scenario/1',
        policies: [tianjin],
        resident: { birthDate: '1944-01-10', hukouArea: '120101' },
        earlierMeals: [{ servedAt: '2026-03-02T03:40:00.000Z', channel: 'dine_in', items }],
        meal: { servedAt: '2026-03-02T16:30:00Z', channel: 'dine_in', items },
      }),
    );
    expect([s.earlierMeals[0]?.servedAt, s.meal.servedAt]).toEqual(['2026-03-02T11:40:00.000+08:00', '2026-03-03T00:30:00+08:00']);
    const q = quoteScenario(s);
    // 00:30 on Tuesday in China: a breakfast of the next day, so Monday's lunch does not count toward today's limit.
    expect([q.servedAt, q.date, q.mealPeriod, q.elderPaysFen]).toEqual(['2026-03-03T00:30:00+08:00', '2026-03-03', 'breakfast', 700]);
  });
});
