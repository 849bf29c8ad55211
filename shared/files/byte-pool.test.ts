import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BytePool } from './byte-pool';
import { deflateBomb, rawZip } from './test-zip';
import { inflateEntry, readZipDirectory, type ZipRules } from './zip-reader';

const MB = 1024 * 1024;
const rules: ZipRules = { maxEntries: 8, maxEntryBytes: () => 64 * MB, maxTotalBytes: 128 * MB };

describe('BytePool', () => {
  it('lends a buffer to one reader at a time, and takes back only what it lent', () => {
    const pool = new BytePool(MB, 2 * MB);
    const a = pool.take(1000);
    const b = pool.take(1000);
    expect(a.length).toBe(1000);
    expect(b.buffer).not.toBe(a.buffer);
    pool.give(a);
    pool.give(a); // twice: kept once
    const c = pool.take(900);
    expect(c.buffer).toBe(a.buffer);
    expect(pool.take(900).buffer).not.toBe(a.buffer);
    const foreign = new Uint8Array(1000);
    pool.give(foreign);
    expect(pool.take(1000).buffer).not.toBe(foreign.buffer);
  });

  it('keeps no buffer larger than it may, nor more than it may in all', () => {
    const pool = new BytePool(MB, 2 * MB);
    const big = pool.take(2 * MB);
    pool.give(big);
    expect(pool.take(2 * MB).buffer).not.toBe(big.buffer);
    const lent = [pool.take(MB / 2), pool.take(MB / 2), pool.take(MB / 2), pool.take(MB / 2)];
    for (const bytes of lent) pool.give(bytes);
    const again = [pool.take(MB / 2), pool.take(MB / 2), pool.take(MB / 2), pool.take(MB / 2)];
    expect(again.filter((bytes) => lent.some((old) => old.buffer === bytes.buffer)).length).toBe(3);
  });
});

describe('inflateEntry with a pool', () => {
  it('inflates into lent buffers the same bytes, and gives a buffer back when the entry is refused', async () => {
    const pool = new BytePool(64 * MB, 64 * MB);
    const text = '午餐 '.repeat(50_000);
    const zip = zipSync({ 'a.txt': strToU8(text), 'b.bin': [new Uint8Array([1, 2, 3]), { level: 0 }] });
    const entries = readZipDirectory(zip, rules);
    const a = await inflateEntry(zip, entries.get('a.txt')!, pool);
    expect(new TextDecoder().decode(a)).toBe(text);
    // A stored entry is the zip's own bytes: the pool leaves them alone.
    const b = await inflateEntry(zip, entries.get('b.bin')!, pool);
    expect(b.buffer).toBe(zip.buffer);
    pool.give(b);
    pool.give(a);
    const reused = await inflateEntry(zip, entries.get('a.txt')!, pool);
    expect(reused.buffer).toBe(a.buffer);
    expect(new TextDecoder().decode(reused)).toBe(text);
    pool.give(reused);

    const bomb = deflateBomb(2 ** 26);
    const lying = rawZip([{ name: 'a.txt', deflated: bomb.deflated, size: 100_000 }]);
    await expect(inflateEntry(lying, readZipDirectory(lying, rules).get('a.txt')!, pool)).rejects.toMatchObject({ kind: 'size' });
    expect(pool.take(100_000).buffer).toBe(a.buffer);
  });
});
