import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, inCanonicalOrder } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ x: '张三', y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: '张三' }));
  });
  it('keeps characters outside the BMP intact', () => {
    expect(JSON.parse(canonicalJson({ name: '𠮷野' }))).toEqual({ name: '𠮷野' });
  });
  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
  });
});

describe('canonicalJson, fast and plain', () => {
  /** The definition, written the slow, obvious way: the fast path must give exactly this. */
  const reference = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as object).filter(([, item]) => item !== undefined);
      return `{${entries
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => `${JSON.stringify(key)}:${reference(item)}`)
        .join(',')}}`;
    }
    return JSON.stringify(value);
  };

  it('gives the reference text for any JSON value, keys in any order, integer-like keys included', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
    expect(canonicalJson({ 10: 'a', 9: 'b', x: 1 })).toBe('{"10":"a","9":"b","x":1}');
  });

  it('takes the engine\'s writer only when every object is already in key order', () => {
    expect(inCanonicalOrder({ a: 1, b: [{ c: 2, d: null }] })).toBe(true);
    expect(inCanonicalOrder({ b: 1, a: 2 })).toBe(false);
    expect(inCanonicalOrder({ a: [{ z: 1, y: 2 }] })).toBe(false);
    expect(inCanonicalOrder({ a: Number.POSITIVE_INFINITY })).toBe(false);
    expect(inCanonicalOrder({ a: new Date(0) })).toBe(false);
  });
});
