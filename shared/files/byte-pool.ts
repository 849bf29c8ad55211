// Buffers lent for inflated zip entries and given back once read. The office reads a month's package as some 25 MB
// of inflated files (claim.json, claim.csv, the workbook's detail sheet), package after package; a fresh buffer of
// that size costs the browser more to map into memory than the inflating costs (Chromium, the office bench's 20
// packages: copying each inflated slice into a fresh buffer took 2-4 s of the page's time, into a lent one a
// fraction of it). A buffer is lent to one reader at a time, so readers that interleave never share one.

export class BytePool {
  private readonly kept: ArrayBuffer[] = [];
  private readonly lent = new WeakSet<ArrayBuffer>();

  constructor(
    /** Larger buffers are not kept: a month of 100,000 meals gets buffers of its own, let go afterwards. */
    private readonly keepEach: number,
    private readonly keepAll: number,
  ) {}

  /** `size` bytes (not zeroed) over a buffer of this pool's, or a new one. */
  take(size: number): Uint8Array<ArrayBuffer> {
    let best = -1;
    for (let i = 0; i < this.kept.length; i++) {
      if (this.kept[i]!.byteLength >= size && (best < 0 || this.kept[i]!.byteLength < this.kept[best]!.byteLength)) best = i;
    }
    // A little room over the size, so the next package's slightly larger file fits the same buffer.
    const buffer = best >= 0 ? this.kept.splice(best, 1)[0]! : new ArrayBuffer(size + (size >> 3));
    this.lent.add(buffer);
    return new Uint8Array(buffer, 0, size);
  }

  /** Gives back what take() lent; anything else (a stored entry's bytes, say) is left alone. */
  give(bytes: Uint8Array): void {
    const buffer = bytes.buffer as ArrayBuffer;
    if (!this.lent.has(buffer)) return;
    this.lent.delete(buffer);
    if (buffer.byteLength > this.keepEach) return;
    this.kept.push(buffer);
    this.kept.sort((a, b) => b.byteLength - a.byteLength);
    let total = 0;
    for (let i = 0; i < this.kept.length; i++) {
      total += this.kept[i]!.byteLength;
      if (total > this.keepAll) {
        this.kept.length = i;
        break;
      }
    }
  }
}

const MB = 1024 * 1024;
/** The pool zip entries are inflated into when the reader asks for it (see inflateEntry). */
export const inflatePool = new BytePool(40 * MB, 64 * MB);
