import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from './utf8';

describe('utf8', () => {
  it('gives exactly TextEncoder\'s bytes, for ASCII, Chinese, characters outside the BMP and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
      }),
      { numRuns: 300 },
    );
    const wide = '李𠮷'.repeat(5000);
    expect([...utf8(wide)]).toEqual([...new TextEncoder().encode(wide)]);
  });
});
