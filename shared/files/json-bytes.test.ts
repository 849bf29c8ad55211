import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonFromUtf8 } from './json-bytes';

/** What jsonFromUtf8 stands in for. */
function reference(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

function read(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: jsonFromUtf8(bytes) };
  } catch {
    return { ok: false };
  }
}

const encode = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...encode(part)] : part)));

describe('jsonFromUtf8', () => {
  it('reads what JSON.stringify wrote, Chinese, characters outside the BMP and line separators included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const text = JSON.stringify(value);
        expect(jsonFromUtf8(encode(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
    const wide = { name: '李𠮷\u2028王秀英', list: ['长者饭堂'.repeat(3000)] };
    expect(jsonFromUtf8(encode(JSON.stringify(wide)))).toEqual(wide);
  });

  it('takes and refuses exactly what TextDecoder (fatal) and JSON.parse take and refuse', () => {
    // Valid texts with bytes put in, cut off or changed: stray backslashes, broken sequences, BOMs.
    const special = fc.constantFrom(0x5c, 0x22, 0xef, 0xbb, 0xbf, 0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xa0, 0xf0, 0xf4, 0x8f, 0x90, 0xf5, 0xff);
    const mutated = fc
      .tuple(fc.jsonValue({ stringUnit: 'binary', maxDepth: 2 }), fc.array(fc.tuple(fc.nat(), special, fc.boolean()), { maxLength: 4 }), fc.option(fc.nat()))
      .map(([value, edits, cut]) => {
        const bytes = [...encode(JSON.stringify(value))];
        for (const [at, byte, replace] of edits) bytes.splice(at % (bytes.length + 1), replace ? 1 : 0, byte);
        return new Uint8Array(cut === null ? bytes : bytes.slice(0, cut % (bytes.length + 1)));
      });
    // Strings of bytes at the edges of UTF-8's ranges, and backslashes.
    const edges = fc
      .array(fc.constantFrom(0x41, 0x22, 0x5c, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff), { maxLength: 8 })
      .map((inner) => new Uint8Array([0x22, ...inner, 0x22]));
    fc.assert(
      fc.property(fc.oneof(mutated, edges, fc.uint8Array({ maxLength: 40 })), (bytes) => {
        expect(read(bytes)).toEqual(reference(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses broken UTF-8, a character after an escaping backslash, and skips one byte order mark', () => {
    const cases = [
      bytesOf('"', [0xe4, 0xb8], '"'), // cut short
      bytesOf('"', [0xc0, 0xaf], '"'), // overlong
      bytesOf('"', [0xe0, 0x80, 0xaf], '"'), // overlong
      bytesOf('"', [0xe0, 0x9f, 0xbf], '"'), // overlong
      bytesOf('"', [0xf0, 0x8f, 0xbf, 0xbf], '"'), // overlong
      bytesOf('"', [0xed, 0xa0, 0x80], '"'), // surrogates
      bytesOf('"', [0xed, 0xbf, 0xbf], '"'),
      bytesOf('"', [0xf4, 0x90, 0x80, 0x80], '"'), // above U+10FFFF
      bytesOf('"', [0xf5, 0x80, 0x80, 0x80], '"'),
      bytesOf('"', [0x80], '"'),
      bytesOf('"\\中"'),
      bytesOf('"\\\\\\中"'),
      bytesOf('中'),
      bytesOf([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '1'),
    ];
    for (const bytes of cases) {
      expect(reference(bytes)).toEqual({ ok: false });
      expect(read(bytes)).toEqual({ ok: false });
    }
    expect(jsonFromUtf8(bytesOf('"\\\\中"'))).toBe('\\中');
    expect(jsonFromUtf8(bytesOf([0xef, 0xbb, 0xbf], '{"名":"李𠮷"}'))).toEqual({ 名: '李𠮷' });
    expect(jsonFromUtf8(bytesOf([0xef, 0xbb, 0xbf], '[1]'))).toEqual([1]);
  });
});
