/** @jest-environment node */
import { readFileSync } from "node:fs";
import { parseCatalog } from "@/lib/catalog/schema";
import { compareDatasets, compareSlices, jensenShannon, type CompareSource } from "@/lib/compare/compare";
import { slicesOf } from "@/lib/compare/slices";
import type { RowsSummary } from "@/lib/summary/model";
import { labelSummarySchema } from "@/lib/summary/schema";
import { parseOntology } from "@/lib/compare/ontology";
import { parsePublishedSummary } from "@/lib/summary/published";
import { DataFileError } from "@/lib/csv/parse";
import { resolveDataFile } from "@/lib/metadata/data-files";

const catalog = parseCatalog(readFileSync("data/catalog.csv", "utf8"), "data/catalog.csv");
const ids = new Set(catalog.map((d) => d.id));
const ontology = parseOntology(readFileSync("data/ontology.csv", "utf8"), "data/ontology.csv", ids);
const nih = labelSummarySchema.parse(
  JSON.parse(readFileSync("data/summaries/nih-chestxray14.json", "utf8")),
) as RowsSummary;
const nihSource: CompareSource = { id: "nih-chestxray14", title: "NIH ChestX-ray14", summary: nih };

describe("parseOntology", () => {
  it("rejects an unknown relation and an unknown dataset with their lines", () => {
    const text =
      "dataset,label,canonical,relation,note,source_url\nnih-chestxray14,Effusion,Pleural Effusion,same,,https://x.org\nnope,A,A,exact,,https://x.org\n";
    expect(() => parseOntology(text, "o.csv", ids)).toThrow(DataFileError);
    try {
      parseOntology(text, "o.csv", ids);
    } catch (e) {
      expect((e as DataFileError).message).toContain(
        'o.csv: line 2, column 4 (relation): expected one of: exact, broader, narrower, related, found "same"',
      );
    }
  });

  it("covers the chest X-ray and dermoscopy families", () => {
    const covered = new Set(ontology.map((e) => e.dataset));
    for (const id of [
      "nih-chestxray14",
      "chexpert",
      "mimic-cxr",
      "padchest",
      "vindr-cxr",
      "rsna-pneumonia",
      "siim-acr-pneumothorax",
      "kermany-pediatric-cxr",
      "shenzhen-cxr",
      "montgomery-cxr",
      "ham10000",
      "isic-2019",
      "isic-2020",
    ]) {
      expect(covered).toContain(id);
    }
  });
});

describe("compareDatasets: NIH ChestX-ray14 and CheXpert", () => {
  const result = compareDatasets([nihSource, { id: "chexpert", title: "CheXpert", summary: null }], ontology, {
    level: "images",
    sort: "name",
  });
  const row = (finding: string) => result.rows.find((r) => r.finding === finding)!;

  it("puts NIH's Effusion and CheXpert's Pleural Effusion on one row, with NIH's own count", () => {
    const effusion = row("Pleural Effusion");
    expect(effusion.cells[0]).toMatchObject({
      status: "counted",
      count: 13317,
      labels: [{ label: "Effusion", relation: "exact" }],
    });
    expect(effusion.cells[0]!.status === "counted" && effusion.cells[0]!.share).toBeCloseTo(13317 / 112120, 10);
    expect(effusion.cells[1]).toMatchObject({
      status: "no-figure",
      labels: [{ label: "Pleural Effusion", relation: "exact" }],
    });
  });

  it("marks Hernia as not labelled by CheXpert, which is not 0 %", () => {
    expect(row("Hernia").cells[1]).toEqual({ status: "not-labelled" });
  });

  it("counts NIH's Mass and Nodule, both mapped to Nodule/Mass, once per image", async () => {
    const nih = await resolveDataFile("nih-chestxray14/Data_Entry_2017_v2020.csv");
    const lines = readFileSync(nih, "utf8").split("\n");
    const direct = lines.filter((l) => /(^|\|)(Mass|Nodule)(\||$)/.test(l.split(",")[1] ?? "")).length;
    expect(row("Nodule/Mass").cells[0]).toMatchObject({ status: "counted", count: direct });
  });

  it("states the denominator of each column", () => {
    expect(result.columns[0]).toMatchObject({ denominator: 112120, unit: "images", source: "computed" });
    expect(result.columns[1]).toMatchObject({ denominator: null, source: "none" });
  });
});

describe("compareDatasets with published tables", () => {
  const published = (id: string): CompareSource => ({
    id,
    title: id,
    summary: parsePublishedSummary(
      readFileSync(`data/published/${id}.csv`, "utf8"),
      `data/published/${id}.csv`,
      id,
      "images",
    ),
  });

  it("compares Shenzhen and Montgomery on the published counts and gives a divergence", () => {
    const result = compareDatasets([published("shenzhen-cxr"), published("montgomery-cxr")], ontology, {
      level: "images",
      sort: "difference",
    });
    const tb = result.rows.find((r) => r.finding === "Tuberculosis")!;
    expect(tb.cells.map((c) => c.status === "counted" && c.count)).toEqual([336, 58]);
    expect(result.divergences[0]!.shared).toBe(2);
    expect(result.divergences[0]!.jsd).toBeGreaterThan(0);
  });

  it("falls back to images when a chosen dataset has no patient counts", () => {
    expect(
      compareDatasets([nihSource, published("shenzhen-cxr")], ontology, { level: "patients", sort: "name" }).level,
    ).toBe("images");
  });
});

describe("compareSlices: NIH official splits", () => {
  const result = compareSlices(nih, slicesOf(nih, "split"), "name");

  it("has the official split sizes", () => {
    expect(result.columns.map((c) => [c.title, c.denominator])).toEqual([
      ["split train/val", 86524],
      ["split test", 25596],
    ]);
  });

  it("gives per-label counts in each split that add up to the dataset's totals", () => {
    for (const r of result.rows) {
      const sum = r.cells.reduce((a, c) => a + (c.status === "counted" ? c.count : 0), 0);
      expect(sum).toBe(nih.labelImages[nih.labels.indexOf(r.finding)]);
    }
  });
});

describe("jensenShannon", () => {
  it.each([
    [[1, 1], [1, 1], 0],
    [[1, 0], [0, 1], 1],
    [[2, 2], [1, 1], 0],
  ])("of %j and %j is %d", (p, q, expected) => {
    expect(jensenShannon(p, q)).toBeCloseTo(expected, 10);
  });
});
