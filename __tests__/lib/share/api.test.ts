/** @jest-environment node */
import { readFileSync } from "node:fs";
import { ApiError, readFormat, readStrictParams, strictLabelFilters, toLabelFigures } from "@/lib/share/api";
import { chartCsv } from "@/lib/share/chart-export";
import type { RowsSummary } from "@/lib/summary/model";
import { labelSummarySchema } from "@/lib/summary/schema";
import { datasetPreview } from "@/lib/share/og";
import { compareParsers, loadDatasetParams } from "@/lib/search-params";

const nih = labelSummarySchema.parse(
  JSON.parse(readFileSync("data/summaries/nih-chestxray14.json", "utf8")),
) as RowsSummary;
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return `${e.status} ${e.message}`;
    throw e;
  }
  return "no error";
};

describe("readStrictParams", () => {
  it.each([
    [
      "?ids=a,b&colour=red",
      '400 unknown parameter "colour" (known: ids, mode, id, by, level, metric, sort, local, format)',
    ],
    ["?level=planets", '400 parameter "level": "planets" is not a valid value'],
    ["?mode=slices&by=height", '400 parameter "by": "height" is not a valid value'],
  ])("rejects %s naming the parameter", (query, message) => {
    expect(errorOf(() => readStrictParams(new URLSearchParams(query), compareParsers))).toBe(message);
  });

  it("reads good values with defaults for the rest", () => {
    expect(readStrictParams(new URLSearchParams("?ids=a,b&level=patients"), compareParsers)).toMatchObject({
      ids: ["a", "b"],
      level: "patients",
      sort: "difference",
    });
  });
});

describe("readFormat", () => {
  it("accepts json and csv only", () => {
    expect(readFormat(new URLSearchParams("format=csv"))).toBe("csv");
    expect(errorOf(() => readFormat(new URLSearchParams("format=xml")))).toBe(
      '400 parameter "format": "xml" is not json or csv',
    );
  });
});

describe("strictLabelFilters", () => {
  it.each([
    ["?sex=Q", '400 parameter "sex": "Q" is not one of M, F'],
    ["?inc=Effusion,Flu", '400 parameter "inc": "Flu" is not one of'],
    ["?amin=7", '400 parameter "amin": 7 is not an age group start (0, 5, … 100)'],
  ])("rejects %s naming the parameter", (query, message) => {
    expect(errorOf(() => strictLabelFilters(loadDatasetParams(query), nih))).toContain(message);
  });

  it("gives the page's figures for good filters", () => {
    const figures = toLabelFigures(nih, strictLabelFilters(loadDatasetParams("?sex=F&view=PA"), nih));
    expect(figures.kind === "computed" && figures.filtered).toBe(true);
    expect(figures.kind === "computed" && figures.patients).toBeNull();
  });
});

describe("chartCsv", () => {
  it("writes title, filters and source above the table and neutralises formulas", () => {
    const csv = chartCsv({
      meta: ["NIH: labels", "Filters: none", "Source: x.csv"],
      header: ["label", "images"],
      rows: [["=SUM(A1)", 3]],
      filename: "f",
    });
    expect(csv.split("\r\n")).toEqual([
      "NIH: labels",
      "Filters: none",
      "Source: x.csv",
      "",
      "label,images",
      '"\'=SUM(A1)",3',
    ]);
  });
});

describe("datasetPreview", () => {
  it("draws the ten largest labels of the filtered view", () => {
    const preview = datasetPreview(
      "NIH",
      nih,
      { include: ["Effusion"], exclude: [], sex: ["F"], view: [], split: [], ageFrom: null, ageTo: null, attributes: {} },
      "with Effusion, sex F",
    );
    expect(preview.subtitle).toBe("5,882 images: with Effusion, sex F");
    expect(preview.bars).toHaveLength(10);
    expect(preview.bars[0]).toEqual({ label: "Effusion", value: 5882, text: "5,882 (100.0 %)" });
  });
});
