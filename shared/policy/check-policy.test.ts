// policy check's problems: each says what to write, with its line in the file.
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../friendly-issues';
import { checkPolicyText, formatPolicyNote } from './check-policy';
import { EXAMPLE_POLICIES } from './examples';
import { readPolicyFile } from './issued-policy';

/** A valid policy, one field per line from line 1; `edit` changes the text before checking. */
const LINES = [
  '{', //                                                    1
  '  "format": "canteen-policy/1",', //                      2
  '  "id": "p",', //                                         3
  '  "name": "测试政策",', //                                 4
  '  "issuer": "测试街道",', //                               5
  '  "effectiveFrom": "2026-01-01",', //                     6
  '  "mealPeriods": [{ "id": "lunch" }],', //                7
  '  "funders": [{ "id": "f", "name": "街道", "claimable": true }],', // 8
  '  "groups": [{ "id": "g", "name": "补贴", "type": "subsidy", "combine": "highest" }],', // 9
  '  "rules": [', //                                         10
  '    {', //                                                11
  '      "id": "r",', //                                     12
  '      "name": "补贴",', //                                 13
  '      "group": "g",', //                                  14
  '      "tiers": [{ "minAge": 60, "benefit": { "kind": "fixed", "amountFen": 300 } }],', // 15
  '      "funding": [{ "funder": "f", "remainder": true }]', // 16
  '    }', //                                                17
  '  ]', //                                                  18
  '}', //                                                    19
];

function notes(edit: (lines: string[]) => void): string[] {
  const lines = [...LINES];
  edit(lines);
  const r = checkPolicyText(lines.join('\n'));
  return r.ok ? [] : r.problems.map(formatPolicyNote);
}
const replace = (line: number, from: string, to: string) => (lines: string[]) => {
  const before = lines[line - 1] as string;
  if (!before.includes(from)) throw new Error(`line ${line} has no ${from}`);
  lines[line - 1] = before.replace(from, to);
};

describe('checkPolicyText', () => {
  it('accepts the valid policy and every shipped example', () => {
    expect(notes(() => {})).toEqual([]);
    for (const example of Object.values(EXAMPLE_POLICIES)) expect(checkPolicyText(JSON.stringify(example, null, 2)).ok).toBe(true);
  });
  it('names an unknown field on its own line, with the field probably meant and those allowed', () => {
    expect(notes(replace(14, '"group"', '"gruop"'))).toEqual([
      'rules[0].group：缺少 group：groups 里某个分组的 id，如 "subsidy"（第 11 行）',
      'rules[0].gruop：不认识的字段 "gruop"。是不是要写 "group"（groups 里某个分组的 id，如 "subsidy"）？（第 14 行）',
    ]);
    const [maxPerDay] = notes(replace(14, '"group": "g",', '"group": "g", "maxPerDay": 1,'));
    expect(maxPerDay).toBe('rules[0].maxPerDay：不认识的字段 "maxPerDay"。是不是要写 "limits"（限额列表，如 [{ "per": "day", "maxCount": 1 }]）？（第 14 行）');
    const [unlike] = notes(replace(14, '"group": "g",', '"group": "g", "zzz": 1,'));
    expect(unlike).toMatch(/^rules\[0\]\.zzz：不认识的字段 "zzz"。这里可以写的字段：id、name、group、tiers、mealPeriods、weekdaysOnly、.*、funding（第 14 行）$/);
  });
  it('says which field is missing and what to write there, at the line of the object lacking it', () => {
    expect(notes(replace(15, ', "amountFen": 300', ''))).toEqual(['rules[0].tiers[0].benefit.amountFen：缺少 amountFen：金额（整数分，不加引号），如 300 表示 3 元（第 15 行）']);
    expect(notes((l) => l.splice(4, 1))).toEqual(['issuer：缺少 issuer：发布单位，如 "某区民政局"（第 1 行）']);
  });
  it('says what a wrongly typed value should be, and what it is', () => {
    expect(notes(replace(15, '"amountFen": 300', '"amountFen": "300"'))).toEqual([
      'rules[0].tiers[0].benefit.amountFen：amountFen 应为金额（整数分，不加引号），如 300 表示 3 元；现在是 "300"（文字）（第 15 行）',
    ]);
    expect(notes(replace(8, '"claimable": true', '"claimable": "是"'))).toEqual([
      'funders[0].claimable：claimable 应为 true（政府出资，申报）或 false（食堂让利，只统计不申报），不加引号；现在是 "是"（文字）（第 8 行）',
    ]);
    expect(notes(replace(15, '"minAge": 60', '"minAge": -1'))).toEqual(['rules[0].tiers[0].minAge：minAge 应为周岁（0 到 150 的整数，不加引号），如 60；现在是 -1（第 15 行）']);
  });
  it('lists the choices for a wrong one and guesses the meant one', () => {
    expect(notes(replace(9, '"highest"', '"Highest"'))).toEqual([
      'groups[0].combine：combine 应为 "highest"（组内只取金额最高的一项）或 "sum"（组内相加）；现在是 "Highest"（文字），是不是要写 "highest"？（第 9 行）',
    ]);
    expect(notes(replace(15, '"fixed"', '"fix"'))).toEqual([
      'rules[0].tiers[0].benefit.kind：优惠方式 kind 应为 fixed（定额）、percent（折扣）或 copay（个人自付定额）；现在是 "fix"（文字），是不是要写 "fixed"？（第 15 行）',
    ]);
  });
  it('finds the funding share meant, or says which three there are', () => {
    expect(notes(replace(16, '"remainder": true', '"remainder": false'))).toEqual(['rules[0].funding[0].remainder：remainder 应为 true（承担余额，不加引号）；现在是 false（第 16 行）']);
    expect(notes(replace(16, ', "remainder": true', ''))).toEqual([
      'rules[0].funding[0]：出资份额应为 {funder, amountFen}、{funder, basisPoints} 或 {funder, remainder: true} 之一；现在写的字段：funder（第 16 行）',
    ]);
    expect(notes(replace(16, '"remainder": true', '"remainder": true, "homeArea": "hukou"'))).toEqual([
      'rules[0].funding[0].homeArea：不认识的字段 "homeArea"。是不是要写 "homeAreaOnly"（"hukou"（按户籍地）或 "residence"（按居住地））？（第 16 行）',
    ]);
  });
  it('says when fields of two ways of writing a share are mixed, and when a choice is missing', () => {
    expect(notes(replace(16, '"remainder": true', '"remainder": true, "amountFen": 300'))).toEqual([
      'rules[0].funding[0]：出资份额应为 {funder, amountFen}、{funder, basisPoints} 或 {funder, remainder: true} 之一；现在同时写了 remainder、amountFen，只能选其中一种（第 16 行）',
    ]);
    expect(notes(replace(16, '"remainder": true }]', '"remainder": true }], "minBill": { "amountFen": 800 }'))).toEqual([
      'rules[0].minBill.measure：缺少 measure："gross"（按本餐原价）或 "net"（按此前优惠后的金额）（第 16 行）',
    ]);
  });
  it('points references to what is defined, and a repeated id to its second place', () => {
    expect(notes(replace(14, '"g"', '"subsidy"'))).toEqual(['rules[0].group：分组 subsidy 未在 groups 中定义（已定义：g）（第 14 行）']);
    expect(notes(replace(9, '}]', '}, { "id": "g", "name": "又一组", "type": "subsidy", "combine": "sum" }]'))).toEqual([
      'groups[1].id：编号 g 重复：每个编号只能用一次，请改成别的编号（第 9 行）',
    ]);
  });
  it('keeps our own messages and adds what was written', () => {
    expect(notes(replace(6, '2026-01-01', '2026-02-30'))).toEqual(['effectiveFrom：日期应为 YYYY-MM-DD 格式的真实日期；现在是 "2026-02-30"（第 6 行）']);
  });
  it('says a JSON syntax error in Chinese with its line and column', () => {
    expect(notes(replace(15, '"kind": "fixed",', '"kind": "fixed"'))).toEqual(['（根）：不是有效的 JSON：第 15 行第 61 列：这里缺少英文逗号 ,：相邻两项之间要用逗号隔开（第 15 行）']);
  });
  it('never shows the validator’s stock wording', () => {
    const broken = [
      replace(15, '"amountFen": 300', '"amountFen": 2.5'),
      replace(4, '"测试政策"', '""'),
      replace(15, '"minAge": 60', '"minAge": 60.5'),
      replace(10, '"rules": [', '"rules": [], "x": ['),
      (l: string[]) => l.splice(1, 18, '  "format": 1'),
      replace(9, '"combine": "highest"', '"combine": "highest", "limits": [{ "per": "day", "maxCount": 0 }]'),
    ];
    for (const edit of broken) {
      const all = notes(edit);
      expect(all.length).toBeGreaterThan(0);
      for (const n of all) expect(n).not.toMatch(/无效输入|数值过|出现未知的键|期望 |实际接收|undefined/);
    }
  });
});

describe('readPolicyFile (the 政策 page, the office) says the same', () => {
  it('gives each problem with what to write and its line', async () => {
    const lines = [...LINES];
    replace(14, '"group"', '"gruop"')(lines);
    expect(await readPolicyFile(lines.join('\n'))).toEqual({
      ok: false,
      problems: [
        'rules[0].group：缺少 group：groups 里某个分组的 id，如 "subsidy"（第 11 行）',
        'rules[0].gruop：不认识的字段 "gruop"。是不是要写 "group"（groups 里某个分组的 id，如 "subsidy"）？（第 14 行）',
      ],
    });
    expect(await readPolicyFile('{\n  "id": "x",\n}')).toEqual({ ok: false, problems: ['文件不是有效的 JSON（第 2 行第 12 列：最后一项后面多了一个逗号：请删去这个逗号（JSON 不允许））：请确认拿到的是政策文件（.json）'] });
  });
});

describe('didYouMean', () => {
  it('takes aliases, case, near spellings and a prefix, and nothing far', () => {
    expect(didYouMean('maxperday', ['limits'], { maxperday: 'limits' })).toBe('limits');
    expect(didYouMean('AmountFen', ['amountFen', 'basisPoints'])).toBe('amountFen');
    expect(didYouMean('weekdayOnly', ['weekdaysOnly'])).toBe('weekdaysOnly');
    expect(didYouMean('homeArea', ['homeAreaOnly'])).toBe('homeAreaOnly');
    expect(didYouMean('zzz', ['id', 'name'])).toBeUndefined();
  });
});
