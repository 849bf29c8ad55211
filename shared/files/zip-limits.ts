// A zip (an .xlsx is one) that inflates beyond a sane size is refused before any reader inflates it: a
// 400 KB file can hold gigabytes of one repeated byte, and a reader that inflates it whole freezes the till.
// First the sizes the central directory declares; then, since a header can lie, the entries are inflated
// in small steps, counting, and given up as soon as the count passes the limit. Nothing is kept.
import { Unzip, UnzipInflate, unzipSync } from 'fflate';

export type ZipLimits = { maxEntries: number; maxTotalBytes: number };

export type ZipCheck = { ok: true; totalBytes: number } | { ok: false; reason: 'not_zip' | 'too_many_entries' | 'too_large'; totalBytes?: number };

/** Input fed to the inflater at a time: deflate inflates at most about 1,032 times, so a step yields at most ~16 MB. */
const STEP = 16 * 1024;

export function checkZipSize(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
  let declared = 0;
  let entries = 0;
  try {
    // A filter that keeps nothing: fflate reads the central directory and inflates no entry.
    unzipSync(bytes, {
      filter: (file) => {
        entries++;
        declared += file.originalSize;
        return false;
      },
    });
  } catch {
    return { ok: false, reason: 'not_zip' };
  }
  if (entries > limits.maxEntries) return { ok: false, reason: 'too_many_entries' };
  if (declared > limits.maxTotalBytes) return { ok: false, reason: 'too_large', totalBytes: declared };

  let inflated = 0;
  let failed = false;
  const unzip = new Unzip((file) => {
    file.ondata = (error, chunk) => {
      if (error) failed = true;
      else inflated += chunk.length;
      if (failed || inflated > limits.maxTotalBytes) file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length && !failed && inflated <= limits.maxTotalBytes; offset += STEP) {
      const end = Math.min(bytes.length, offset + STEP);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch {
    return { ok: false, reason: 'not_zip' };
  }
  if (inflated > limits.maxTotalBytes) return { ok: false, reason: 'too_large', totalBytes: inflated };
  if (failed) return { ok: false, reason: 'not_zip' };
  return { ok: true, totalBytes: inflated };
}
