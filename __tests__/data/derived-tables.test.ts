/** @jest-environment node */
import { loadPublishedSummary, loadSummary } from "@/lib/data";
import type { PublishedSummary } from "@/lib/summary/model";

// lib/data is the server's door to data/; outside Next's server build its guard would throw.
jest.mock("server-only", () => ({}));

/**
 * Three MedMNIST subsets re-package every image of a source dataset with the same classes, so their
 * per-label tables carry the source's figures (data/published/<id>.csv says so row by row). These
 * checks tie each row to the source's own figures, so a typo or a change at the source fails here.
 */
function published(id: string): PublishedSummary {
  const table = loadPublishedSummary(id);
  if (!table) throw new Error(`no published table for ${id}`);
  return table;
}

const sum = (...values: (number | null | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? NaN), 0);

describe("per-label tables carried over from a source dataset", () => {
  it("DermaMNIST has HAM10000's image counts per class, and HAM10000's 10,015 images", () => {
    const ham = loadSummary("ham10000");
    if (ham?.kind !== "rows") throw new Error("HAM10000 has no per-image summary");
    const count = (dx: string) => ham.labelImages[ham.labels.indexOf(dx)];
    const derma = published("dermamnist");
    expect(derma.counts[""]).toEqual({
      "actinic keratoses and intraepithelial carcinoma": count("akiec"),
      "basal cell carcinoma": count("bcc"),
      "benign keratosis-like lesions": count("bkl"),
      dermatofibroma: count("df"),
      melanoma: count("mel"),
      "melanocytic nevi": count("nv"),
      "vascular lesions": count("vasc"),
    });
    expect(derma.totals[""]).toBe(ham.images);
    expect(sum(...Object.values(derma.counts[""]!))).toBe(10015);
    expect(sum(derma.totals.train, derma.totals.val, derma.totals.test)).toBe(derma.totals[""]);
  });

  it("PneumoniaMNIST has Kermany's normal and pneumonia images, training and test together", () => {
    const kermany = published("kermany-pediatric-cxr");
    const pneumonia = published("pneumoniamnist");
    expect(pneumonia.counts[""]).toEqual({
      normal: sum(kermany.counts.train?.NORMAL, kermany.counts.test?.NORMAL),
      pneumonia: sum(kermany.counts.train?.PNEUMONIA, kermany.counts.test?.PNEUMONIA),
    });
    expect(sum(...Object.values(pneumonia.counts[""]!))).toBe(pneumonia.totals[""]);
    expect(sum(kermany.totals.train, kermany.totals.test)).toBe(pneumonia.totals[""]);
    expect(sum(pneumonia.totals.train, pneumonia.totals.val, pneumonia.totals.test)).toBe(5856);
  });

  it("BreastMNIST has BUSI's malignant images, and its normal and benign ones pooled", () => {
    const busi = published("busi");
    const breast = published("breastmnist");
    expect(breast.counts[""]).toEqual({
      malignant: busi.counts[""]?.malignant,
      "normal, benign": sum(busi.counts[""]?.normal, busi.counts[""]?.benign),
    });
    expect(sum(...Object.values(breast.counts[""]!))).toBe(busi.totals[""]);
    expect(breast.totals[""]).toBe(busi.totals[""]);
  });
});
