/** @jest-environment node */
import { readFileSync } from "node:fs";
import path from "node:path";
import { getLineage } from "@/lib/catalog/lineage";
import { MODALITIES } from "@/lib/catalog/vocabulary";
import { parseCatalog, parseLinks } from "@/lib/catalog/schema";
import { DataFileError } from "@/lib/csv/parse";
import { CATALOG_HEADER, catalogCsv, catalogRow } from "@/__tests__/fixtures/catalog";

const FILE = "data/catalog.csv";

function problemsOf(text: string): string[] {
  try {
    parseCatalog(text, FILE);
  } catch (e) {
    if (e instanceof DataFileError) return e.message.split("\n").slice(1);
    throw e;
  }
  throw new Error("expected the catalog to be rejected");
}

describe("parseCatalog", () => {
  it("turns a good row into typed facts, blanks into null", () => {
    const [d] = parseCatalog(catalogCsv([catalogRow()]), FILE);
    expect(d).toMatchObject({
      id: "nih-chestxray14",
      modality: "X-Ray",
      count: 112120,
      patients: 30805,
      keywords: ["chest", "multi-label"],
      labels: ["Atelectasis", "No Finding"],
      license: null,
      paper_url: null,
      year: 2017,
    });
  });

  it("accepts lineage that points at another row", () => {
    const rows = [catalogRow(), catalogRow({ id: "chestmnist", title: "ChestMNIST", derived_from: "nih-chestxray14" })];
    const datasets = parseCatalog(catalogCsv(rows), FILE);
    expect(getLineage(datasets, "nih-chestxray14").children.map((d) => d.id)).toEqual(["chestmnist"]);
    expect(getLineage(datasets, "chestmnist").parents.map((d) => d.id)).toEqual(["nih-chestxray14"]);
  });

  const badCells: [string, Partial<Record<(typeof CATALOG_HEADER)[number], string>>, string][] = [
    [
      "a count with a comma",
      { count: "112,120" },
      `line 2, column 10 (count): expected a whole number written with digits only (no commas, ~ or k), or blank, found "112,120"`,
    ],
    ["an approximate count", { patients: "~30000" }, `line 2, column 11 (patients): expected a whole number`],
    [
      "an unknown modality",
      { modality: "PET" },
      `line 2, column 3 (modality): expected one of: Ultrasound, X-Ray, MRI, CT/PET, Other, found "PET"`,
    ],
    [
      "an unknown access level",
      { access: "free" },
      `line 2, column 15 (access): expected one of: open, registration, data-use agreement, credentialed, challenge-only, or blank, found "free"`,
    ],
    [
      "a javascript: source link",
      { source_url: "javascript:alert(1)" },
      `line 2, column 18 (source_url): expected an http(s) URL, found "javascript:alert(1)"`,
    ],
    ["a blank source link", { source_url: "" }, `line 2, column 18 (source_url): expected an http(s) URL, found ""`],
    [
      "a non-URL fact source",
      { fact_sources: "the paper" },
      `line 2, column 21 (fact_sources): expected http(s) URLs separated by ;`,
    ],
    ["a two-digit year", { year: "17" }, `line 2, column 17 (year): expected a 4-digit year, or blank, found "17"`],
    ["an id with capitals", { id: "NIH" }, `line 2, column 1 (id): expected a lowercase kebab-case id, found "NIH"`],
    ["a blank title", { title: " " }, `line 2, column 2 (title): expected a title, the cell is blank`],
    [
      "commercial use as a sentence",
      { commercial_use: "maybe" },
      `line 2, column 16 (commercial_use): expected one of: yes, no, unclear, found "maybe"`,
    ],
  ];
  it.each(badCells)("rejects %s with file, line and column", (_, override, expected) => {
    const problems = problemsOf(catalogCsv([catalogRow(override)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${FILE}: ${expected}`);
  });

  it("rejects a missing column", () => {
    const header = CATALOG_HEADER.filter((h) => h !== "license");
    expect(problemsOf(catalogCsv([catalogRow()], header))).toEqual([`${FILE}: line 1: missing column(s): license`]);
  });

  it("rejects an unknown extra column", () => {
    const header = [...CATALOG_HEADER, "rating"];
    expect(problemsOf(catalogCsv([catalogRow()], header))[0]).toMatch(
      /^data\/catalog\.csv: line 1: unknown column\(s\): rating/,
    );
  });

  it("rejects a row with too few fields", () => {
    const text = catalogCsv([catalogRow()]) + "short,row\n";
    expect(problemsOf(text)).toEqual([`${FILE}: line 3: expected 22 fields as in the header, found 2`]);
  });

  it("rejects a duplicate id", () => {
    expect(problemsOf(catalogCsv([catalogRow(), catalogRow()]))).toEqual([
      `${FILE}: line 3 (id): duplicate id "nih-chestxray14"`,
    ]);
  });

  it("rejects lineage to an id that is not in the catalog", () => {
    expect(problemsOf(catalogCsv([catalogRow({ derived_from: "nowhere" })]))).toEqual([
      `${FILE}: line 2 (derived_from): "nowhere" is not the id of another dataset in the catalog`,
    ]);
  });

  it("rejects an empty file", () => {
    expect(problemsOf("")).toEqual([
      `${FILE}: line 1: the file is empty (expected a header: ${CATALOG_HEADER.join(",")})`,
    ]);
  });

  it("reports every bad row, not only the first", () => {
    const text = catalogCsv([catalogRow({ count: "x" }), catalogRow({ id: "b", year: "y" })]);
    expect(problemsOf(text).map((p) => p.split(":")[1])).toEqual([
      " line 2, column 10 (count)",
      " line 3, column 17 (year)",
    ]);
  });
});

describe("data/catalog.csv as committed", () => {
  const datasets = parseCatalog(readFileSync(path.join(process.cwd(), FILE), "utf8"), FILE);

  it("has at least 60 datasets and at least 8 in each modality section", () => {
    expect(datasets.length).toBeGreaterThanOrEqual(60);
    for (const m of MODALITIES) expect(datasets.filter((d) => d.modality === m).length).toBeGreaterThanOrEqual(8);
  });

  it("lists NIH ChestX-ray14 with the published image and patient counts", () => {
    expect(datasets.find((d) => d.id === "nih-chestxray14")).toMatchObject({
      count: 112120,
      patients: 30805,
      modality: "X-Ray",
    });
  });

  it("records at least one source for every row's figures", () => {
    expect(datasets.filter((d) => d.fact_sources.length === 0).map((d) => d.id)).toEqual([]);
  });
});

describe("parseLinks", () => {
  it("reads data/links.csv", () => {
    const links = parseLinks(readFileSync(path.join(process.cwd(), "data/links.csv"), "utf8"), "data/links.csv");
    expect(links.length).toBeGreaterThanOrEqual(6);
    expect(links.every((l) => l.url.startsWith("https://"))).toBe(true);
  });
});
