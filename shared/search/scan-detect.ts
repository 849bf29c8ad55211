// A card reader or barcode scanner in keyboard mode types a whole number in a few tens of
// milliseconds and presses Enter; a person types far slower. The counter tells them apart by the
// gaps between keys, so a scan goes straight to an exact lookup and never picks a search result.

/** One character typed into the field, with the key event's time stamp (ms). */
export type Keystroke = { char: string; at: number };

export const SCAN_RULES = {
  /** Fewest characters a scan can have: meal cards have 8 or more, ID numbers 15 or 18. */
  minLength: 8,
  /** Gaps between a scanner's keys; a fast typist's are 80 ms or more. */
  maxGapMs: 35,
  /** A scanner's Enter follows its last character at once. */
  maxEnterGapMs: 100,
} as const;

/**
 * The characters a scanner sent just before Enter (the trailing burst of keys whose gaps are all
 * short), or null when the last keys were typed by a person. Characters typed slowly before the
 * burst (the cashier had started a name) are not part of it.
 */
export function scannedText(keys: readonly Keystroke[], enterAt: number, rules = SCAN_RULES): string | null {
  const last = keys.length - 1;
  if (last < 0 || enterAt - keys[last]!.at > rules.maxEnterGapMs) return null;
  let start = last;
  while (start > 0 && keys[start]!.at - keys[start - 1]!.at <= rules.maxGapMs) start--;
  if (last - start + 1 < rules.minLength) return null;
  let text = '';
  for (let i = start; i <= last; i++) text += keys[i]!.char;
  return text;
}
