import { describe, expect, it } from 'vitest';
import { columnLetter, findHeaderRow, guessMapping } from './columns';

describe('guessMapping', () => {
  it('knows the header variants communities use', () => {
    expect(guessMapping(['序号', '姓名', '身份证号', '电话', '地址', '类别'])).toEqual({ name: 1, idNumber: 2, phone: 3, address: 4, categories: 5 });
    expect(guessMapping(['老人姓名', '身份证号码', '联系电话', '家庭住址', '人员类别', '出生日期'])).toEqual({ name: 0, idNumber: 1, phone: 2, address: 3, categories: 4, birthDate: 5 });
    expect(guessMapping(['姓 名', '证件号码', '手机号码'])).toEqual({ name: 0, idNumber: 1, phone: 2 });
    expect(guessMapping(['*姓名', '公民身份号码（18位）', '联系方式'])).toEqual({ name: 0, idNumber: 1, phone: 2 });
  });

  it('keeps the first of two look-alike columns', () => {
    expect(guessMapping(['姓名', '身份证号', '监护人身份证号'])).toEqual({ name: 0, idNumber: 1 });
  });
});

describe('findHeaderRow', () => {
  it('finds the header below one or two title rows, also when the title is merged across the columns', () => {
    const title = 'XX社区60周岁以上老年人花名册';
    const rows = [[title, title, title, title], ['填报单位：XX社区', '', '', '填报日期：2026年3月'], ['序号', '姓名', '身份证号码', '类别'], ['1', '张三', '11010519491231002X', '低保']];
    expect(findHeaderRow(rows)).toEqual({ headerRow: 2, mapping: { name: 1, idNumber: 2, categories: 3 } });
  });

  it('falls back to the first row when nothing looks like a header', () => {
    expect(findHeaderRow([['a', 'b'], ['c', 'd']])).toEqual({ headerRow: 0, mapping: {} });
    expect(findHeaderRow([])).toEqual({ headerRow: 0, mapping: {} });
  });
});

it('names columns as the spreadsheet does', () => {
  expect([0, 1, 25, 26, 27, 51, 52].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
});
