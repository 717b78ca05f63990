/** @jest-environment node */
import { readFileSync } from "node:fs";
import { resolveDataFile, resolveConfigFiles } from "@/lib/metadata/data-files";
import { ingestMetadataFile, loadIngestConfig } from "@/lib/metadata/ingest";
import { computeLabelView, NO_FILTERS } from "@/lib/summary/view";
import type { RowsSummary } from "@/lib/summary/model";
import { labelSummarySchema } from "@/lib/summary/schema";

const nihConfig = loadIngestConfig("data", "nih-chestxray14");
let NIH_CSV: string;
let nihLists: Record<string, string>;
let nih: RowsSummary;
beforeAll(async () => {
  [NIH_CSV, nihLists] = await Promise.all([
    resolveDataFile("nih-chestxray14/Data_Entry_2017_v2020.csv"),
    resolveConfigFiles(nihConfig),
  ]);
  nih = await ingestMetadataFile(NIH_CSV, nihConfig, "test", nihLists);
}, 120_000); // hashing and reading 9 MB can take a while on a busy machine

/** Published figures from the dataset's README (../shared/data/README.md). */
const NIH_PUBLISHED = {
  "No Finding": 60361,
  Infiltration: 19894,
  Effusion: 13317,
  Atelectasis: 11559,
  Nodule: 6331,
  Mass: 5782,
  Pneumothorax: 5302,
  Consolidation: 4667,
  Pleural_Thickening: 3385,
  Cardiomegaly: 2776,
  Emphysema: 2516,
  Edema: 2303,
  Fibrosis: 1686,
  Pneumonia: 1431,
  Hernia: 227,
};

/** An independent count straight from the file: split lines and fields by hand. */
function directNihCount() {
  const lines = readFileSync(NIH_CSV, "utf8").split(/\r?\n/).slice(1).filter(Boolean);
  const labels: Record<string, number> = {};
  const patientsByLabel: Record<string, Set<string>> = {};
  const patients = new Set<string>();
  let multi = 0;
  for (const line of lines) {
    const f = line.split(",");
    const found = f[1]!.split("|");
    if (found.length > 1) multi += 1;
    patients.add(f[3]!);
    for (const l of found) {
      labels[l] = (labels[l] ?? 0) + 1;
      (patientsByLabel[l] ??= new Set()).add(f[3]!);
    }
  }
  return { images: lines.length, patients: patients.size, labels, multi, patientsByLabel };
}

describe("NIH ChestX-ray14 from the manifest's files", () => {
  let view: ReturnType<typeof computeLabelView>;
  let byLabel: Record<string, ReturnType<typeof computeLabelView>["labels"][number]>;
  beforeAll(() => {
    view = computeLabelView(nih, NO_FILTERS);
    byLabel = Object.fromEntries(view.labels.map((l) => [l.label, l]));
  });

  it("reproduces the published image and patient totals", () => {
    expect(nih.images).toBe(112120);
    expect(nih.patients).toBe(30805);
    expect(nih.provenance).toMatchObject({ rowsRead: 112120, rowsSkipped: 0, rowsFlagged: 0 });
  });

  it("reproduces the published images per label, No Finding included", () => {
    expect(Object.fromEntries(view.labels.map((l) => [l.label, l.images]))).toEqual(NIH_PUBLISHED);
    expect(byLabel["No Finding"]!.isNoFinding).toBe(true);
  });

  it("reproduces the published views, sexes and multi-finding images", () => {
    expect(view.view).toEqual([
      { value: "PA", images: 67310 },
      { value: "AP", images: 44810 },
    ]);
    expect(view.sex).toEqual([
      { value: "M", images: 63340 },
      { value: "F", images: 48780 },
    ]);
    expect(view.labelsPerImage.filter((b) => b.labels > 1).reduce((a, b) => a + b.images, 0)).toBe(20796);
  });

  it("places images in the official train/val and test lists", () => {
    expect(view.split).toEqual([
      { value: "train/val", images: 86524 },
      { value: "test", images: 25596 },
    ]);
    const trainVal = nih.dims.split.indexOf("train/val");
    const test = nih.dims.split.indexOf("test");
    view.labels.forEach((l, i) =>
      expect(view.labelBySplit[i]![trainVal]! + view.labelBySplit[i]![test]!).toBe(l.images),
    );
  });

  it("equals a direct count for patients per label and co-occurrence", () => {
    const direct = directNihCount();
    expect(nih.images).toBe(direct.images);
    for (const l of view.labels) expect(l.patients).toBe(direct.patientsByLabel[l.label]!.size);
    const i = nih.labels.indexOf("Effusion");
    const j = nih.labels.indexOf("Infiltration");
    const both = readFileSync(NIH_CSV, "utf8")
      .split("\n")
      .filter((line) => {
        const labels = line.split(",")[1]?.split("|") ?? [];
        return labels.includes("Effusion") && labels.includes("Infiltration");
      }).length;
    expect(view.cooccurrence[i]![j]).toBe(both);
  });

  it("gives the same summary from the .csv.gz", async () => {
    const gz = await resolveDataFile("nih-chestxray14/Data_Entry_2017_v2020.csv.gz");
    const fromGz = await ingestMetadataFile(gz, nihConfig, "test", nihLists);
    expect(fromGz).toEqual(nih);
  });

  it("matches the summary committed in data/summaries (re-ingest and compare)", () => {
    const committed = labelSummarySchema.parse(
      JSON.parse(readFileSync("data/summaries/nih-chestxray14.json", "utf8")),
    ) as RowsSummary;
    expect({ ...committed, provenance: { ...committed.provenance, generated: "test" } }).toEqual(nih);
  });

  it("counts a filtered view exactly: women, PA view, Effusion", () => {
    const filtered = computeLabelView(nih, { ...NO_FILTERS, sex: ["F"], view: ["PA"], include: ["Effusion"] });
    const direct = readFileSync(NIH_CSV, "utf8")
      .split("\n")
      .filter((line) => {
        const f = line.split(",");
        return f[5] === "F" && f[6] === "PA" && (f[1] ?? "").split("|").includes("Effusion");
      }).length;
    expect(filtered.images).toBe(direct);
    expect(filtered.patients).toBeNull();
  });
});

describe("RSNA pneumonia from the manifest's files", () => {
  let rsna: RowsSummary;
  beforeAll(async () => {
    rsna = await ingestMetadataFile(
      await resolveDataFile("rsna-pneumonia/stage_2_train_labels.csv"),
      loadIngestConfig("data", "rsna-pneumonia"),
      "test",
    );
  }, 60_000);

  it("counts images, not box rows, and the positives", () => {
    expect(rsna.provenance.rowsRead).toBe(30227);
    expect(rsna.images).toBe(26684);
    expect(rsna.labelImages[rsna.labels.indexOf("Pneumonia")]).toBe(6012);
  });

  it("matches the committed summary", () => {
    const committed = JSON.parse(readFileSync("data/summaries/rsna-pneumonia.json", "utf8"));
    expect({ ...committed, provenance: { ...committed.provenance, generated: "test" } }).toEqual(rsna);
  });
});
