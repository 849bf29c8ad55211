// Writes docs/examples/ZC-001_2026-10_r1.claim.zip, the example package docs/claim-package.md describes:
// three lunches and dinners of two elders priced by the Zengcheng example policy, signed with a fixed,
// published example key (RFC 8032's first test key: never use it for real claims).
//   npx tsx scripts/claim-example.ts        (scripts/claim-example.test.ts checks the committed file)
import { writeFileSync } from 'node:fs';
import { buildClaim } from '../shared/claims/build-claim';
import { writeClaimPackage, type WrittenPackage } from '../shared/claims/claim-package';
import type { ClaimTableLayout } from '../shared/claims/claim-tables';
import { publicKeyInfo, signBytes } from '../shared/claims/signing';
import { LI, WANG, aHeader, aMeal, books } from '../shared/claims/test-fixtures';

/** RFC 8032's first test key: an Ed25519 private key as PKCS #8 is a fixed prefix and the 32-byte seed. */
const EXAMPLE_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const EXAMPLE_PUBLIC_KEY = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((byte) => parseInt(byte, 16)));
const pkcs8 = hex(`302e020100300506032b657004220420${EXAMPLE_SEED}`);

export const EXAMPLE_FILE = 'docs/examples/ZC-001_2026-10_r1.claim.zip';

/** The example; with `layout`, its tables laid out as an earlier version wrote them. */
export async function exampleClaimPackage(layout?: ClaimTableLayout): Promise<WrittenPackage> {
  const publicKey = await publicKeyInfo(hex(EXAMPLE_PUBLIC_KEY));
  const meals = [aMeal(1, '2026-10-08T11:32:05+08:00', WANG), aMeal(2, '2026-10-08T11:40:47+08:00', LI), aMeal(3, '2026-10-09T17:35:12+08:00', WANG)];
  const claim = buildClaim(aHeader('2026-10', publicKey, { exportedAt: '2026-11-02T09:15:00+08:00' }), books(meals));
  return writeClaimPackage(claim, (bytes) => signBytes(pkcs8, bytes), undefined, undefined, layout);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = await exampleClaimPackage();
  writeFileSync(EXAMPLE_FILE, written.bytes);
  console.log(`${EXAMPLE_FILE}: ${written.bytes.length} bytes, manifest ${written.manifestSha256}`);
}
