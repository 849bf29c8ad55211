// SHA-256 synchronously, for the one small record a sale links into the chain. Inside the ledger's IndexedDB
// transaction, WebCrypto's digest is a trip to another thread that the transaction must be kept open across
// (Dexie.waitFor, which polls the database until the digest is back); a record of a few kilobytes is hashed
// in script in tens of microseconds without leaving the transaction (measured in one page, interleaved: a
// sale's median 3.3 -> 2.7 ms). The script is @noble/hashes (audited, no dependencies) rather than our own;
// large files keep WebCrypto or the platform's hasher (chain.ts), which are faster per byte.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';

/** The SHA-256 of `bytes` as 64 lowercase hex digits. */
export function sha256HexSync(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
