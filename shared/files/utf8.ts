// UTF-8 bytes of a large text. TextEncoder.encode takes seconds for the 100 MB texts of a month's claim in
// Chromium; encodeInto a buffer sized for mostly-ASCII text, grown when the text turns out wider, takes
// a tenth of that.
const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  let buffer = new Uint8Array(Math.ceil(text.length * 1.25) + 16);
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
