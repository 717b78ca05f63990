/** @jest-environment node */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ingestMetadataFile, loadIngestConfig } from "@/lib/metadata/ingest";
import type { RowsSummary } from "@/lib/summary/model";
import { computeLabelView, NO_FILTERS } from "@/lib/summary/view";

const SHARED = path.join(process.cwd(), "..", "shared", "data");

/**
 * Every dataset ingested from a real metadata file: the file, and the figures its paper or page
 * publishes (as listed with each file's provenance), which the summary must reproduce exactly.
 */
const DATASETS: {
  id: string;
  file: string;
  images: number;
  labels: Record<string, number>;
  patients?: number;
  groups?: Record<string, number>;
}[] = [
  {
    id: "ham10000",
    file: "HAM10000_metadata.csv",
    images: 10015,
    labels: { nv: 6705, mel: 1113, bkl: 1099, bcc: 514, akiec: 327, vasc: 142, df: 115 },
    groups: { lesions: 7470 },
  },
  {
    id: "isic-2019",
    file: ".",
    images: 25331,
    labels: { MEL: 4522, NV: 12875, BCC: 3323, AK: 867, BKL: 2624, DF: 239, VASC: 253, SCC: 628, UNK: 0 },
    groups: { lesions: 11847 },
  },
  {
    id: "isic-2020",
    file: "ISIC_2020_Training_GroundTruth.csv",
    images: 33126,
    patients: 2056,
    labels: { malignant: 584, benign: 32542 },
  },
  {
    id: "pad-ufes-20",
    file: "metadata.csv",
    images: 2298,
    patients: 1373,
    labels: { BCC: 845, ACK: 730, NEV: 244, SEK: 235, SCC: 192, MEL: 52 },
    groups: { lesions: 1641 },
  },
  {
    id: "hyper-kvasir",
    file: ".",
    images: 10662,
    labels: { "bbps-2-3": 1148, polyps: 1028, cecum: 1009, pylorus: 999, "z-line": 932, hemorrhoids: 6, ileum: 9 },
  },
  {
    id: "cbis-ddsm",
    file: ".",
    images: 3568,
    patients: 1566,
    labels: { MALIGNANT: 637 + 147 + 544 + 129, BENIGN: 577 + 194 + 528 + 130, BENIGN_WITHOUT_CALLBACK: 104 + 37 + 474 + 67 },
  },
  {
    id: "fetal-planes-db",
    file: "FETAL_PLANES_DB_data.csv",
    images: 12400,
    patients: 1792,
    labels: {
      Other: 4213,
      "Fetal brain": 3092,
      "Fetal thorax": 1718,
      "Maternal cervix": 1626,
      "Fetal femur": 1040,
      "Fetal abdomen": 711,
    },
  },
  {
    id: "pi-cai",
    file: "marksheet.csv",
    images: 1500,
    patients: 1476,
    labels: { "Benign or Indolent PCa": 1075, "csPCa (ISUP ≥ 2)": 425 },
  },
  {
    id: "kits19",
    file: ".",
    images: 210,
    labels: { clear_cell_rcc: 143, papillary: 21, chromophobe: 19, oncocytoma: 10, angiomyolipoma: 5 },
  },
];

const labelCounts = (s: RowsSummary) => Object.fromEntries(s.labels.map((l, i) => [l, s.labelImages[i]!]));

describe.each(DATASETS)("$id, ingested from its real metadata", (d) => {
  let summary: RowsSummary;
  beforeAll(async () => {
    summary = await ingestMetadataFile(path.join(SHARED, d.id, d.file), loadIngestConfig("data", d.id), "test");
  });

  it("reproduces the published totals and per-label counts", () => {
    expect(summary.images).toBe(d.images);
    expect(summary.patients).toBe(d.patients ?? null);
    expect(labelCounts(summary)).toMatchObject(d.labels);
    for (const [name, total] of Object.entries(d.groups ?? {}))
      expect(summary.groups.find((g) => g.name === name)?.total).toBe(total);
    expect(summary.provenance.rowsSkipped).toBe(0);
  });

  it("sums every attribute breakdown to the images in view", () => {
    const view = computeLabelView(summary, NO_FILTERS);
    for (const a of view.attributes) expect(a.values.reduce((n, v) => n + v.images, 0)).toBe(d.images);
  });

  it("matches the committed summary", () => {
    const committed = JSON.parse(readFileSync(`data/summaries/${d.id}.json`, "utf8"));
    expect({ ...committed, provenance: { ...committed.provenance, generated: "test" } }).toEqual(summary);
  });
});

describe("attribute filters", () => {
  it("count HAM10000 images by diagnosis method and site, exactly as the file says", async () => {
    const ham = await ingestMetadataFile(
      path.join(SHARED, "ham10000", "HAM10000_metadata.csv"),
      loadIngestConfig("data", "ham10000"),
      "test",
    );
    const rows = readFileSync(path.join(SHARED, "ham10000", "HAM10000_metadata.csv"), "utf8")
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(","));
    const direct = rows.filter((r) => r[3] === "histo" && r[6] === "back" && r[2] === "mel").length;
    const view = computeLabelView(ham, { ...NO_FILTERS, attributes: { dx_type: ["histo"], site: ["back"] } });
    expect(view.labels.find((l) => l.label === "mel")?.images).toBe(direct);
    expect(view.images).toBe(rows.filter((r) => r[3] === "histo" && r[6] === "back").length);
  });
});

describe("NIH boxes (BBox_List_2017.csv)", () => {
  it("counts boxes per label, images with boxes and sizes relative to each image", async () => {
    const nih = await ingestMetadataFile(
      path.join(SHARED, "nih-chestxray14", "Data_Entry_2017_v2020.csv"),
      loadIngestConfig("data", "nih-chestxray14"),
      "test",
    );
    const boxes = nih.boxes!;
    expect(Object.fromEntries(boxes.labels.map((l) => [l.label, l.boxes]))).toEqual({
      Atelectasis: 180,
      Cardiomegaly: 146,
      Effusion: 153,
      Infiltrate: 123,
      Mass: 85,
      Nodule: 79,
      Pneumonia: 120,
      Pneumothorax: 98,
    });
    expect(boxes.total).toBe(984);
    expect(boxes.images).toBe(880);
    expect(boxes.perImage.reduce((n, b) => n + b.images, 0)).toBe(880);
    expect(boxes.perImage.reduce((n, b) => n + b.boxes * b.images, 0)).toBe(984);
    expect(boxes.sizeRelative!.counts.reduce((a, b) => a + b, 0)).toBe(984);
    expect(boxes.unmatched).toBe(0);
  });
});
