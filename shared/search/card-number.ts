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

export type CardInput = { ok: true; card: string } | { ok: false; message: string };

/**
 * A meal card number as the till keeps it (and as the roster import reads it): half-width, no spaces, letters in capitals (readers type hex in
 * either case). Refused, in words for the manager, when it cannot be a card's number.
 */
export function normalizeCardNumber(typed: string): CardInput {
  const card = toHalfWidth(typed).replace(/\s+/g, '').toUpperCase();
  if (!card) return { ok: false, message: '没有读到饭卡号：请再刷一次卡' };
  if (!/^[0-9A-Z]+$/.test(card)) return { ok: false, message: `“${card.slice(0, 40)}”不是饭卡号：饭卡号只有数字和字母` };
  if (card.length < 4 || card.length > 40) return { ok: false, message: `饭卡号应为 4 到 40 位（读到 ${card.length} 位）：请再刷一次卡` };
  return { ok: true, card };
}

/**
 * Every spelling under which the card `card` (normalised) may already be on the roster: as typed, in lower
 * case (rosters imported as written), and in each other reader's form.
 */
export function cardSpellings(card: string): string[] {
  return [...new Set([card, card.toLowerCase(), ...cardNumberForms(card)])];
}
