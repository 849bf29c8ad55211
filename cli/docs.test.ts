// The documents' examples must stay valid and must quote as the text says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyHash } from '../shared/policy/issued-policy';
import { EXAMPLE_POLICIES } from '../shared/policy/examples';
import { PolicySchema } from '../shared/policy/schema';
import { policyWarnings } from '../shared/policy/warnings';
import { quoteMeal } from '../shared/quote/quote';
import { ResidentFactsSchema } from '../shared/quote/types';
import { validate } from '../shared/validation';
import { loadScenario, quoteScenario } from './scenario';

const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'policy-format.md'), 'utf8');
const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? 'null') as unknown;

describe('docs/policy-format.md', () => {
  it('has a complete example that validates', () => {
    const r = validate(PolicySchema, example);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });
  it('has an example the checker has nothing to warn of', () => {
    expect(policyWarnings(PolicySchema.parse(example), '2026-03-02')).toEqual([]);
  });
  it('quotes the worked example as the text says: ¥10.25', () => {
    const q = quoteMeal({
      policies: [PolicySchema.parse(example)],
      resident: ResidentFactsSchema.parse({ birthDate: '1944-01-01', hukouArea: '110105', residenceArea: '110105001002' }),
      meal: { servedAt: '2026-03-02T12:00:00+08:00', channel: 'dine_in', items: [{ itemId: 'a', name: '午餐', unitPriceFen: 1500, quantity: 1, subsidyEligible: true }] },
      history: [],
      canteen: { area: '110105001' },
    });
    expect(q.lines.map((l) => [l.ruleId, l.amountFen, l.funders.map((f) => [f.funderId, f.amountFen])])).toEqual([
      ['discount-60', 75, [['canteen', 75]]],
      ['age', 400, [['district', 200], ['street', 200]]],
    ]);
    expect(q.notApplied.map((n) => n.message)).toContain('需具备以下身份之一：低保、特困');
    expect(q.elderPaysFen).toBe(1025);
  });
});

describe('docs/policy-format.md on a version’s identity', () => {
  it('gives the Zengcheng example’s identity as the code computes it', async () => {
    const stated = /guangzhou-zengcheng\.json` 的身份是\s*`([0-9a-f]{64})`/.exec(doc)?.[1];
    expect(stated).toBe(await policyHash(PolicySchema.parse(EXAMPLE_POLICIES['guangzhou-zengcheng'])));
  });
});

describe('docs/examples scenarios', () => {
  const dir = join(import.meta.dirname, '..', 'docs', 'examples');
  it('quote as docs/quote-scenario.md says', () => {
    const quote = (name: string) => quoteScenario(loadScenario(join(dir, name)));
    expect(quote('scenario-zengcheng-away.json').elderPaysFen).toBe(600);
    expect(quote('scenario-tianjin-week.json').notApplied.map((n) => n.message)).toEqual(['本周助餐补贴已用 5/5 次']);
  });
  it('the scenario shown in the document is the example file', () => {
    const md = readFileSync(join(import.meta.dirname, '..', 'docs', 'quote-scenario.md'), 'utf8');
    const shown = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(md)?.[1] ?? 'null') as unknown;
    expect(shown).toEqual(JSON.parse(readFileSync(join(dir, 'scenario-zengcheng-away.json'), 'utf8')));
  });
});
