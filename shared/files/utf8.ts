// UTF-8 bytes of a large text. TextEncoder.encode takes seconds for the 100 MB texts of a month's claim in
// Chromium; encodeInto a buffer sized from a sample of the text, grown if the rest turns out wider, takes
// a tenth of that.
const encoder = new TextEncoder();

/** Bytes per UTF-16 unit, judged from a sample: names and labels make a CSV far wider than a JSON text. */
function widthOf(text: string): number {
  const sample = Math.min(text.length, 65_536);
  let wide = 0;
  for (let i = 0; i < sample; i += 1) if (text.charCodeAt(i) > 0x7f) wide += 1;
  return 1 + (2 * wide) / Math.max(1, sample);
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  let buffer = new Uint8Array(Math.ceil(text.length * (widthOf(text) + 0.1)) + 16);
  let { read, written } = encoder.encodeInto(text, buffer);
  while (read < text.length) {
    // Room for the rest at the widest (3 bytes a UTF-16 unit), so one more round always finishes.
    const grown = new Uint8Array(written + (text.length - read) * 3 + 16);
    grown.set(buffer.subarray(0, written));
    buffer = grown;
    const rest = encoder.encodeInto(text.slice(read), buffer.subarray(written));
    read += rest.read;
    written += rest.written;
  }
  return buffer.subarray(0, written);
}
