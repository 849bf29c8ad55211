import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_CHAIN, linkRecord, linkRecordNow, recordHash } from './chain';
import { sha256HexSync } from './sha256';

// Checked against an independent implementation: Node's crypto (OpenSSL).
const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256HexSync', () => {
  it('gives the FIPS 180-4 examples', () => {
    expect(sha256HexSync(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with OpenSSL at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(sha256HexSync(bytes), `length ${length}`).toBe(reference(bytes));
    }
  });

  it('agrees with OpenSSL on any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => sha256HexSync(bytes) === reference(bytes)));
  });
});

describe('linkRecordNow', () => {
  it('links exactly as linkRecord does, Chinese text and all', async () => {
    const record = { id: 'T1-7', resident: { name: '李𠮷', idNumber: '44011819450101122X' }, amountFen: 700, note: '午餐\u0000"\\' };
    const head = { seq: 41, hash: 'ab'.repeat(32) };
    const now = linkRecordNow(record, head);
    expect(now).toEqual(await linkRecord(record, head));
    expect(now.hash).toBe(await recordHash(now));
    expect(linkRecordNow(record, EMPTY_CHAIN)).toEqual(await linkRecord(record, EMPTY_CHAIN));
  });
});
