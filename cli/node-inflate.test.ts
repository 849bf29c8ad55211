import { strToU8, zipSync } from 'fflate';
import { afterEach, expect, it } from 'vitest';
import { deflateBomb, rawZip } from '../shared/files/test-zip';
import { inflateEntry, readZipDirectory, usePlatformInflater, ZipReadError, type ZipRules } from '../shared/files/zip-reader';
import { nodeInflate } from './node-inflate';

const rules: ZipRules = { maxEntries: 4, maxEntryBytes: () => 64 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };
afterEach(() => usePlatformInflater(undefined));

it('inflates with zlib exactly what the directory says, and stops a bomb at that size', async () => {
  usePlatformInflater(nodeInflate);
  const text = '午餐 '.repeat(5000);
  const zip = zipSync({ 'a.txt': strToU8(text) });
  expect(new TextDecoder().decode(await inflateEntry(zip, readZipDirectory(zip, rules).get('a.txt')!))).toBe(text);

  const bomb = deflateBomb(2 ** 31);
  const lying = rawZip([{ name: 'a.txt', deflated: bomb.deflated, size: 10_000_000 }]);
  const started = performance.now();
  const error = await inflateEntry(lying, readZipDirectory(lying, rules).get('a.txt')!).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ZipReadError);
  expect((error as ZipReadError).kind).toBe('size');
  expect(performance.now() - started).toBeLessThan(1000);
  const short = rawZip([{ name: 'a.txt', content: strToU8('abc'), size: 4 }]);
  await expect(inflateEntry(short, readZipDirectory(short, rules).get('a.txt')!)).rejects.toMatchObject({ kind: 'broken' });
});
