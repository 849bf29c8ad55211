// The command line inflates zips with Node's zlib: several times faster than a stream in script, and its
// maxOutputLength stops a zip bomb at the size the zip's directory declared (shared/files/zip-reader.ts).
// One output chunk of that size (and a byte, so a full chunk needs no second one): zlib's default 16 KB chunks
// are joined by a copy of the whole entry at the end (the office bench's claim.json, 13.5 MB: 50-120 ms a
// package in Buffer.concat). The chunk is only reserved; what an entry cannot fill is never touched.
import { inflateRawSync } from 'node:zlib';
import type { BoundedInflater } from '../shared/files/zip-reader';

export const nodeInflate: BoundedInflater = (data, limit) => {
  try {
    // maxOutputLength must be at least 1; an entry of 0 bytes inflates to nothing either way.
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, limit), chunkSize: Math.max(64, limit + 1) });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too_big';
    throw error;
  }
};
