/** @jest-environment node */
import { readFileSync } from "node:fs";
import type { LabelSummary } from "@/lib/summary/model";
import { publicSourceUrl } from "@/lib/summary/source";

const nih = JSON.parse(readFileSync("data/summaries/nih-chestxray14.json", "utf8")) as LabelSummary;
const withSource = (sourceUrl: string | null): LabelSummary => ({
  ...nih,
  provenance: { ...nih.provenance, sourceUrl },
});

describe("publicSourceUrl", () => {
  it("gives the page the NIH label file was published at", () => {
    expect(publicSourceUrl(nih)).toBe("https://nihcc.app.box.com/v/ChestXray-NIHCC");
  });

  it.each([null, "", "javascript:alert(1)", "file:///work/shared/data/x.csv", "../shared/data/x.csv"])(
    "gives nothing for %j",
    (url) => {
      expect(publicSourceUrl(withSource(url))).toBeNull();
    },
  );
});
