/** @jest-environment node */
import { DEFAULT_CATALOG_COLUMNS, loadCatalogParams, serializeCatalogParams } from "@/lib/search-params";

describe("loadCatalogParams", () => {
  it("gives the defaults for an empty query", () => {
    expect(loadCatalogParams("")).toEqual({
      q: "",
      m: "all",
      sort: { id: "title", desc: false },
      task: [],
      access: [],
      license: [],
      region: [],
      commercial: [],
      figures: [],
      min: null,
      max: null,
      cols: DEFAULT_CATALOG_COLUMNS,
    });
  });

  it.each([
    ["?sort=size.desc", { sort: { id: "size", desc: true } }],
    ["?sort=year.asc", { sort: { id: "year", desc: false } }],
    ["?m=mri&q=brain%20tumour", { m: "mri", q: "brain tumour" }],
    ["?task=segmentation,detection", { task: ["segmentation", "detection"] }],
    ["?min=1000&max=5000", { min: 1000, max: 5000 }],
    ["?cols=title,license", { cols: ["title", "license"] }],
  ])("reads %s", (query, expected) => {
    expect(loadCatalogParams(query)).toMatchObject(expected);
  });

  it.each([
    ["an unknown sort column", "?sort=password.asc", { sort: { id: "title", desc: false } }],
    ["a sort without direction", "?sort=size", { sort: { id: "title", desc: false } }],
    ["a column that cannot be sorted", "?sort=description.asc", { sort: { id: "title", desc: false } }],
    ["an unknown section", "?m=ultrasonic", { m: "all" }],
    ["a size that is not a number", "?min=lots", { min: null }],
    ["unknown columns", "?cols=title,secret", { cols: ["title"] }],
  ])("falls back to the default for %s", (_, query, expected) => {
    expect(loadCatalogParams(query)).toMatchObject(expected);
  });
});

describe("serializeCatalogParams", () => {
  it("leaves out values equal to their default", () => {
    expect(serializeCatalogParams({ q: "", m: "all", sort: { id: "title", desc: false } })).toBe("");
  });

  it("writes sort as column.direction and lists with commas", () => {
    expect(serializeCatalogParams({ sort: { id: "size", desc: true }, task: ["segmentation", "detection"] })).toBe(
      "?sort=size.desc&task=segmentation,detection",
    );
  });

  it("round-trips through the loader", () => {
    const state = {
      q: "chest x-ray",
      m: "x-ray" as const,
      sort: { id: "patients", desc: true },
      access: ["open"],
      min: 10,
    };
    expect(loadCatalogParams(serializeCatalogParams(state))).toMatchObject(state);
  });
});
