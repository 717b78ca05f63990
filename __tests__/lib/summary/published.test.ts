/** @jest-environment node */
import { readdirSync, readFileSync } from "node:fs";
import { parseCatalog } from "@/lib/catalog/schema";
import { DataFileError } from "@/lib/csv/parse";
import { parsePublishedSummary } from "@/lib/summary/published";

const catalog = parseCatalog(readFileSync("data/catalog.csv", "utf8"), "data/catalog.csv");

describe("parsePublishedSummary", () => {
  const text = [
    "label,count,patients,split,state,unit,source_url,note",
    "NORMAL,1349,,train,,,https://doi.org/10.1016/j.cell.2018.02.010,Table 1",
    "PNEUMONIA,3883,,train,,,https://doi.org/10.1016/j.cell.2018.02.010,",
    "(total),5232,,train,,,https://doi.org/10.1016/j.cell.2018.02.010,sum of the class rows",
    "NORMAL,234,,test,,,https://doi.org/10.1016/j.cell.2018.02.010,",
  ].join("\n");

  it("reads counts per split and label, totals apart", () => {
    const s = parsePublishedSummary(text, "p.csv", "k", "images");
    expect(s.labels).toEqual(["NORMAL", "PNEUMONIA"]);
    expect(s.splits).toEqual(["train", "test"]);
    expect(s.counts).toEqual({ train: { NORMAL: 1349, PNEUMONIA: 3883 }, test: { NORMAL: 234 } });
    expect(s.totals).toEqual({ train: 5232 });
    expect(s.notes).toEqual(["Table 1", "sum of the class rows"]);
  });

  it("rejects a count written with a comma, naming line and column", () => {
    const bad = 'label,count,patients,split,state,unit,source_url,note\nNORMAL,"1,349",,train,,,https://x.org,\n';
    expect(() => parsePublishedSummary(bad, "p.csv", "k", "images")).toThrow(
      'p.csv: line 2, column 2 (count): expected a whole number written with digits only (no commas, ~ or k), or blank, found "1,349"',
    );
  });

  it("rejects a row without a source", () => {
    const bad = "label,count,patients,split,state,unit,source_url,note\nNORMAL,1,,,,,,\n";
    expect(() => parsePublishedSummary(bad, "p.csv", "k", "images")).toThrow(DataFileError);
  });
});

describe("data/published as committed", () => {
  const files = readdirSync("data/published").filter((f) => f.endsWith(".csv"));
  const summaries = files.map((f) =>
    parsePublishedSummary(
      readFileSync(`data/published/${f}`, "utf8"),
      `data/published/${f}`,
      f.replace(/\.csv$/, ""),
      "images",
    ),
  );

  it("names only datasets in the catalog", () => {
    const ids = new Set(catalog.map((d) => d.id));
    expect(summaries.map((s) => s.dataset).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("has per-label counts for at least 15 datasets across at least 4 modalities", () => {
    const withLabels = summaries.filter((s) =>
      Object.values(s.counts).some((byLabel) => Object.values(byLabel).some((n) => n !== null)),
    );
    const modalities = new Set(withLabels.map((s) => catalog.find((d) => d.id === s.dataset)!.modality));
    expect(withLabels.length).toBeGreaterThanOrEqual(15);
    expect(modalities.size).toBeGreaterThanOrEqual(4);
  });

  it("cites an http(s) source for every table", () => {
    for (const s of summaries) expect(s.sources.every((u) => /^https?:\/\//.test(u))).toBe(true);
  });
});
