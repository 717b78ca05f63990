/** @jest-environment node */
import { StringIndex } from "@/lib/metadata/string-index";

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

  it("agrees with a Map on nearly sorted, shuffled and repeating sequences", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ids = Array.from({ length: 5000 }, (_, i) => `p${String(i).padStart(5, "0")}`);
    const nearlySorted = ids.map((id, i) => (i % 10 === 9 ? ids[i - 9]! : id));
    const shuffled = ids.map(() => ids[Math.floor(random() * ids.length)]!);
    for (const sequence of [nearlySorted, shuffled, [...ids, ...shuffled, ...nearlySorted]]) {
      const index = new StringIndex(4);
      const map = new Map<string, number>();
      const expected = sequence.map((id) => (map.has(id) ? map.get(id)! : map.set(id, map.size).size - 1));
      expect(sequence.map((id) => index.intern(id)).join()).toBe(expected.join());
      expect(index.size).toBe(map.size);
      const probes = [...ids, "p", "q00001", ""];
      expect(probes.map((id) => index.indexOf(id)).join()).toBe(probes.map((id) => map.get(id) ?? -1).join());
    }
  });

  it("finds a string's number without adding it, or says -1", () => {
    const index = new StringIndex(4);
    ["b", "d", "f", "a", "c", "h"].forEach((s) => index.intern(s));
    expect(["a", "b", "c", "d", "e", "f", "g", "h", "i", ""].map((s) => index.indexOf(s))).toEqual([
      3, 0, 4, 1, -1, 2, -1, 5, -1, -1,
    ]);
    expect(index.size).toBe(6);
    expect(new StringIndex().indexOf("a")).toBe(-1);
  });
});
