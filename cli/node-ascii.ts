// The command line turns ASCII bytes into text with Node's Buffer: the text of a claim.json that
// shared/files/json-bytes.ts has made ASCII (about 20 MB for the office bench's 10,000 lines) in 35-40 ms
// instead of TextDecoder's 80. Only ever given bytes below 0x80, where 'ascii' is exact.
import type { AsciiDecoder } from '../shared/files/json-bytes';

export const nodeAscii: AsciiDecoder = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('ascii');
