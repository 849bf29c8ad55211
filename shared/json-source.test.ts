import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJsonError, readJson } from './json-source';

const error = (text: string) => {
  const r = readJson(text);
  return r.ok ? 'ok' : formatJsonError(r.error);
};

describe('readJson: lines of values', () => {
  const text = ['\uFEFF{', '  "id": "p",', '  "rules": [', '    {', '      "id": "r",', '      "tiers": [{ "minAge": 60 }]', '    }', '  ]', '}'].join('\n');
  it("gives JSON.parse's value and the line of each value, or of its nearest enclosing one", () => {
    const r = readJson(text);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.source.value).toEqual({ id: 'p', rules: [{ id: 'r', tiers: [{ minAge: 60 }] }] });
    expect(r.source.lineOf([])).toBe(1);
    expect(r.source.lineOf(['id'])).toBe(2);
    expect(r.source.lineOf(['rules', 0])).toBe(4);
    expect(r.source.lineOf(['rules', 0, 'tiers', 0, 'minAge'])).toBe(6);
    // A field the file lacks: where the object holding it starts.
    expect(r.source.lineOf(['rules', 0, 'funding'])).toBe(4);
  });
  it('reports keys written twice (JSON.parse keeps the last)', () => {
    const r = readJson('{\n "a": 1,\n "a": 2\n}');
    expect(r.ok && [r.source.value, r.source.duplicateKeys]).toEqual([{ a: 2 }, [{ path: ['a'], line: 3 }]]);
  });
  it('keeps a "__proto__" key as JSON.parse does', () => {
    const r = readJson('{"__proto__": {"x": 1}}');
    expect(r.ok && Object.keys(r.source.value as object)).toEqual(['__proto__']);
  });
});

describe('readJson: syntax errors in Chinese, with line and column, saying what to write', () => {
  it.each([
    ['{\n  "a": 1,\n  "b": 2,\n}', '第 3 行第 9 列：最后一项后面多了一个逗号：请删去这个逗号（JSON 不允许）'],
    ['{\n  "a": 1\n  "b": 2\n}', '第 2 行第 9 列：这里缺少英文逗号 ,：相邻两项之间要用逗号隔开'],
    ['[1,\n 2\n 3]', '第 2 行第 3 列：这里缺少英文逗号 ,：相邻两项之间要用逗号隔开'],
    ['{\n  kind: "fixed"\n}', '第 2 行第 3 列：字段名要用英文双引号括起来：写成 "kind"'],
    ["{ 'kind': 1 }", '第 1 行第 3 列：字段名要用英文双引号括起来，不能用单引号：写成 "名字"'],
    ['{ "kind": \'fixed\' }', "第 1 行第 11 列：文字要用英文双引号 \"…\" 括起来，不能用单引号 '…'"],
    ['{ "a": 1， "b": 2 }', '第 1 行第 9 列：用了中文逗号“，”：要用英文逗号 ,'],
    ['{ "a"： 1 }', '第 1 行第 6 列：用了中文冒号“：”：要用英文冒号 :'],
    ['{ "a": “x” }', '第 1 行第 8 列：用了中文引号“”：要用英文双引号 "…"'],
    ['{\n  // 增城\n  "a": 1\n}', '第 2 行第 3 列：JSON 里不能写注释（// 或 /* … */）：请删去'],
    ['{\n  "a": [1, 2\n', '第 3 行第 1 列：文件在这里就结束了：还缺少收尾的“]”（与第 2 行的“[”配对）'],
    ['{\n  "a": 1\n', '第 3 行第 1 列：文件在这里就结束了：还缺少收尾的“}”（与第 1 行的“{”配对）'],
    ['{ "a": True }', '第 1 行第 8 列：True 要写成小写的 true（不加引号）'],
    ['{ "a": lunch }', '第 1 行第 8 列：文字要用英文双引号括起来：写成 "lunch"（是或否写 true 或 false，不加引号）'],
    ['{ "a": "lunch }', '第 1 行第 8 列：这段文字没有用英文双引号收尾：在文字末尾补上 "'],
    ['{ "a": "lunch,\n "b": 1 }', '第 1 行第 8 列：这段文字没有用英文双引号收尾（或文字中间直接换了行）：在文字末尾补上 "'],
    ['{ "a": 0300 }', '第 1 行第 8 列：数字写法不对（0300）：直接写数字，如 300 或 -1；不要加号、前导 0、单位或千位分隔'],
    ['{ "a": +3 }', '第 1 行第 8 列：数字写法不对（+3）：直接写数字，如 300 或 -1；不要加号、前导 0、单位或千位分隔'],
    ['{ "a": "C:\\data" }', '第 1 行第 11 列：反斜杠 \\ 后面只能跟 " \\ / b f n r t u：要写反斜杠本身（如 Windows 路径）请写成 \\\\'],
    ['{ "a": 1 }\n}', '第 2 行第 1 列：完整的内容已经结束，后面还有多余的字符：一个文件只能有一个 { … }（看看是不是多了“}”或“]”）'],
    ['{ "a":\u30001 }', '第 1 行第 7 列：这里有全角空格：请换成普通空格'],
    ['{ "a": , "b": 1 }', '第 1 行第 8 列：这里应该写一个值：文字用英文双引号括起来（如 "lunch"），数字直接写（如 300），是或否写 true 或 false（看看前面是不是多了逗号）'],
    ['  \n', '第 2 行第 1 列：文件是空的：应以 { 开头'],
  ])('%j', (text, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(error(text)).toBe(message);
  });
});

describe('readJson agrees with JSON.parse', () => {
  it('on any valid JSON, however indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const r = readJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.source.value).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
  it('on broken JSON: always an error of its own, never JSON.parse’s English', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '，', "'", 'x', '0', '/'), (value, at, insert) => {
        const text = JSON.stringify({ v: value }, null, 2);
        const i = at % text.length;
        const broken = text.slice(0, i) + insert + text.slice(i + 1);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        const r = readJson(broken);
        expect(r.ok).toBe(valid);
        if (!r.ok) expect(r.error.message).not.toMatch(/^JSON 格式不对/);
      }),
      { numRuns: 2000 },
    );
  });
});
