// Runs the CLI as a user would: a child process, checking stdout, stderr and exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCanteen as canteen } from './run-canteen';

// Each test starts Node with tsx; on a busy 2-core machine that can take seconds.
vi.setConfig({ testTimeout: 60_000 });

const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'canteen-cli-'));

function file(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe.concurrent('canteen id', () => {
  it('prints one JSON object and exits 0 for a valid number', async () => {
    const r = await canteen('id', '11010519491231002x');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, kind: 'resident', normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' });
  });
  it('exits 1 with code and message for an invalid number', async () => {
    const r = await canteen('id', '110105194912310021');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ ok: false, code: 'check', message: '号码校验不通过：其中有一位输错或两位颠倒，请对照证件逐位核对整个号码（不要只改最后一位）' });
  });
  it('judges future birth dates against --today, and joins a number split by spaces', async () => {
    const r = await canteen('id', '210302', '20300101', '1237', '--today', '2026-03-02');
    expect([r.code, JSON.parse(r.out).code]).toEqual([1, 'future']);
  });
  it('exits 2 without a number or with a bad --today', async () => {
    expect((await canteen('id')).code).toBe(2);
    const r = await canteen('id', '11010519491231002X', '--today', '2026-02-30');
    expect([r.code, r.err.trim()]).toEqual([2, '错误：--today 后面要跟 YYYY-MM-DD 格式的日期']);
  });
});

describe.concurrent('canteen policy check', () => {
  it('validates an example and explains it in Chinese', async () => {
    const r = await canteen('policy', 'check', 'shared/policy/examples/tianjin.json');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ shared/policy/examples/tianjin.json 是有效的政策文件。');
    expect(r.out).toContain('限额：每天最多1次，每周（周一至周日）最多5次，不结转。');
  });
  it('exits 1 listing the problems of an invalid policy', async () => {
    const path = file('bad-policy.json', JSON.stringify({ format: 'canteen-policy/1', id: 'x', name: 'x', issuer: 'x', effectiveFrom: '2026-02-30' }));
    const r = await canteen('policy', 'check', path);
    expect(r.code).toBe(1);
    expect(r.out).toContain('不是有效的政策文件');
    expect(r.out).toContain('  - effectiveFrom：日期应为 YYYY-MM-DD 格式的真实日期');
  });
  it('says whether the policy is in force on --today, and warns of what the author rarely means', async () => {
    const ended = await canteen('policy', 'check', 'shared/policy/examples/shenzhen.json', '--today', '2026-03-02');
    expect(ended.code).toBe(0);
    expect(ended.out).toContain('⚠ 2026-03-02 已失效（有效期 2025-01-01 至 2025-12-31）：这天的餐不按本政策补贴。');
    const text = readFileSync(join(root, 'shared/policy/examples/xuyi.json'), 'utf8').replace('"to": "19:30"', '"to": "24:00"');
    const r = await canteen('policy', 'check', file('midnight.json', text), '--today', '2026-03-02');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2026-03-02 在有效期内（2023-01-01 起长期有效）。\n⚠ 提示（1 条）：\n  - mealPeriods[2].to：晚餐时段写到 24:00（午夜）');
    expect(r.out).toContain('（第 12 行）');
  });
  it('says what to write for each problem, with its line: an unknown field, a missing one, a JSON syntax error', async () => {
    const text = readFileSync(join(root, 'shared/policy/examples/tianjin.json'), 'utf8').replace('"excludeCareHome": true,', '"excludeCareHome": true,\n      "maxPerDay": 1,').replace('"claimable": true', '"claimable": "true"');
    const r = await canteen('policy', 'check', file('typos.json', text));
    expect(r.code).toBe(1);
    expect(r.out).toContain('  - funders[0].claimable：claimable 应为 true（政府出资，申报）或 false（食堂让利，只统计不申报），不加引号；现在是 "true"（文字）（第 10 行）');
    expect(r.out).toContain('  - rules[0].maxPerDay：不认识的字段 "maxPerDay"。是不是要写 "limits"（限额列表，如 [{ "per": "day", "maxCount": 1 }]）？（第 19 行）');
    const syntax = await canteen('policy', 'check', file('syntax.json', text.replace('"id": "tianjin-2024",', '"id": "tianjin-2024"')));
    expect([syntax.code, syntax.err.trim()]).toEqual([2, `错误：${join(tmp, 'syntax.json')} 不是有效的 JSON：第 3 行第 23 列：这里缺少英文逗号 ,：相邻两项之间要用逗号隔开`]);
  });
  it('exits 2 for a missing file, a file that is not JSON, or a wrong subcommand', async () => {
    expect(await canteen('policy', 'check', join(tmp, 'nope.json'))).toMatchObject({ code: 2, err: expect.stringContaining('找不到文件') });
    expect(await canteen('policy', 'check', file('broken.json', '{ "format": '))).toMatchObject({ code: 2, err: expect.stringContaining('不是有效的 JSON') });
    expect((await canteen('policy', 'lint', 'x.json')).code).toBe(2);
  });
});

describe.concurrent('canteen quote', () => {
  it('quotes the documented scenario, counting earlier meals toward the weekly limit', async () => {
    const r = await canteen('quote', 'docs/examples/scenario-tianjin-week.json');
    expect(r.code).toBe(0);
    const q = JSON.parse(r.out);
    expect([q.grossFen, q.elderPaysFen, q.lines]).toEqual([1200, 1200, []]);
    expect(q.notApplied).toEqual([{ policyId: 'tianjin-2024', ruleId: 'meal-3', name: '助餐补贴', code: 'limit_week', message: '本周助餐补贴已用 5/5 次' }]);
  });
  it('takes inline policies and the manager override', async () => {
    const scenario = {
        format: 'canteen-scenario/1',
        policies: [JSON.parse(readFileSync(join(root, 'shared/policy/examples/xuyi.json'), 'utf8'))],
        resident: { birthDate: '1950-01-01' },
        earlierMeals: [{ servedAt: '2026-03-02T12:00:00+08:00', channel: 'dine_in', items: [{ itemId: 'a', name: '饭', unitPriceFen: 800, quantity: 1, subsidyEligible: true }] }],
        meal: { servedAt: '2026-03-02T12:30:00+08:00', channel: 'dine_in', items: [{ itemId: 'a', name: '饭', unitPriceFen: 800, quantity: 1, subsidyEligible: true }] },
        options: { overrideLimits: true },
    };
    const q = JSON.parse((await canteen('quote', file('inline.json', JSON.stringify(scenario)))).out);
    expect([q.elderPaysFen, q.lines[0].overridden]).toEqual([700, true]);
  });
  it('exits 2 with the problems of an invalid scenario or policy path', async () => {
    const bad = await canteen('quote', file('bad-scenario.json', JSON.stringify({ format: 'canteen-scenario/1', policies: [], resident: null })));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('policies：至少要有一份政策');
    expect(bad.err).toContain('meal：');
    const missing = file('missing-policy.json', JSON.stringify({ format: 'canteen-scenario/1', policies: ['nope.json'], resident: null, meal: { servedAt: '2026-03-02T12:00:00+08:00', channel: 'dine_in', items: [{ itemId: 'a', name: '饭', unitPriceFen: 800, quantity: 1, subsidyEligible: true }] } }));
    expect(await canteen('quote', missing)).toMatchObject({ code: 2, err: expect.stringContaining(`找不到文件：${join(tmp, 'nope.json')}`) });
  });
});

describe.concurrent('canteen', () => {
  it('prints help with --help and exits 0', async () => {
    const r = await canteen('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('policy check <政策文件.json>');
  });
  it('exits 2 with no command or an unknown one', async () => {
    expect(await canteen()).toMatchObject({ code: 2, err: expect.stringContaining('用法') });
    expect(await canteen('pay')).toMatchObject({ code: 2, err: expect.stringContaining('未知命令：pay') });
  });
});
