import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../id-number';
import { cleanPhone, EXCEL_NUMBER_MESSAGE, looksLikeExcelNumber, parseCategories, parseRosterDate, validateRosterRows } from './validate-rows';

const TODAY = '2026-03-02';
const withCheck = (first17: string) => first17 + idCheckChar(first17);
const ID_A = withCheck('21030219500101123'); // 1950-01-01
const ID_B = withCheck('11010519491231002');
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const mapping = { name: 0, idNumber: 1, phone: 2, address: 3, categories: 4, birthDate: 5 };
const run = (rows: string[][], existing: string[] = []) => validateRosterRows(rows, { mapping, firstRowNumber: 4, existingIds: new Set(existing), today: TODAY });

describe('validateRosterRows', () => {
  it('imports a clean row with birth date and sex from the number', () => {
    const { valid, bad } = run([['张三', ID_A, '138-1234-5678', ' 幸福路1号 ', '低保、独居', '']]);
    expect(bad).toEqual([]);
    expect(valid).toEqual([
      { rowNumber: 4, name: '张三', idKind: 'resident', idNumber: ID_A, sex: 'M', birthDate: '1950-01-01', phone: '13812345678', address: '幸福路1号', categories: ['dibao', 'living_alone'], inCareHome: false },
    ]);
  });

  it('reads 户籍地区, 居住地区, 入住养老机构 and the meal card, and fills empty cells from the defaults for the whole file', () => {
    const columns = { name: 0, idNumber: 1, hukouArea: 2, residenceArea: 3, inCareHome: 4, mealCard: 5 };
    const rows = [
      ['甲', ID_A, '120101', '120102001', '否', ' 0123456789 '],
      ['乙', ID_B, '', '', '', ''],
      ['丙', withCheck('21030319400910701'), '和平区', '1201', '也许', '12-34'],
      ['丁', withCheck('21030319400910702'), '', '', '是', '0123456789'],
    ];
    const { valid, bad } = validateRosterRows(rows, { mapping: columns, firstRowNumber: 2, existingIds: new Set(), today: TODAY, defaults: { hukouArea: '120105', residenceArea: '120105', inCareHome: false } });
    expect(valid.map(({ name, hukouArea, residenceArea, inCareHome, mealCard }) => ({ name, hukouArea, residenceArea, inCareHome, mealCard }))).toEqual([
      { name: '甲', hukouArea: '120101', residenceArea: '120102001', inCareHome: false, mealCard: '0123456789' },
      { name: '乙', hukouArea: '120105', residenceArea: '120105', inCareHome: false, mealCard: undefined },
    ]);
    expect(bad.map((row) => [row.rowNumber, row.reasons])).toEqual([
      [
        4,
        [
          '户籍地区“和平区”应填行政区划代码（6 到 12 位数字，如 120101），不是地名',
          '居住地区“1201”应填行政区划代码（6 到 12 位数字，如 120101），不是地名',
          '入住养老机构“也许”应填“是”或“否”',
          '饭卡号“12-34”应为 4 到 40 位数字或字母',
        ],
      ],
      [5, ['饭卡号与第 2 行重复：一张卡只能给一位老人']],
    ]);
  });

  it('reads full-width digits, spaces inside the number and a lower-case x', () => {
    const fullWidth = ID_A.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const spaced = `${ID_B.slice(0, 6)} ${ID_B.slice(6, 14)} ${ID_B.slice(14)}`.toLowerCase();
    const { valid, bad } = run([['甲', fullWidth], ['乙', spaced]]);
    expect(bad).toEqual([]);
    expect(valid.map((row) => row.idNumber)).toEqual([ID_A, ID_B]);
    expect(ID_B.endsWith('X')).toBe(true);
  });

  it('gives the reason for a wrong check character and keeps the row as it was', () => {
    const { valid, bad } = run([['张三', wrongCheck(ID_A), '', '', '']]);
    expect(valid).toEqual([]);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ rowNumber: 4, values: ['张三', wrongCheck(ID_A), '', '', ''] });
    expect(bad[0]!.reasons[0]).toContain('有误');
  });

  it('reports an ID column Excel stored as numbers, in scientific notation or with its last digits zeroed', () => {
    const { bad } = run([['甲', '2.10302E+17'], ['乙', '210302195001011000'], ['丙', '2.10302195001011E+17']]);
    expect(bad.map((row) => row.rowNumber)).toEqual([4, 5, 6]);
    for (const row of bad) expect(row.reasons[0]).toContain(EXCEL_NUMBER_MESSAGE);
  });

  it('keeps a valid number that happens to end in 000', () => {
    const id = withCheck('21030319400910700');
    expect(id).toBe('210303194009107000');
    expect(run([['甲', id]]).valid.map((row) => row.idNumber)).toEqual([id]);
  });

  it('names both rows of a duplicate within the file, and refuses a person already on the roster', () => {
    const { valid, bad } = run([['张三', ID_A], ['李四', ID_B], ['张叁', ID_A.toLowerCase()]], [ID_B]);
    expect(valid.map((row) => row.rowNumber)).toEqual([4]);
    expect(bad).toEqual([
      { rowNumber: 5, values: ['李四', ID_B], reasons: ['此证件号已在居民名单中，同一人不能登记两次'] },
      { rowNumber: 6, values: ['张叁', ID_A.toLowerCase()], reasons: ['证件号码与第 4 行（张三）重复：本行（张叁）未导入'] },
    ]);
  });

  it('finds the 15-digit form of a number as the same person', () => {
    const { bad } = run([['张三', '110105491231002'], ['张三', ID_B]]);
    expect(bad.map((row) => row.rowNumber)).toEqual([5]);
  });

  it('requires a name and known categories, and lists every problem of a row', () => {
    const { bad } = run([['  ', ID_A, '12-34', '', '低保，五保户;独居']]);
    expect(bad[0]!.reasons).toEqual(['缺少姓名', '电话“12-34”无效：应为 7 到 15 位数字（手机号 11 位）', '类别无法识别：“五保户”']);
  });

  it('skips empty rows without counting them', () => {
    const { valid, bad } = run([['', '', ''], ['张三', ID_A]]);
    expect(bad).toEqual([]);
    expect(valid[0]!.rowNumber).toBe(5);
  });

  it('takes the birth date from the 出生日期 column, also as an Excel serial, when the document carries none', () => {
    const { valid, bad } = run([
      ['Smith', 'ABC123456789012', '', '', '', '18264'],
      ['Jones', 'ABD123456789012', '', '', '', ''],
      ['Brown', 'ABE123456789012', '', '', '', '2030-01-01'],
    ]);
    expect(valid).toMatchObject([{ name: 'Smith', idKind: 'foreign_permit_old', birthDate: '1950-01-01' }]);
    expect(bad.map((row) => row.reasons)).toEqual([['此类证件号码不含出生日期，请填写出生日期'], ['出生日期 2030-01-01 在今天之后']]);
  });

  it('asks for the card of a possible centenarian with a 15-digit number', () => {
    const { bad } = run([['老寿星', '110105201231002']]);
    expect(bad[0]!.reasons[0]).toContain('已满百岁');
  });

  it('says which column is missing from the mapping', () => {
    const { bad } = validateRosterRows([['张三']], { mapping: { name: 0 }, firstRowNumber: 2, existingIds: new Set(), today: TODAY });
    expect(bad[0]!.reasons).toEqual(['没有指定证件号码列']);
  });
});

describe('pieces', () => {
  it('splits categories on every separator rosters use', () => {
    expect(parseCategories('低保、特困,独居，空巢;失能；优抚/重残')).toEqual({
      codes: ['dibao', 'tekun', 'living_alone', 'empty_nest', 'disabled_care', 'youfu', 'severe_disability'],
      unknown: [],
    });
    expect(parseCategories('无')).toEqual({ codes: [], unknown: [] });
    expect(parseCategories('低保、退休干部')).toEqual({ codes: ['dibao'], unknown: ['退休干部'] });
  });

  it('cleans phone numbers', () => {
    expect(cleanPhone('138-1234-5678')).toBe('13812345678');
    expect(cleanPhone('０４１２－１２３４５６７')).toBe('04121234567');
    expect(cleanPhone('(0412) 123 4567')).toBe('04121234567');
    expect(cleanPhone('+86 138 1234 5678')).toBe('+8613812345678');
    expect(cleanPhone('无')).toBeNull();
    expect(cleanPhone('123')).toBeNull();
  });

  it('reads dates as rosters write them', () => {
    expect(parseRosterDate('18264')).toBe('1950-01-01');
    expect(parseRosterDate('18264.5')).toBe('1950-01-01');
    expect(parseRosterDate('1950/1/2')).toBe('1950-01-02');
    expect(parseRosterDate('1950年1月2日')).toBe('1950-01-02');
    expect(parseRosterDate('1950.01.02')).toBe('1950-01-02');
    expect(parseRosterDate('19500102')).toBe('1950-01-02');
    expect(parseRosterDate('1950-02-30')).toBeNull();
    expect(parseRosterDate('不详')).toBeNull();
  });

  it('tells a number Excel truncated from a real one', () => {
    expect(looksLikeExcelNumber('2.10302E+17')).toBe(true);
    expect(looksLikeExcelNumber('210302195001011000')).toBe(true);
    expect(looksLikeExcelNumber(ID_A)).toBe(false);
    expect(looksLikeExcelNumber('210303194009107000', true)).toBe(false);
    expect(looksLikeExcelNumber('110105491231002')).toBe(false);
  });
});
