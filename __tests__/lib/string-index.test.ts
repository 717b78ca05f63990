/** @jest-environment node */
import { StringIndex } from "@/lib/string-index";

describe("StringIndex", () => {
  it("numbers distinct strings in order of first sight and gives a repeat its first number", () => {
    const index = new StringIndex();
    expect(["b", "a", "b", "", "a", "ab", ""].map((s) => index.intern(s))).toEqual([0, 1, 0, 2, 1, 3, 2]);
    expect(index.size).toBe(4);
  });

  it("agrees with a Map over 200,000 ids while it grows from its smallest size", () => {
    const index = new StringIndex(1);
    const map = new Map<string, number>();
    const ids: string[] = [];
    for (let i = 0; i < 100_000; i++) ids.push(`${String(i).padStart(8, "0")}_00${i % 7}.png`);
    // Every id twice, the second time in another order; ids that differ only by case or length; then a
    // character over one byte (the storage widens) and the first ids again.
    const stream = [
      ...ids,
      ...ids.slice().reverse(),
      "00000001_001.PNG",
      "00000001_001.pn",
      "é",
      "\u{1F600}",
      "a\u{1F600}",
      ...ids.slice(0, 1000),
      "\u{1F600}",
    ];
    const expected: number[] = [];
    const got: number[] = [];
    for (const id of stream) {
      if (!map.has(id)) map.set(id, map.size);
      expected.push(map.get(id)!);
      got.push(index.intern(id));
    }
    expect(got.join()).toBe(expected.join());
    expect(index.size).toBe(map.size);
    expect(index.size).toBe(100_005);
  });

  it("tells apart strings whose hashes collide in the table", () => {
    // Strings of one character differ only in the lowest bits of the hash: with 16 slots, many share one.
    const index = new StringIndex(1);
    const letters = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x100 + i));
    letters.forEach((s, i) => expect(index.intern(s)).toBe(i));
    letters.forEach((s, i) => expect(index.intern(s)).toBe(i));
  });
});
