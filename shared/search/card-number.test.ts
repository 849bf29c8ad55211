import { describe, expect, it } from 'vitest';
import { cardNumberForms } from './card-number';

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
