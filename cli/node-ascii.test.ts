import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { jsonFromUtf8, usePlatformAsciiDecoder } from '../shared/files/json-bytes';
import { nodeAscii } from './node-ascii';

afterEach(() => usePlatformAsciiDecoder(undefined));

const reference = (bytes: Uint8Array) => {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
  } catch {
    return { ok: false };
  }
};
const read = (bytes: Uint8Array) => {
  try {
    return { ok: true, value: jsonFromUtf8(bytes) };
  } catch {
    return { ok: false };
  }
};

it('reads JSON with Node’s ASCII decoding exactly as TextDecoder (fatal) and JSON.parse do, from anywhere in a buffer', () => {
  usePlatformAsciiDecoder(nodeAscii);
  const encode = (text: string) => new TextEncoder().encode(text);
  // Texts and bytes, each placed inside a larger buffer (a zip entry's bytes are a view into the zip), with or without a BOM.
  const texts = fc.jsonValue({ stringUnit: 'binary' }).map((value) => encode(JSON.stringify(value)));
  const inside = fc.tuple(fc.oneof(texts, fc.uint8Array({ maxLength: 40 })), fc.uint8Array({ maxLength: 5 }), fc.uint8Array({ maxLength: 5 }), fc.boolean()).map(([body, before, after, bom]) => {
    const whole = new Uint8Array([...before, ...(bom ? [0xef, 0xbb, 0xbf] : []), ...body, ...after]);
    return whole.subarray(before.length, whole.length - after.length);
  });
  fc.assert(
    fc.property(inside, (bytes) => {
      expect(read(bytes)).toEqual(reference(bytes));
    }),
    { numRuns: 2000 },
  );
  const wide = { name: '李𠮷\u2028王秀英', list: ['长者饭堂 ABC'.repeat(3000)], ascii: 'x'.repeat(100_000) };
  expect(jsonFromUtf8(encode(JSON.stringify(wide)))).toEqual(wide);
});
