// JSON read straight from UTF-8 bytes: the same value, and the same refusals, as
// JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), for a claim.json of 100 MB and more.
//
// Decoding a text of Chinese names and labels into a JavaScript string is the slow part of reading it. Here every
// character outside ASCII is written as the JSON escape \uXXXX into a buffer kept between calls, so the text the
// engine decodes and parses is ASCII throughout. Measured on the office bench's 13.5 MB claim.json, against
// TextDecoder (fatal) and JSON.parse: 135-200 ms against 275-390 ms in Chromium, 130-200 ms against 160-230 ms
// in Node; reading the bench's 20 packages in Chromium took 19.2 s of the page's CPU instead of 21.8 s.
//
// Outside a string a \uXXXX is no more JSON than the character it stands for, so where the original is refused
// this is refused too. The one place an escape reads differently is right after a backslash ("\中" is not
// JSON, "\\u4e2d" is): a character after an odd run of backslashes is refused here.

const BACKSLASH = 0x5c;
const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);
const decoder = new TextDecoder();

/** Bytes all below 0x80 as a string: a platform may have a faster way than TextDecoder (the command line: Node's Buffer). */
export type AsciiDecoder = (bytes: Uint8Array) => string;
let asciiText: AsciiDecoder = (bytes) => decoder.decode(bytes);

/** Installs the platform's ASCII decoder for every read from now on (undefined: back to TextDecoder). */
export function usePlatformAsciiDecoder(decode: AsciiDecoder | undefined): void {
  asciiText = decode ?? ((bytes) => decoder.decode(bytes));
}

/**
 * Kept between calls (the function is synchronous), up to a size: a fresh buffer of many megabytes costs more to
 * map than to fill. A month of 100,000 meals (135 MB) gets a buffer of its own, let go afterwards.
 */
let scratch: Uint8Array = new Uint8Array(0);
const KEEP = 32 * 1024 * 1024;
const keep = (buffer: Uint8Array) => {
  if (buffer.length <= KEEP) scratch = buffer;
  return buffer;
};

class Utf8Error extends TypeError {
  constructor() {
    super('不是有效的 UTF-8 文本');
  }
}

/**
 * The JSON value of UTF-8 bytes (a byte order mark at the start is skipped, as TextDecoder skips it). Throws a
 * TypeError for bytes that are not UTF-8 and a SyntaxError for a text that is not JSON.
 */
export function jsonFromUtf8(bytes: Uint8Array): unknown {
  const n = bytes.length;
  const start = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let i = start;
  while (i < n && bytes[i]! < 0x80) i++;
  if (i === n) return JSON.parse(asciiText(bytes.subarray(start)));

  let out = scratch.length >= n + (n >> 2) ? scratch : keep(new Uint8Array(n + (n >> 1) + 64));
  out.set(bytes.subarray(start, i), 0);
  let o = i - start;
  const room = (more: number) => {
    if (o + more <= out.length) return;
    const grown = new Uint8Array(Math.max(out.length * 2, o + more));
    grown.set(out.subarray(0, o));
    out = keep(grown);
  };
  const escape = (unit: number) => {
    out[o] = BACKSLASH;
    out[o + 1] = 0x75; // u
    out[o + 2] = HEX[unit >> 12]!;
    out[o + 3] = HEX[(unit >> 8) & 15]!;
    out[o + 4] = HEX[(unit >> 4) & 15]!;
    out[o + 5] = HEX[unit & 15]!;
    o += 6;
  };

  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      let j = i + 1;
      while (j < n && bytes[j]! < 0x80) j++;
      room(j - i);
      out.set(bytes.subarray(i, j), o);
      o += j - i;
      i = j;
      continue;
    }
    let backslashes = 0;
    while (i - 1 - backslashes >= start && bytes[i - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 1) throw new SyntaxError('JSON 转义符后面不能是非 ASCII 字符');
    room(12);
    // The decoder of the Encoding Standard, refusing what its fatal mode refuses: stray continuation bytes,
    // overlong forms, surrogates, code points above U+10FFFF and sequences cut short.
    if (b >= 0xc2 && b <= 0xdf) {
      const b1 = bytes[i + 1]!;
      if ((b1 & 0xc0) !== 0x80) throw new Utf8Error();
      escape(((b & 0x1f) << 6) | (b1 & 0x3f));
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const b1 = bytes[i + 1]!;
      const b2 = bytes[i + 2]!;
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80) throw new Utf8Error();
      const code = ((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) throw new Utf8Error();
      escape(code);
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const b1 = bytes[i + 1]!;
      const b2 = bytes[i + 2]!;
      const b3 = bytes[i + 3]!;
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) throw new Utf8Error();
      const code = ((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      if (code < 0x10000 || code > 0x10ffff) throw new Utf8Error();
      escape(0xd800 + ((code - 0x10000) >> 10));
      escape(0xdc00 + ((code - 0x10000) & 0x3ff));
      i += 4;
    } else throw new Utf8Error();
  }
  return JSON.parse(asciiText(out.subarray(0, o)));
}
