import { barScale } from "@/lib/summary/bar-scale";

describe("barScale", () => {
  it("linear: the longest bar fills the track and ticks fall on round steps up to it", () => {
    const scale = barScale([60_361, 19_894, 227], "linear");
    expect(scale.at(60_361)).toBe(1);
    expect(scale.at(19_894)).toBeCloseTo(19_894 / 60_361, 12);
    expect(scale.ticks.map((t) => t.value)).toEqual([0, 20_000, 40_000, 60_000]);
    expect(scale.ticks[3]!.at).toBeCloseTo(60_000 / 60_361, 12);
  });

  it("linear: percentages get decimal steps without float noise", () => {
    const scale = barScale([0.7, 0.31], "linear");
    expect(scale.ticks.map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6]);
  });

  it("linear: all zeros draw no bar and one tick", () => {
    const scale = barScale([0, 0], "linear");
    expect(scale.at(0)).toBe(0);
    expect(scale.ticks).toEqual([{ value: 0, at: 0 }]);
  });

  it("log: a tick per power of ten, from the one below the smallest value, so every bar shows", () => {
    const scale = barScale([60_361, 227, 0], "log");
    expect(scale.ticks.map((t) => t.value)).toEqual([100, 1_000, 10_000, 100_000]);
    expect(scale.at(100)).toBe(0);
    expect(scale.at(227)).toBeGreaterThan(0);
    expect(scale.at(10_000)).toBeCloseTo(2 / 3, 12);
    // Zero has no place on a log axis: no bar.
    expect(scale.at(0)).toBe(0);
  });

  it("log: a smallest value of exactly 1 still gets a bar (the axis starts at 0.1)", () => {
    const scale = barScale([1, 50], "log");
    expect(scale.ticks.map((t) => t.value)).toEqual([0.1, 1, 10, 100]);
    expect(scale.at(1)).toBeCloseTo(1 / 3, 12);
  });
});
