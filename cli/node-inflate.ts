// The command line inflates zips with Node's zlib: several times faster than a stream in script, and its
// maxOutputLength stops a zip bomb at the size the zip's directory declared (shared/files/zip-reader.ts).
import { inflateRawSync } from 'node:zlib';
import type { BoundedInflater } from '../shared/files/zip-reader';

export const nodeInflate: BoundedInflater = (data, limit) => {
  try {
    // maxOutputLength must be at least 1; an entry of 0 bytes inflates to nothing either way.
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, limit) });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too_big';
    throw error;
  }
};
