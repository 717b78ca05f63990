/** @jest-environment node */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parseCatalog } from "@/lib/catalog/schema";
import { parseOntology } from "@/lib/compare/ontology";
import { DataFileError } from "@/lib/csv/parse";
import {
  buildFindings,
  filterRows,
  findingSearchTerms,
  searchFindings,
  sortFindings,
  sortRows,
  toFindingId,
  totalsOf,
  type FindingSource,
} from "@/lib/findings/findings";
import { parseLabelling } from "@/lib/findings/labelling";
import { describeTotals, toFindingRowsCsv } from "@/lib/findings/view";
import { findingPreview, findingsPreview } from "@/lib/share/og";
import { countImages, NO_FILTERS } from "@/lib/summary/view";
import type { LabelSummary, RowsSummary } from "@/lib/summary/model";
import { labelSummarySchema } from "@/lib/summary/schema";
import { parsePublishedSummary } from "@/lib/summary/published";

const catalog = parseCatalog(readFileSync("data/catalog.csv", "utf8"), "data/catalog.csv");
const ids = new Set(catalog.map((d) => d.id));
const ontology = parseOntology(readFileSync("data/ontology.csv", "utf8"), "data/ontology.csv", ids);
const labelling = parseLabelling(readFileSync("data/labelling.csv", "utf8"), "data/labelling.csv", ids);

/** The same summaries the app loads (lib/data.ts is server-only): per-image first, else published. */
function summaryOf(id: string, unit: string): LabelSummary | null {
  const computed = `data/summaries/${id}.json`;
  const published = `data/published/${id}.csv`;
  if (existsSync(computed)) return labelSummarySchema.parse(JSON.parse(readFileSync(computed, "utf8")));
  if (existsSync(published)) return parsePublishedSummary(readFileSync(published, "utf8"), published, id, unit);
  return null;
}

const sources: FindingSource[] = catalog.map((dataset) => ({
  dataset,
  summary: summaryOf(dataset.id, dataset.unit ?? "images"),
  labelling: labelling.find((l) => l.dataset === dataset.id) ?? null,
}));
const index = buildFindings(sources, ontology);
const rowsOf = (id: string) => index.rows.get(id)!;

describe("the ontology", () => {
  it("maps only labels that the dataset has: in its summary or its catalog label list", () => {
    const unknown: string[] = [];
    for (const e of ontology) {
      const source = sources.find((s) => s.dataset.id === e.dataset)!;
      const known = new Set([...(source.summary?.labels ?? []), ...source.dataset.labels]);
      if (known.size > 0 && !known.has(e.label)) unknown.push(`${e.dataset}: ${e.label}`);
    }
    expect(unknown).toEqual([]);
  });

  it("covers every dataset that has per-label figures", () => {
    const mapped = new Set(ontology.map((e) => e.dataset));
    const withFigures = sources.filter((s) => {
      const summary = s.summary;
      if (!summary) return false;
      return summary.kind === "rows"
        ? summary.labels.length > 0
        : Object.values(summary.counts).some((c) => Object.values(c).some((n) => n !== null));
    });
    expect(withFigures.length).toBeGreaterThanOrEqual(15);
    expect(withFigures.map((s) => s.dataset.id).filter((id) => !mapped.has(id))).toEqual([]);
  });

  it("gives every finding a distinct URL id", () => {
    const names = [...new Set(ontology.map((e) => e.canonical))];
    const slugs = names.map(toFindingId);
    expect(new Set(slugs).size).toBe(names.length);
    expect(slugs.every((s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s))).toBe(true);
    expect(toFindingId("Nodule/Mass")).toBe("nodule-mass");
    expect(toFindingId("Pleural Effusion")).toBe("pleural-effusion");
  });

  it("has a note wherever a mapping is not exact", () => {
    expect(ontology.filter((e) => e.relation !== "exact" && !e.note).map((e) => `${e.dataset}: ${e.label}`)).toEqual(
      [],
    );
  });
});

describe("parseLabelling", () => {
  it("reads the labelling file, one row per dataset, each with a source", () => {
    expect(labelling.find((l) => l.dataset === "nih-chestxray14")?.method).toBe(
      "Text-mined from radiology reports (NLP)",
    );
    expect(labelling.every((l) => /^https?:\/\//.test(l.source_url))).toBe(true);
  });

  const problems = (text: string) => {
    try {
      parseLabelling(text, "l.csv", ids);
    } catch (e) {
      if (e instanceof DataFileError) return e.message;
    }
    return "no error";
  };

  it("rejects a bad URL and a blank method with their lines", () => {
    const message = problems("dataset,method,source_url,note\nbusi,Biopsy,ftp://x.org,\nbusi,,https://x.org,\n");
    expect(message).toContain('l.csv: line 2, column 3 (source_url): expected an http(s) URL, found "ftp://x.org"');
    expect(message).toContain("l.csv: line 3, column 2 (method): expected how the labels were made");
  });

  it("rejects an unknown dataset and a second row for one dataset", () => {
    const message = problems(
      "dataset,method,source_url,note\nnope,Radiologists,https://x.org,\nbusi,Biopsy,https://x.org,\nbusi,Biopsy,https://x.org,\n",
    );
    expect(message).toContain('l.csv: line 2 (dataset): "nope" is not a dataset id in the catalog');
    expect(message).toContain('l.csv: line 4 (dataset): "busi" has a second row');
  });
});

describe("buildFindings", () => {
  it("lists NIH ChestX-ray14 under Pneumothorax with 5,302 images, and the datasets without a figure as such", () => {
    const rows = rowsOf("pneumothorax");
    const nih = rows.find((r) => r.id === "nih-chestxray14")!;
    expect(nih.positives).toBe(5302);
    expect(nih.prevalence).toBeCloseTo(5302 / 112120, 10);
    expect(nih.labelSource).toBe("per-image file");
    expect(nih.labelling?.method).toBe("Text-mined from radiology reports (NLP)");
    expect(nih.splits).toEqual(["train/val", "test"]);
    // CheXpert's Table 1 counts studies: its figure stands in its own unit, never added to images.
    const chexpert = rows.find((r) => r.id === "chexpert")!;
    expect(chexpert.positives).toBe(17313);
    expect(chexpert.unit).toBe("studies");
    expect(rows.find((r) => r.id === "vindr-cxr")!.reason).toBe("no label figures in this catalog");
    const siim = rows.find((r) => r.id === "siim-acr-pneumothorax")!;
    expect(siim.derivedFrom).toEqual(["nih-chestxray14"]);
  });

  it("never lists a dataset that does not label the finding (not labelled is not 0)", () => {
    expect(rowsOf("pneumothorax").map((r) => r.id)).not.toContain("rsna-pneumonia");
    expect(rowsOf("hernia").map((r) => r.id)).not.toContain("chexpert");
    for (const rows of index.rows.values())
      for (const r of rows) expect(ontology.some((e) => e.dataset === r.id)).toBe(true);
  });

  it("counts an image with two labels mapped to one finding once (NIH Mass and Nodule)", () => {
    const nih = sources.find((s) => s.dataset.id === "nih-chestxray14")!.summary as RowsSummary;
    const mass = nih.labels.indexOf("Mass");
    const nodule = nih.labels.indexOf("Nodule");
    const either = countImages(nih, NO_FILTERS, (set) => set.includes(mass) || set.includes(nodule));
    const row = rowsOf("nodule-mass").find((r) => r.id === "nih-chestxray14")!;
    expect(row.positives).toBe(either);
    expect(row.positives!).toBeLessThan(nih.labelImages[mass]! + nih.labelImages[nodule]!);
    expect(row.labels.map((l) => `${l.label} ${l.relation}`)).toEqual(["Mass narrower", "Nodule narrower"]);
    // Patients of two labels cannot be added exactly, so none are claimed.
    expect(row.patients).toBeNull();
  });

  it("gives no figure where two published labels map to one finding and their overlap is unknown", () => {
    const published = parsePublishedSummary(
      "label,count,patients,split,state,unit,source_url,note\nmass,10,,,,,https://x.org,\nnodule,20,,,,,https://x.org,\n(total),100,,,,,https://x.org,\n",
      "p.csv",
      "padchest",
      "images",
    );
    const padchest = sources.find((s) => s.dataset.id === "padchest")!;
    const built = buildFindings([{ ...padchest, summary: published }], ontology);
    const row = built.rows.get("nodule-mass")![0]!;
    expect(row.positives).toBeNull();
    expect(row.reason).toBe("several labels map here; their overlap is not published");
    expect(built.findings.find((f) => f.id === "nodule-mass")!.totals).toEqual([]);
  });

  it("sums a finding's total from its rows, per unit, and counts patients only where known", () => {
    for (const f of index.findings) {
      const rows = rowsOf(f.id);
      expect(f.datasets).toBe(rows.length);
      expect(f.totals).toEqual(totalsOf(rows).units);
      const images = rows.filter((r) => r.unit === "images" && r.positives !== null);
      expect(f.images).toBe(images.reduce((s, r) => s + r.positives!, 0));
    }
    const abnormal = index.findings.find((f) => f.id === "musculoskeletal-abnormality")!;
    expect(abnormal.totals).toEqual([{ unit: "studies", count: 1104 + 5818 }]);
    expect(abnormal.images).toBe(0);
    const pneumothorax = index.findings.find((f) => f.id === "pneumothorax")!;
    expect(pneumothorax.patients).toBe(1487);
    expect(pneumothorax.patientDatasets).toBe(1);
  });

  it("reads per-image files and published tables: ISIC 2020 melanoma and BUSI malignant", () => {
    const isic = rowsOf("melanoma").find((r) => r.id === "isic-2020")!;
    expect(isic.positives).toBe(584);
    expect(isic.prevalence).toBeCloseTo(584 / 33126, 10);
    expect(isic.labelSource).toBe("per-image file");
    const busi = rowsOf("malignant-breast-tumour").find((r) => r.id === "busi")!;
    expect(busi.positives).toBe(210);
    // BreastMNIST carries BUSI's malignant images (data/published/breastmnist.csv).
    expect(rowsOf("malignant-breast-tumour").find((r) => r.id === "breastmnist")!.positives).toBe(210);
    expect(rowsOf("malignant-breast-tumour").find((r) => r.id === "bus-uclm")!.positives).toBe(90);
  });

  it("groups findings by the body region of their datasets", () => {
    const region = (id: string) => index.findings.find((f) => f.id === id)!.region;
    expect(region("pneumothorax")).toBe("chest");
    expect(region("melanoma")).toBe("skin");
    expect(region("glioma")).toBe("brain");
    expect(index.findings.find((f) => f.id === "pneumonia")!.modalities).toEqual(["Ultrasound", "X-Ray"]);
  });
});

describe("filters, totals and sorting", () => {
  const rows = rowsOf("pneumothorax");

  it("keeps the rows of the chosen access levels and commercial terms", () => {
    expect(
      filterRows(rows, { access: ["open"], commercial: [] })
        .map((r) => r.id)
        .sort(),
    ).toEqual(["chestmnist", "nih-chestxray14"].sort());
    expect(filterRows(rows, { access: [], commercial: ["yes"] }).every((r) => r.commercialUse === "yes")).toBe(true);
  });

  it("writes the total line from the rows it shows", () => {
    const open = filterRows(rows, { access: [], commercial: ["yes"] });
    expect(describeTotals(totalsOf(open), { access: [], commercial: ["yes"] })).toBe(
      "2 datasets, 5,302 positive images you can use commercially (1 of the 2 label it without a figure)",
    );
    expect(describeTotals(totalsOf([]), { access: ["credentialed"], commercial: [] })).toBe(
      "0 datasets, no positive count published with access credentialed",
    );
  });

  it("sorts rows by figure either way, rows without a figure last", () => {
    const asc = sortRows(rows, { id: "positives", desc: false });
    expect(asc[0]!.id).toBe("nih-chestxray14");
    expect(asc.at(-1)!.positives).toBeNull();
    expect(sortRows(rows, { id: "title", desc: false })[0]!.title).toBe("ChestMNIST (MedMNIST)");
  });

  it("searches findings by name and by any dataset's label", () => {
    expect(searchFindings(index.findings, "effusion").map((f) => f.id)).toEqual(["pleural-effusion"]);
    expect(searchFindings(index.findings, "mel").map((f) => f.id)).toContain("melanoma");
    expect(searchFindings(index.findings, "zzz")).toEqual([]);
    const byImages = sortFindings(index.findings, { id: "images", desc: true });
    expect(byImages[0]!.images).toBeGreaterThanOrEqual(byImages[1]!.images);
  });

  it("exports the rows as CSV with the figures of the table", () => {
    const csv = toFindingRowsCsv("Pneumothorax", rows);
    expect(csv.split("\r\n")[0]).toContain("finding,dataset,title,labels,positives,unit,prevalence");
    expect(csv).toContain(
      "Pneumothorax,nih-chestxray14,NIH ChestX-ray14,Pneumothorax (exact),5302,images,0.047289,112120,1487,,per-image file,Text-mined from radiology reports (NLP),open",
    );
  });
});

describe("findingSearchTerms", () => {
  it("lets a dataset be found by its findings and by other datasets' names for them", () => {
    const terms = findingSearchTerms(ontology);
    expect(terms["chexpert"]).toContain("pleural effusion");
    // NIH calls it "Effusion": a search for that word also finds CheXpert.
    expect(terms["chexpert"]).toContain("effusion");
    expect(terms["ham10000"]).toContain("melanoma");
    expect(terms["camus"]).toBeUndefined();
  });
});

it("has a published table or summary for every dataset the findings call per-image or published", () => {
  const files = new Set([
    ...readdirSync("data/summaries").map((f) => f.replace(/\.json$/, "")),
    ...readdirSync("data/published").map((f) => f.replace(/\.csv$/, "")),
  ]);
  for (const rows of index.rows.values()) for (const r of rows) expect(r.labelSource !== null).toBe(files.has(r.id));
});

describe("findingPreview", () => {
  it("draws the datasets by prevalence with their own figures, and says when there is none", () => {
    const preview = findingPreview("Melanoma", rowsOf("melanoma"), "total line");
    expect(preview.subtitle).toBe("total line");
    const isic = preview.bars.find((b) => b.label === "SIIM-ISIC Melanoma Classification 2020")!;
    expect(isic.text).toBe("584 images (1.8 %)");
    expect(preview.bars.find((b) => b.label === "HAM10000")?.text ?? "labelled, no figure").toMatch(
      /^(labelled, no figure|1,113 images)/,
    );
    expect(findingsPreview(index.findings).bars).toHaveLength(8);
  });
});
