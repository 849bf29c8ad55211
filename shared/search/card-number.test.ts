import { describe, expect, it } from 'vitest';
import { cardNumberForms, cardSpellings, normalizeCardNumber } from './card-number';

describe('cardNumberForms', () => {
  // One card, as three readers type it: 0123456789 decimal = 075BCD15 hex; reversed bytes 15CD5B07 = 0365779719.
  it('gives the hex, reversed hex and decimal forms of a 10-digit decimal read', () => {
    expect(cardNumberForms('0123456789')).toEqual(['075BCD15', '15CD5B07', '0365779719']);
  });
  it('finds the decimal read from either hex read, in any case, and full-width', () => {
    expect(cardNumberForms('075bcd15')).toContain('0123456789');
    expect(cardNumberForms('15CD5B07')).toContain('0123456789');
    expect(cardNumberForms('０７５ＢＣＤ１５')).toContain('0123456789');
  });
  it('leaves numbers that are no 32-bit card alone', () => {
    expect(cardNumberForms('MC7001')).toEqual([]);
    expect(cardNumberForms('9999999999')).toEqual([]);
    expect(cardNumberForms('11010519491231002X')).toEqual([]);
  });
});

describe('normalizeCardNumber', () => {
  it('keeps a card as capitals without spaces, full-width folded', () => {
    expect(normalizeCardNumber(' 075bcd15 ')).toEqual({ ok: true, card: '075BCD15' });
    expect(normalizeCardNumber('ｍｃ７００１')).toEqual({ ok: true, card: 'MC7001' });
  });
  it('refuses in Chinese what cannot be a card number', () => {
    expect(normalizeCardNumber('  ')).toEqual({ ok: false, message: '没有读到饭卡号：请再刷一次卡' });
    expect(normalizeCardNumber('张三')).toMatchObject({ ok: false, message: expect.stringContaining('不是饭卡号') });
    expect(normalizeCardNumber('12')).toMatchObject({ ok: false, message: expect.stringContaining('4 到 40 位') });
    expect(normalizeCardNumber('1'.repeat(41))).toMatchObject({ ok: false });
  });
});

describe('cardSpellings', () => {
  it('lists the card itself, lower case and every reader form of the same card', () => {
    expect(cardSpellings('0123456789')).toEqual(['0123456789', '075BCD15', '15CD5B07', '0365779719']);
    expect(cardSpellings('MC7001')).toEqual(['MC7001', 'mc7001']);
  });
});
