import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { sha256Hex, usePlatformHasher } from '../shared/ledger/chain';
import { nodeSha256 } from './node-hash';

afterEach(() => usePlatformHasher(undefined));

it('hashes as WebCrypto does, text and bytes', async () => {
  const samples = await fc.sample(fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 3000 })), 200);
  const webcrypto = await Promise.all(samples.map((sample) => sha256Hex(sample)));
  usePlatformHasher(nodeSha256);
  expect(await Promise.all(samples.map((sample) => sha256Hex(sample)))).toEqual(webcrypto);
  expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
