// The example package in docs/ is what the code writes today, and it verifies as the office would check it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readClaimPackage } from '../shared/claims/claim-package';
import { sha256Hex } from '../shared/ledger/chain';
import { EXAMPLE_FILE, exampleClaimPackage } from './claim-example';

describe('docs/examples claim package', () => {
  it('is the package the code writes now (run `npx tsx scripts/claim-example.ts` after a format change)', async () => {
    expect(Buffer.from((await exampleClaimPackage()).bytes).equals(readFileSync(EXAMPLE_FILE))).toBe(true);
  });

  it('is made again byte for byte in the tables\' first layout, as it was committed before its workbook was set up to print', async () => {
    // The SHA-256 of docs/examples/ZC-001_2026-10_r1.claim.zip as committed until then.
    expect(await sha256Hex((await exampleClaimPackage(1)).bytes)).toBe('5c257c72bc1ce4fcfa7afd25fe0aca1ab7d839d5dd0e04a8eec3c5e28d441284');
  });

  it('verifies against the example key\'s fingerprint', async () => {
    const read = await readClaimPackage(new Uint8Array(readFileSync(EXAMPLE_FILE)), { registeredKey: { fingerprint: '21FE 31DF A154 A261 626B F854 046F D227' } });
    expect(read.ok ? read.claim.totals.netClaimFen : read.problem.message).toBe(2900);
  });
});
