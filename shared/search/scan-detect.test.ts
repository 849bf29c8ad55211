import { describe, expect, it } from 'vitest';
import { scannedText, type Keystroke } from './scan-detect';

const typed = (text: string, start: number, gapMs: number): Keystroke[] => Array.from(text, (char, i) => ({ char, at: start + i * gapMs }));

describe('scannedText', () => {
  it('takes 18 characters 8 ms apart followed by Enter as a scan', () => {
    const keys = typed('11010519491231002X', 1000, 8);
    expect(scannedText(keys, keys.at(-1)!.at + 10)).toBe('11010519491231002X');
  });

  it('takes the same number typed by a person (120 ms a key) as typing', () => {
    const keys = typed('11010519491231002X', 1000, 120);
    expect(scannedText(keys, keys.at(-1)!.at + 150)).toBeNull();
  });

  it('keeps only the burst when a scan lands after a few typed letters', () => {
    const keys = [...typed('zs', 0, 200), ...typed('12345678', 2000, 10)];
    expect(scannedText(keys, 2100)).toBe('12345678');
  });

  it('refuses bursts too short for a card, and an Enter long after the last key', () => {
    expect(scannedText(typed('1234', 0, 5), 30)).toBeNull();
    const keys = typed('12345678', 0, 5);
    expect(scannedText(keys, 2000)).toBeNull();
    expect(scannedText([], 10)).toBeNull();
  });

  it('tolerates a gap at the limit but not beyond it', () => {
    expect(scannedText(typed('12345678', 0, 35), 7 * 35 + 20)).toBe('12345678');
    expect(scannedText(typed('12345678', 0, 36), 7 * 36 + 20)).toBeNull();
  });
});
