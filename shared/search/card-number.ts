// A meal card or ID card reader in keyboard mode types the card's 4-byte number, but readers disagree on
// how: 10-digit decimal, 8-digit hex, or hex with the bytes reversed. A card bound on one reader must still
// be found when it is read on another, so a scan that is not on the roster as typed is tried in each form.
import { toHalfWidth } from '../text';

const MAX_UINT32 = 0xffffffff;

const hex8 = (value: number) => value.toString(16).toUpperCase().padStart(8, '0');
const reversed = (hex: string) => hex.match(/../g)!.reverse().join('');
const decimal10 = (hex: string) => String(parseInt(hex, 16)).padStart(10, '0');

/**
 * The other spellings of the same card: for a 32-bit card number (10 decimal digits, or 8 hex digits), its
 * hex, byte-reversed hex and both as 10-digit decimals; none for anything else. The typed form is not repeated.
 */
export function cardNumberForms(typed: string): string[] {
  const text = toHalfWidth(typed).replace(/\s+/g, '').toUpperCase();
  let hex: string | undefined;
  if (/^\d{10}$/.test(text) && Number(text) <= MAX_UINT32) hex = hex8(Number(text));
  else if (/^[0-9A-F]{8}$/.test(text)) hex = text;
  if (!hex) return [];
  const forms = [hex, reversed(hex), decimal10(hex), decimal10(reversed(hex))];
  return [...new Set(forms)].filter((form) => form !== text);
}
