import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deflateBomb, rawZip } from './test-zip';
import { inflateEntry, readZipDirectory, ZipReadError, type ZipRules } from './zip-reader';

const MB = 1024 * 1024;
const rules = (names?: string[]): ZipRules => ({ names, maxEntries: 8, maxEntryBytes: () => 64 * MB, maxTotalBytes: 128 * MB });
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** Every entry the rules allow, inflated. */
async function readZip(bytes: Uint8Array, rules: ZipRules): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readZipDirectory(bytes, rules).values()) files.set(entry.name, await inflateEntry(bytes, entry));
  return files;
}

async function problem(run: () => unknown): Promise<ZipReadError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ZipReadError) return error;
    throw error;
  }
  throw new Error('read without a problem');
}

describe('readZip', () => {
  it('reads what fflate writes, stored and deflated, names in UTF-8', async () => {
    const bytes = zipSync({ 'a.txt': [strToU8('hello '.repeat(1000)), { level: 6 }], 'b.bin': [new Uint8Array([1, 2, 3]), { level: 0 }], '说明.txt': strToU8('中文') });
    const files = await readZip(bytes, rules());
    expect([...files.keys()]).toEqual(['a.txt', 'b.bin', '说明.txt']);
    expect(text(files.get('a.txt'))).toBe('hello '.repeat(1000));
    expect([...files.get('b.bin')!]).toEqual([1, 2, 3]);
    expect(text(files.get('说明.txt'))).toBe('中文');
  });

  it('refuses exactly what the rules leave out: a name missing, one too many, a folder, a name twice', async () => {
    const a = { name: 'a.txt', content: strToU8('a') };
    expect((await problem(() => readZip(rawZip([a]), rules(['a.txt', 'b.txt'])))).message).toBe('缺少文件：b.txt');
    expect((await problem(() => readZip(rawZip([a, { name: 'c.txt', content: strToU8('c') }]), rules(['a.txt'])))).names).toEqual(['c.txt']);
    expect((await problem(() => readZip(rawZip([a, { name: 'd/', content: new Uint8Array() }]), rules()))).message).toContain('文件夹');
    // Two entries of one name: whichever a reader would show, the package is refused.
    const twice = await problem(() => readZip(rawZip([{ name: 'a.txt', content: strToU8('forged') }, a]), rules(['a.txt'])));
    expect([twice.kind, twice.names]).toEqual(['repeated', ['a.txt']]);
  });

  it('refuses sizes over the limits from the directory alone, before inflating', () => {
    const bomb = deflateBomb(2 ** 31);
    const zip = rawZip([{ name: 'a.txt', deflated: bomb.deflated, size: bomb.size }]);
    const started = performance.now();
    expect(() => readZipDirectory(zip, rules(['a.txt']))).toThrow(/超过了上限/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('stops inflating an entry the moment it gives more than its directory said', async () => {
    const bomb = deflateBomb(2 ** 31);
    const zip = rawZip([{ name: 'a.txt', deflated: bomb.deflated, size: 1000 }]);
    const entry = readZipDirectory(zip, rules(['a.txt'])).get('a.txt')!;
    const started = performance.now();
    expect((await problem(() => inflateEntry(zip, entry))).message).toContain('比目录所说的 1000 字节更大');
    expect(performance.now() - started).toBeLessThan(1000);
    // Short of its size is refused too.
    const short = rawZip([{ name: 'a.txt', content: strToU8('abc'), size: 4 }]);
    expect((await problem(() => readZip(short, rules())))).toMatchObject({ kind: 'broken' });
  });

  it('refuses a truncated file, garbage, encryption and a local header that names another file', async () => {
    const bytes = zipSync({ 'a.txt': strToU8('hello') });
    expect((await problem(() => readZip(bytes.slice(0, bytes.length - 10), rules()))).kind).toBe('broken');
    expect((await problem(() => readZip(strToU8('not a zip at all'), rules()))).kind).toBe('broken');
    const encrypted = bytes.slice();
    encrypted[6] = 1; // local header flag
    encrypted[bytes.length - 22 - 46 - 5 + 8] = 1; // central directory flag
    expect((await problem(() => readZip(encrypted, rules()))).message).toContain('加密');
    const renamed = bytes.slice();
    renamed[30] = 'b'.charCodeAt(0); // the local header's name only
    expect((await problem(() => readZip(renamed, rules()))).message).toContain('不一致');
  });
});
