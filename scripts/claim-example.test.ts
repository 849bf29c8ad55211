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
    // Layout 1 with today's example policy. With the Zengcheng example as it was before its hukou correction,
    // layout 1 gave 5c257c72…441284, the SHA-256 of the file committed until the workbook was set up to print
    // (checked when the two changes met).
    expect(await sha256Hex((await exampleClaimPackage(1)).bytes)).toBe('66b12f31384d65388fdded901af523228c49e671de860d19ecd3a3e4bdd293b0');
  });

  it('verifies against the example key\'s fingerprint', async () => {
    const read = await readClaimPackage(new Uint8Array(readFileSync(EXAMPLE_FILE)), { registeredKey: { fingerprint: '21FE 31DF A154 A261 626B F854 046F D227' } });
    expect(read.ok ? read.claim.totals.netClaimFen : read.problem.message).toBe(2900);
  });
});
