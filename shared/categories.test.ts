import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_CODES, categoryByLabel, categoryLabel } from './categories';

describe('categories', () => {
  it('has unique codes and labels', () => {
    expect(new Set(CATEGORY_CODES).size).toBe(CATEGORIES.length);
    expect(new Set(CATEGORIES.map((c) => c.label)).size).toBe(CATEGORIES.length);
  });
  it('covers the categories policies name', () => {
    for (const label of ['低保', '特困', '低保边缘', '低收入', '优抚', '计生特殊家庭', '失能', '重度残疾', '独居', '空巢', '留守', '残疾', '百岁老人']) {
      expect(categoryByLabel(label), label).toBeDefined();
    }
  });
  it('looks up roster spellings, aliases and codes', () => {
    expect(categoryByLabel(' 低保对象 ')).toBe('dibao');
    expect(categoryByLabel('特困供养人员')).toBe('tekun');
    expect(categoryByLabel('重残')).toBe('severe_disability');
    expect(categoryByLabel('dibao_edge')).toBe('dibao_edge');
    expect(categoryByLabel('富豪')).toBeUndefined();
  });
  it('labels codes in Chinese and passes unknown codes through', () => {
    expect(categoryLabel('living_alone')).toBe('独居');
    expect(categoryLabel('something_old')).toBe('something_old');
  });
});
