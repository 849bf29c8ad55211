// The command line hashes with Node's crypto: the bytes hashed where they lie (WebCrypto's digest copies them
// first), which the office's checks do for every file of every package (shared/ledger/chain.ts).
import { createHash } from 'node:crypto';
import type { PlatformHasher } from '../shared/ledger/chain';

export const nodeSha256: PlatformHasher = (bytes) => createHash('sha256').update(bytes).digest('hex');
