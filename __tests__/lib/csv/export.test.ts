import Papa from "papaparse";
import { toCatalogCsv } from "@/lib/catalog/export";
import { parseCatalog } from "@/lib/catalog/schema";
import { toCsv } from "@/lib/csv/export";
import { catalogCsv, catalogRow } from "@/__tests__/fixtures/catalog";

describe("toCsv", () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["plain text", "plain text"],
  ])("neutralises the formula cell %s", (cell, expected) => {
    const text = toCsv([cell], [{ header: "v", value: (r) => r }]);
    expect(Papa.parse<string[]>(text).data[1]).toEqual([expected]);
  });

  it("writes numbers as numbers and null as an empty cell", () => {
    expect(
      toCsv(
        [{ n: 5, m: null }],
        [
          { header: "n", value: (r) => r.n },
          { header: "m", value: (r) => r.m },
        ],
      ),
    ).toBe("n,m\r\n5,");
  });
});

describe("toCatalogCsv", () => {
  it("exports every fact of the rows with lists joined by ;", () => {
    const datasets = parseCatalog(catalogCsv([catalogRow({ title: "=cmd|' /C calc'!A0" })]), "t.csv");
    const [header, row] = Papa.parse<string[]>(toCatalogCsv(datasets)).data;
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell("title")).toBe("'=cmd|' /C calc'!A0");
    expect(cell("count")).toBe("112120");
    expect(cell("keywords")).toBe("chest; multi-label");
    expect(cell("license")).toBe("");
  });
});
