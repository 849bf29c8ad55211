import { describe, expect, it } from 'vitest';
import { toHalfWidth } from './text';

describe('toHalfWidth', () => {
  it('folds full-width digits, letters, punctuation and the ideographic space', () => {
    expect(toHalfWidth('１２．５')).toBe('12.5');
    expect(toHalfWidth('２１０３０２ｘ')).toBe('210302x');
    expect(toHalfWidth('Ａ　Ｂ')).toBe('A B');
  });
  it('leaves other text alone and returns the same string when nothing changes', () => {
    const s = '张三 12.50 ￥';
    expect(toHalfWidth(s)).toBe(s);
  });
});
