import { describe, expect, it } from 'vitest';
import { pinyinInitials } from './pinyin';

describe('pinyinInitials', () => {
  it('gives the initials of a Chinese name', () => {
    expect(pinyinInitials('张三')).toBe('zs');
    expect(pinyinInitials('王秀英')).toBe('wxy');
  });

  it('reads a polyphonic surname as a surname first, and keeps the other readings a cashier may type', () => {
    expect(pinyinInitials('单田芳').split(' ')[0]).toBe('stf');
    expect(pinyinInitials('单田芳').split(' ')).toContain('dtf');
    expect(pinyinInitials('曾国藩').split(' ')[0]).toBe('zgf');
    expect(pinyinInitials('区志强').split(' ')[0]).toBe('ozq');
  });

  it('leaves out characters with no known pinyin (𠮷 is outside the BMP) and never splits them', () => {
    expect(pinyinInitials('𠮷秀兰')).toBe('xl');
    expect(pinyinInitials('𠮷')).toBe('');
  });

  it('skips name dots and takes the first letter of each Latin word', () => {
    expect(pinyinInitials('阿依古丽·买买提').split(' ')[0]).toBe('ayglmmt');
    expect(pinyinInitials('JOHN SMITH')).toBe('js');
  });

  it('keeps the number of spellings small for names full of polyphones', () => {
    const variants = pinyinInitials('单长乐解').split(' ');
    expect(variants.length).toBeLessThanOrEqual(6);
    expect(new Set(variants).size).toBe(variants.length);
    expect(variants.every((v) => /^[a-z]{4}$/.test(v))).toBe(true);
  });
});
