import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

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
