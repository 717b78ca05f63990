/** @jest-environment node */
import { applyMappingParams, toMappingParams } from "@/lib/explore/mapping";
import type { ColumnMapping } from "@/lib/metadata/roles";
import { exploreParsers, type ExploreParams } from "@/lib/search-params";
import { createLoader } from "nuqs/server";

const loadExploreParams = createLoader(exploreParsers);
const header = ["Image Index", "Finding Labels", "Patient ID", "Patient Gender", "View Position"];
const inferred: ColumnMapping = {
  image: "Image Index",
  patient: "Patient ID",
  sex: "Patient Gender",
  age: null,
  view: "View Position",
  split: null,
  encoding: "delimited",
  labels: ["Finding Labels"],
  separator: "|",
  rowsPerImage: false,
  noFinding: "No Finding",
};

describe("explore mapping params", () => {
  it("records only what differs from the detected mapping, with - for an unmapped role", () => {
    const params = toMappingParams({ ...inferred, view: null, rowsPerImage: true }, inferred);
    expect(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null))).toEqual({
      cview: "-",
      crpi: "yes",
    });
  });

  it("round-trips a corrected mapping through the URL", () => {
    const corrected = { ...inferred, view: null, sex: null, separator: ";" };
    const query = new URLSearchParams(
      Object.entries(toMappingParams(corrected, inferred)).flatMap(([k, v]) => (v === null ? [] : [[k, String(v)]])),
    ).toString();
    expect(applyMappingParams(inferred, loadExploreParams(`?${query}`) as ExploreParams, header)).toEqual(corrected);
  });

  it("ignores a column the file does not have", () => {
    const params = loadExploreParams("?cimg=Nope&clab=Missing") as ExploreParams;
    expect(applyMappingParams(inferred, params, header)).toEqual(inferred);
  });
});
