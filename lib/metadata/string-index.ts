/**
 * Numbers distinct strings 0, 1, 2… in order of first sight, exactly, without keeping the strings
 * as JavaScript objects: their characters are copied into one growing typed array.
 *
 * It stands in for a Map<string, number> on the hot path of the metadata loader, where a file has
 * 100k+ image ids. A Map must keep every id string alive; each is a small object for the garbage
 * collector to trace and move, and each is a view into the parsed chunk it was cut from, so it
 * pins that chunk in memory. Here an id costs its characters and a few integers.
 *
 * Metadata files are usually sorted by id, or nearly. A string above every string before it is new
 * without any lookup: it joins an ascending run, kept in order. Any other string is looked up in that
 * run by bisection, then in a hash table that holds only the strings that came out of order. A
 * sorted file thus costs one comparison per id. When most strings come out of order the run is
 * given up and every string is hashed, so a shuffled file costs a hash lookup, as a Map would.
 */
export class StringIndex {
  size = 0;
  /** UTF-16 code units; one byte each until a string needs more (ids are nearly always ASCII). */
  private chars: Uint8Array | Uint16Array;
  private used = 0;
  /** starts[e]..starts[e + 1]: entry e's characters in `chars`. */
  private starts: Int32Array;

  /** Entries that were each above every entry before them: increasing. */
  private ascending: Int32Array;
  private ascendingCount = 0;
  /** The entry met last: a repeat is often the next row's. */
  private recent = -1;
  /** Where in the ascending run the last bisection ended. */
  private finger = -1;
  /** Whether the ascending run is kept (see dropRun). */
  private ordered = true;

  /**
   * The other entries: two numbers per slot, the hash and entry + 1 (0 for an empty slot), side by
   * side so a probe reads one place in memory. The slot count is a power of two, at most half full.
   */
  private slots: Int32Array;
  private hashed = 0;

  /** Room for `capacity` strings before any array grows (the hash table starts with a quarter of it). */
  constructor(capacity = 1024) {
    const entries = Math.max(16, capacity);
    this.starts = new Int32Array(entries + 1);
    this.chars = new Uint8Array(entries * 16);
    this.ascending = new Int32Array(entries);
    let slots = 64;
    while (slots < entries / 2) slots *= 2;
    this.slots = new Int32Array(2 * slots);
  }

  /** The string's number, given the next one (`size`) when it is new. */
  intern(s: string): number {
    // Strings are compared with the stored characters, never with each other: comparing two strings
    // cut from a parsed chunk is a call into the engine's runtime, many times slower.
    const count = this.ascendingCount;
    if (this.ordered) {
      const order = count === 0 ? -1 : this.compare(this.ascending[count - 1]!, s);
      if (order === 0) return (this.recent = this.ascending[count - 1]!);
      if (order < 0) {
        const entry = this.append(s);
        if (count === this.ascending.length) this.ascending = grown(this.ascending);
        this.ascending[count] = entry;
        this.ascendingCount = count + 1;
        return (this.recent = entry);
      }
    }
    if (this.recent !== -1 && this.compare(this.recent, s) === 0) return this.recent;
    let entry = this.ordered ? this.bisect(s) : -1;
    if (entry === -1) {
      const hash = hashOf(s);
      entry = this.slots[this.probe(s, hash) + 1]! - 1;
      if (entry === -1) {
        entry = this.append(s);
        this.insertHashed(entry, hash);
        // Values that come mostly out of order (labels, or numbers written as text) gain nothing
        // from the run: past a point, it goes into the hash table too, and is no longer kept.
        if (this.ordered && this.hashed * 2 > this.size && this.size >= 256) this.dropRun();
      }
    }
    return (this.recent = entry);
  }

  /** The string's number, or -1 when it has none. */
  indexOf(s: string): number {
    const count = this.ascendingCount;
    if (this.size === 0) return -1;
    if (this.ordered) {
      const order = this.compare(this.ascending[count - 1]!, s);
      if (order === 0) return this.ascending[count - 1]!;
      if (order < 0) return -1;
    }
    if (this.recent !== -1 && this.compare(this.recent, s) === 0) return this.recent;
    const entry = this.ordered ? this.bisect(s) : -1;
    if (entry !== -1) return entry;
    return this.slots[this.probe(s, hashOf(s)) + 1]! - 1;
  }

  private insertHashed(entry: number, hash: number) {
    const slot = this.probe(null, hash);
    this.slots[slot] = hash;
    this.slots[slot + 1] = entry + 1;
    this.hashed += 1;
    if (this.hashed * 4 > this.slots.length) this.rehash();
  }

  private dropRun() {
    for (let k = 0; k < this.ascendingCount; k++) {
      const entry = this.ascending[k]!;
      this.insertHashed(entry, this.hashOfEntry(entry));
    }
    this.ordered = false;
    this.ascendingCount = 0;
    this.ascending = new Int32Array(0);
  }

  /** Stores a new entry's characters and numbers it. */
  private append(s: string): number {
    const entry = this.size;
    if (entry + 1 === this.starts.length) this.starts = grown(this.starts);
    if (this.used + s.length > this.chars.length) this.growChars(this.used + s.length);
    let chars = this.chars;
    let at = this.used;
    let high = 0;
    for (let i = 0; i < s.length; i++) {
      const unit = s.charCodeAt(i);
      high |= unit;
      chars[at++] = unit;
    }
    if (high > 0xff && chars instanceof Uint8Array) {
      this.chars = chars = Uint16Array.from(chars);
      at = this.used;
      for (let i = 0; i < s.length; i++) chars[at++] = s.charCodeAt(i);
    }
    this.used = at;
    this.starts[entry + 1] = at;
    this.size = entry + 1;
    return entry;
  }

  /** The entry equal to s in the ascending run, or -1. */
  private bisect(s: string): number {
    const run = this.ascending;
    let lo = 0;
    let hi = this.ascendingCount - 1;
    // Strings met in order find their place just after the last one found: look a few steps ahead
    // of it first, and bisect only when that fails.
    const finger = this.finger;
    if (finger >= 0 && this.compare(run[finger]!, s) < 0) {
      const end = Math.min(finger + 8, hi);
      for (let k = finger + 1; k <= end; k++) {
        const order = this.compare(run[k]!, s);
        if (order === 0) {
          this.finger = k;
          return run[k]!;
        }
        if (order > 0) return -1;
      }
      lo = end + 1;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compare(run[mid]!, s);
      if (order === 0) {
        this.finger = mid;
        return run[mid]!;
      }
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Entry e against s in code-unit order (the order of JavaScript's `<` on strings): -1, 0 or 1. */
  private compare(entry: number, s: string): number {
    const chars = this.chars;
    const start = this.starts[entry]!;
    const length = this.starts[entry + 1]! - start;
    const n = Math.min(length, s.length);
    for (let i = 0; i < n; i++) {
      const a = chars[start + i]!;
      const b = s.charCodeAt(i);
      if (a !== b) return a < b ? -1 : 1;
    }
    return length === s.length ? 0 : length < s.length ? -1 : 1;
  }

  /** The index in `slots` of the string's slot, or of the empty slot where it would go (s null: the first empty one). */
  private probe(s: string | null, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 2;
    for (let slot = (hash << 1) & mask; ; slot = (slot + 2) & mask) {
      const entry = slots[slot + 1]! - 1;
      if (entry === -1 || (s !== null && slots[slot] === hash && this.compare(entry, s) === 0)) return slot;
    }
  }

  /** The hash of entry e's stored characters: the same as hashOf of its string. */
  private hashOfEntry(entry: number): number {
    const chars = this.chars;
    let h = FNV_OFFSET;
    for (let i = this.starts[entry]!; i < this.starts[entry + 1]!; i++) h = Math.imul(h ^ chars[i]!, FNV_PRIME);
    return mix(h);
  }

  private growChars(needed: number) {
    const length = Math.max(needed, this.chars.length * 2);
    const chars = this.chars instanceof Uint8Array ? new Uint8Array(length) : new Uint16Array(length);
    chars.set(this.chars.subarray(0, this.used));
    this.chars = chars;
  }

  private rehash() {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 2;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === 0) continue;
      const hash = old[from]!;
      let slot = (hash << 1) & mask;
      while (slots[slot + 1] !== 0) slot = (slot + 2) & mask;
      slots[slot] = hash;
      slots[slot + 1] = old[from + 1]!;
    }
    this.slots = slots;
  }
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units, with a final mix so the low bits (the slot) depend on every unit. */
function hashOf(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
