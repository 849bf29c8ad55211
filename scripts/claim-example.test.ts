// The example package in docs/ is what the code writes today, and it verifies as the office would check it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readClaimPackage } from '../shared/claims/claim-package';
import { EXAMPLE_FILE, exampleClaimPackage } from './claim-example';

describe('docs/examples claim package', () => {
  it('is the package the code writes now (run `npx tsx scripts/claim-example.ts` after a format change)', async () => {
    expect(Buffer.from((await exampleClaimPackage()).bytes).equals(readFileSync(EXAMPLE_FILE))).toBe(true);
  });

  it('verifies against the example key\'s fingerprint', async () => {
    const read = await readClaimPackage(new Uint8Array(readFileSync(EXAMPLE_FILE)), { registeredKey: { fingerprint: '21FE 31DF A154 A261 626B F854 046F D227' } });
    expect(read.ok ? read.claim.totals.netClaimFen : read.problem.message).toBe(2900);
  });
});
