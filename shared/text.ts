// Input from rosters, ID card readers and cashiers arrives with full-width digits and letters
// (Chinese IMEs type them by default). Fold them to ASCII before parsing anything.

/** Full-width ASCII (U+FF01..U+FF5E) to half-width, ideographic space (U+3000) to a space. */
export function toHalfWidth(input: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else {
      out += input[i];
    }
  }
  return changed ? out : input;
}
