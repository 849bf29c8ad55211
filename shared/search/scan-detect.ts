// A card reader or barcode scanner in keyboard mode types a whole number in a few tens of
// milliseconds and presses Enter; a person types far slower. The counter tells them apart by the
// gaps between keys, so a scan goes straight to an exact lookup and never picks a search result.

/** One character typed into the field, with the key event's time stamp (ms). */
export type Keystroke = { char: string; at: number };

export const SCAN_RULES = {
  /** Fewest characters a scan can have: meal cards have 8 or more, ID numbers 15 or 18. */
  minLength: 8,
  /**
   * The typical (median) gap between a scanner's keys. Readers send a key every 1-20 ms; a person's
   * digits come 100 ms or more apart, even a fast typist's.
   */
  maxGapMs: 50,
  /**
   * A pause this long ends a burst: keys before it are a person's. Shorter hiccups inside a burst
   * (the PC busy for a moment) are tolerated: the median decides.
   */
  breakGapMs: 600,
  /** A scanner's Enter follows its last character at once. */
  maxEnterGapMs: 500,
} as const;

export type Scan = {
  /** Every character of the burst. */
  text: string;
  /** The burst without leading keys that came slowly (a key the cashier pressed just before the scan). */
  core: string;
};

/**
 * The characters a scanner sent just before Enter (the trailing burst of keys with a short median gap),
 * or null when the last keys were typed by a person.
 */
export function detectScan(keys: readonly Keystroke[], enterAt: number, rules = SCAN_RULES): Scan | null {
  const last = keys.length - 1;
  if (last < 0 || enterAt - keys[last]!.at > rules.maxEnterGapMs) return null;
  let start = last;
  while (start > 0 && keys[start]!.at - keys[start - 1]!.at <= rules.breakGapMs) start--;
  if (last - start + 1 < rules.minLength) return null;
  const gaps: number[] = [];
  for (let i = start + 1; i <= last; i++) gaps.push(keys[i]!.at - keys[i - 1]!.at);
  const sorted = [...gaps].sort((a, b) => a - b);
  if (sorted[Math.floor(sorted.length / 2)]! > rules.maxGapMs) return null;
  let core = start;
  while (core < last && gaps[core - start]! > rules.maxGapMs) core++;
  const text = (from: number) => keys.slice(from, last + 1).map((key) => key.char).join('');
  return { text: text(start), core: text(core) };
}
