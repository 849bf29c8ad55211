// What the cashier types and what the roster holds, folded to one form before they are compared:
// half-width, lower-case, no spaces and no name dots (阿依古丽·买买提 and 阿依古丽买买提 are one name).
// Strings are compared whole, never cut per UTF-16 unit, so names with characters outside the BMP
// (生僻字 such as 𠮷) match like any other.
import { idCheckChar } from '../id-number';
import { toHalfWidth } from '../text';

// Middle dots of minority and foreign names in their common spellings, and the spaces between words.
const SEPARATORS = /[\s·•・‧．.\u00b7\u2027\u30fb]+/g;

/** A name or a typed query as the search compares it. */
export function searchKey(text: string): string {
  return toHalfWidth(text).replace(SEPARATORS, '').toLowerCase();
}

/** The digits of a phone number as rosters write it (138-1234-5678, +86 138 1234 5678). */
export function phoneDigits(phone: string | undefined): string {
  if (!phone) return '';
  if (allAsciiDigits(phone)) return phone;
  const digits = toHalfWidth(phone).replace(/\D+/g, '');
  // A mobile number written with the country code: search by the 11 digits people say.
  return digits.length === 13 && digits.startsWith('861') ? digits.slice(2) : digits;
}

function allAsciiDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** What a query is, which decides what it is compared with. */
export type QueryKind = 'empty' | 'number' | 'letters' | 'text';

export function queryKind(key: string): QueryKind {
  if (key === '') return 'empty';
  if (/^\d+x?$/.test(key)) return 'number';
  if (/^[a-z]+$/.test(key)) return 'letters';
  return 'text';
}

/**
 * A typed or scanned ID number as the roster keys it: upper-case, and a 15-digit legacy number
 * converted to 18 (the roster never holds 15-digit numbers). Not a validation: parseIdNumber is.
 */
export function rosterIdKey(text: string): string {
  const s = toHalfWidth(text).replace(/\s+/g, '').toUpperCase();
  if (s.length === 15 && /^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    return first17 + idCheckChar(first17);
  }
  return s;
}
