import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkZipSize } from './zip-limits';

const LIMITS = { maxEntries: 50, maxTotalBytes: 256 * 1024 };

/** A bomb: 2 MB of zeros, deflated to a few KB (small, to keep the test quick; the limit is smaller still). */
const bomb = () => zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(2 * 1024 * 1024) }, { level: 1 });

/** Sets every local and central header's declared sizes to `size`: the central directory lies. */
function lie(zip: Uint8Array, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return bytes;
}

describe('checkZipSize', { timeout: 30_000 }, () => {
  it('passes a small zip and counts what it inflates to', () => {
    const zip = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': strToU8('<row>'.repeat(1000)) });
    expect(checkZipSize(zip, LIMITS)).toEqual({ ok: true, totalBytes: 8 + 5000 });
  });

  it('refuses a zip whose central directory declares more than the limit, without inflating it', () => {
    expect(checkZipSize(bomb(), LIMITS)).toEqual({ ok: false, reason: 'too_large', totalBytes: 2 * 1024 * 1024 });
  });

  it('refuses a zip whose headers lie about its size, stopping soon after the limit', () => {
    const liar = lie(bomb(), 100);
    const check = checkZipSize(liar, LIMITS);
    expect(check).toMatchObject({ ok: false, reason: 'too_large' });
    expect(check.ok === false && check.totalBytes! > LIMITS.maxTotalBytes).toBe(true);
  });

  it('refuses too many entries and what is not a zip', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.xml`, strToU8('x')])));
    expect(checkZipSize(many, LIMITS)).toEqual({ ok: false, reason: 'too_many_entries' });
    expect(checkZipSize(strToU8('姓名,身份证号\n'), LIMITS)).toEqual({ ok: false, reason: 'not_zip' });
  });
});
