import { describe, expect, it } from 'vitest';
import { detectScan, type Keystroke } from './scan-detect';

const typed = (text: string, start: number, gapMs: number): Keystroke[] => Array.from(text, (char, i) => ({ char, at: start + i * gapMs }));
const enterAfter = (keys: Keystroke[], ms: number) => keys.at(-1)!.at + ms;

describe('detectScan', () => {
  it('takes 18 characters 8 ms apart followed by Enter as a scan', () => {
    const keys = typed('11010519491231002X', 1000, 8);
    expect(detectScan(keys, enterAfter(keys, 10))).toEqual({ text: '11010519491231002X', core: '11010519491231002X' });
  });

  it('takes the same number typed by a person, even a fast typist, as typing', () => {
    for (const gap of [70, 120, 300]) {
      const keys = typed('11010519491231002X', 1000, gap);
      expect(detectScan(keys, enterAfter(keys, 100)), `${gap} ms`).toBeNull();
    }
  });

  it('leaves out letters typed before a pause, and offers the burst without a key pressed just before it', () => {
    const afterPause = [...typed('zs', 0, 200), ...typed('12345678', 2000, 10)];
    expect(detectScan(afterPause, 2100)?.text).toBe('12345678');
    const justBefore = [{ char: 'z', at: 1900 }, ...typed('12345678', 2000, 10)];
    expect(detectScan(justBefore, 2100)).toEqual({ text: 'z12345678', core: '12345678' });
  });

  it('tolerates hiccups inside a burst (the PC busy for a moment)', () => {
    const keys = typed('11010519491231002X', 1000, 8).map((key, i) => (i >= 6 ? { ...key, at: key.at + 300 } : i >= 3 ? { ...key, at: key.at + 90 } : key));
    expect(detectScan(keys, enterAfter(keys, 10))?.text).toBe('11010519491231002X');
  });

  it('refuses bursts too short for a card, and an Enter long after the last key', () => {
    expect(detectScan(typed('1234', 0, 5), 30)).toBeNull();
    const keys = typed('12345678', 0, 5);
    expect(detectScan(keys, enterAfter(keys, 800))).toBeNull();
    expect(detectScan([], 10)).toBeNull();
  });

  it('decides by the median gap: at the limit a scan, beyond it typing', () => {
    expect(detectScan(typed('12345678', 0, 50), 7 * 50 + 20)?.text).toBe('12345678');
    expect(detectScan(typed('12345678', 0, 51), 7 * 51 + 20)).toBeNull();
  });
});
