import { describe, expect, it } from 'vitest';
import { ID_KIND_LABELS, idCheckChar, maskId, normalizeIdInput, parseIdNumber } from './id-number';

const TODAY = '2026-03-02';

describe('idCheckChar (GB 11643-1999)', () => {
  it('matches the examples printed in the standard', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });
});

describe('parseIdNumber: 18-digit resident ID', () => {
  it('derives birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      kind: 'resident',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
    });
    expect(parseIdNumber('210302196003021233', TODAY)).toMatchObject({ birthDate: '1960-03-02', sex: 'M' });
  });
  it('normalizes lower-case x, spaces and full-width characters', () => {
    for (const input of ['11010519491231002x', ' 110105 1949 1231 002X ', '１１０１０５１９４９１２３１００２ｘ', '110105\u30001949123100 2x']) {
      expect(parseIdNumber(input, TODAY)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    }
  });
  it('says which check character was expected', () => {
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual({
      ok: false,
      code: 'check',
      message: '号码校验不通过：其中有一位输错或两位颠倒，请对照证件逐位核对整个号码（不要只改最后一位）',
    });
  });
  it('refuses bad characters, wrong length, impossible and future dates', () => {
    expect(parseIdNumber('1101051949123X002X', TODAY)).toMatchObject({ ok: false, code: 'characters' });
    expect(parseIdNumber('11010519491231002Y', TODAY)).toMatchObject({ ok: false, code: 'characters' });
    expect(parseIdNumber('1101051949123100', TODAY)).toEqual({
      ok: false,
      code: 'length',
      message: '证件号码应为18位（旧版身份证15位），现在是16位',
    });
    expect(parseIdNumber('   ', TODAY)).toMatchObject({ ok: false, code: 'empty' });
    expect(parseIdNumber('210302192302301237', TODAY)).toEqual({
      ok: false,
      code: 'date',
      message: '出生日期 1923-02-30 不存在，请核对号码',
    });
    expect(parseIdNumber('210302203001011237', TODAY)).toMatchObject({ ok: false, code: 'future' });
  });
  it('accepts a birth date of today and a Feb 29 in a leap year', () => {
    expect(parseIdNumber('210302196402290027', TODAY)).toMatchObject({ ok: true, birthDate: '1964-02-29', sex: 'F' });
    expect(parseIdNumber('210302203001011237', '2030-01-01')).toMatchObject({ ok: true });
  });
});

describe('parseIdNumber: 15-digit legacy numbers', () => {
  it('converts to 18 digits with the computed check character', () => {
    expect(parseIdNumber('210302600302123', TODAY)).toEqual({
      ok: true,
      kind: 'resident_legacy15',
      normalized: '210302196003021233',
      birthDate: '1960-03-02',
      sex: 'M',
    });
  });
  it('flags a possible centenarian: 100+ after conversion, or a 996–999 sequence code', () => {
    expect(parseIdNumber('210302250101124', TODAY)).toMatchObject({ ok: true, needsBirthYearCheck: true }); // 1925: 101
    expect(parseIdNumber('210302250101124', '2024-12-31')).not.toHaveProperty('needsBirthYearCheck'); // 99
    expect(parseIdNumber('210302230815996', '2000-01-01')).toMatchObject({ ok: true, needsBirthYearCheck: true });
  });
  it('refuses letters and impossible dates', () => {
    expect(parseIdNumber('21030260030212X', TODAY)).toMatchObject({ ok: false, code: 'characters' });
    expect(parseIdNumber('210302600230123', TODAY)).toMatchObject({ ok: false, code: 'date' });
  });
});

describe('parseIdNumber: permits and foreign IDs', () => {
  it('recognizes Hong Kong / Macao / Taiwan residence permits', () => {
    expect(parseIdNumber('810000195001010010', TODAY)).toMatchObject({ ok: true, kind: 'hk_permit', birthDate: '1950-01-01', sex: 'M' });
    expect(parseIdNumber('830000194507070028', TODAY)).toMatchObject({ ok: true, kind: 'taiwan_permit', sex: 'F' });
    expect(parseIdNumber('820000194507070028', TODAY)).toMatchObject({ ok: false, code: 'check' });
  });
  it('recognizes the 2023 foreign permanent resident ID by its leading 9', () => {
    expect(parseIdNumber('915600195505050017', TODAY)).toMatchObject({ ok: true, kind: 'foreign_permanent', birthDate: '1955-05-05', sex: 'M' });
  });
  it('accepts older foreign permits without a birth date or sex', () => {
    expect(parseIdNumber('usa 310055060112', TODAY)).toEqual({ ok: true, kind: 'foreign_permit_old', normalized: 'USA310055060112' });
  });
  it('labels every kind in Chinese', () => {
    expect(ID_KIND_LABELS.hk_permit).toContain('香港');
  });
});

describe('normalizeIdInput and maskId', () => {
  it('returns plain input untouched and cleans the rest', () => {
    expect(normalizeIdInput('210302196003021233')).toBe('210302196003021233');
    expect(normalizeIdInput(' ２１０ x ')).toBe('210X');
  });
  it('shows the first 6 and last 4 characters', () => {
    expect(maskId('210302196003021233')).toBe('210302********1233');
    expect(maskId('USA310055060112')).toBe('USA310*****0112');
    expect(maskId('12345678')).toBe('****5678');
    expect(maskId('123')).toBe('***');
  });
});
