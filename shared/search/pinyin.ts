// Pinyin initials of a name (张三 → zs), computed when a name is written (registration, roster import)
// and stored on the resident, so the counter's first screen never loads the pinyin dictionary
// (about 140 KiB gzipped). Import this module lazily, with import().
import { pinyin } from 'pinyin-pro';

/** At most this many spellings per name: the surname reading first, then other readings of polyphones. */
const MAX_VARIANTS = 6;
/** Readings considered per character: 单 is Shan as a surname, but a cashier may type d. */
const MAX_READINGS = 3;

const HAN = /\p{Script=Han}/u;
const LATIN = /[a-z]/;

/**
 * Initials of every reading of the name people may type, space-separated, most likely first:
 * "单田芳" → "stf dtf ctf". Latin words give their first letters ("john smith" → "js"). Characters
 * with no known pinyin (many 生僻字 such as 𠮷) are left out, so "𠮷秀兰" → "xl": the name itself
 * still finds them. "" when nothing in the name has initials.
 */
export function pinyinInitials(name: string): string {
  const chars = Array.from(name.normalize('NFC').toLowerCase());
  const usual = pinyin(chars.join(''), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  const perChar: string[][] = [];
  let inWord = false;
  chars.forEach((char, i) => {
    if (LATIN.test(char)) {
      if (!inWord) perChar.push([char]);
      inWord = true;
      return;
    }
    inWord = /[0-9'’-]/.test(char) && inWord;
    if (!HAN.test(char)) return;
    // pinyin() gives one array entry per character, astral characters included.
    const readings = [usual[i], ...pinyin(char, { pattern: 'first', toneType: 'none', type: 'array', multiple: true })];
    const letters = [...new Set(readings.filter((r): r is string => r !== undefined && /^[a-z]$/.test(r)))].slice(0, MAX_READINGS);
    if (letters.length) perChar.push(letters);
  });
  let variants = [''];
  for (const letters of perChar) {
    const next: string[] = [];
    for (const letter of letters) for (const prefix of variants) if (next.length < MAX_VARIANTS) next.push(prefix + letter);
    variants = next;
  }
  return variants.join(' ').trim();
}
