// Zips as an attacker writes them, for the tests and the bench (not shipped code paths): entries whose
// directory says anything at all (two of one name, sizes that lie), and deflate streams that inflate a
// thousandfold.
import { deflateSync } from 'fflate';

export type RawEntry = {
  name: string;
  /** The entry's content; deflated unless `method` is 0. */
  content?: Uint8Array;
  /** Data already deflated (a bomb): written as is, with `size` as its claimed uncompressed size. */
  deflated?: Uint8Array;
  method?: 0 | 8;
  /** What the directory and local header claim, whatever the data holds. */
  size?: number;
};

const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** A zip of the entries exactly as given, in order, duplicates and lies included. */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const directory: number[][] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const data = entry.deflated ?? (method === 0 ? entry.content! : deflateSync(entry.content!));
    const size = entry.size ?? entry.content?.length ?? 0;
    const name = new TextEncoder().encode(entry.name);
    const common = [...le16(20), ...le16(0x800), ...le16(method), ...le16(0), ...le16(0x21), ...le32(0), ...le32(data.length), ...le32(size), ...le16(name.length), ...le16(0)];
    const local = new Uint8Array([...le32(0x04034b50), ...common, ...name]);
    directory.push([...le32(0x02014b50), ...le16(20), ...common, ...le16(0), ...le16(0), ...le16(0), ...le32(0), ...le32(offset), ...name]);
    parts.push(local, data);
    offset += local.length + data.length;
  }
  const central = new Uint8Array(directory.flat());
  const end = new Uint8Array([...le32(0x06054b50), ...le16(0), ...le16(0), ...le16(entries.length), ...le16(entries.length), ...le32(central.length), ...le32(offset), ...le16(0)]);
  const out = new Uint8Array(offset + central.length + end.length);
  let at = 0;
  for (const part of [...parts, central, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A raw deflate stream of about `size` zero bytes in about size/1032 bytes: one literal, then copies of 258
 * bytes at distance 1, each two bits long under a hand-made dynamic Huffman code.
 */
export function deflateBomb(size: number): { deflated: Uint8Array; size: number } {
  const copies = Math.floor((size - 1) / 258);
  const header: [number, number][] = [];
  const bits = (value: number, count: number) => header.push([value, count]);
  // A Huffman code is written from its most significant bit.
  const code = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits((value >>> i) & 1, 1);
  };
  bits(1, 1); // last block
  bits(2, 2); // dynamic Huffman
  bits(29, 5); // 286 literal/length codes
  bits(0, 5); // 1 distance code
  bits(14, 4); // 18 code-length codes
  // Code-length code lengths in RFC 1951's order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1: 18 → 1, 2 → 2, 1 → 2.
  for (const length of [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2]) bits(length, 3);
  // Code-length codes: 18 is "0", 1 is "10", 2 is "11".
  const zeros = (run: number) => {
    code(0, 1);
    bits(run - 11, 7);
  };
  code(3, 2); // literal 0: length 2
  zeros(138);
  zeros(117); // literals 1..255 unused
  code(3, 2); // end of block: length 2
  zeros(28); // lengths 257..284 unused
  code(2, 2); // length 258 (code 285): length 1
  code(2, 2); // distance 1 (code 0): length 1
  // Literal/length code: 285 is "0", literal 0 is "10", end of block "11"; distance 1 is "0".
  code(2, 2); // the literal 0
  const headerBits = header.reduce((sum, [, count]) => sum + count, 0);
  const totalBits = headerBits + copies * 2 + 2;
  const out = new Uint8Array(Math.ceil(totalBits / 8));
  let at = 0;
  const put = (value: number, count: number) => {
    for (let i = 0; i < count; i++, at++) if ((value >>> i) & 1) out[at >>> 3]! |= 1 << (at & 7);
  };
  for (const [value, count] of header) put(value, count);
  at += copies * 2; // every copy is "0" "0"
  put(1, 1);
  put(1, 1); // end of block "11"
  return { deflated: out, size: 1 + copies * 258 };
}
