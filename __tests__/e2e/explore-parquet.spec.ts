import { expect, test, type Page } from "@playwright/test";
import { mkdtempSync, readFileSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { expectNoAxeViolations, watchErrors } from "./helpers";

const NIH = path.join(process.cwd(), "..", "shared", "data", "nih-chestxray14", "Data_Entry_2017_v2020.csv");
const tmp = mkdtempSync(path.join(tmpdir(), "label-atlas-parquet-"));

/** Parquet files are made here, by DuckDB from the NIH CSV or a query, never committed. */
async function parquetOf(name: string, query: string): Promise<string> {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const file = path.join(tmp, name);
  await db.run(`copy (${query}) to '${file}' (format parquet)`);
  db.closeSync();
  return file;
}

async function upload(page: Page, file: string) {
  await page.locator("input[type=file]").setInputFiles(file);
  await expect(page.getByTestId("filter-status").or(page.getByTestId("explore-error"))).toBeVisible({
    timeout: 30_000,
  });
}

test("the NIH file as Parquet gives the same figures as its CSV, its columns in the mapping panel", async ({
  page,
}) => {
  // Making the Parquet file and reading 112,120 rows, then axe: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  // Typed columns, as an archive would publish them: ages and patient ids as integers.
  const file = await parquetOf(
    "Data_Entry_2017_v2020.parquet",
    `select "Image Index", "Finding Labels", "Patient ID"::integer as "Patient ID", "Patient Age"::integer as "Patient Age",
       "Patient Gender", "View Position" from read_csv('${NIH}', all_varchar = true)`,
  );
  await page.goto("/explore");
  await upload(page, file);
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 112,120 images of 30,805 patients.");
  await expect(page.getByTestId("file-info")).toContainText("Data_Entry_2017_v2020.parquet");
  await expect(page.getByLabel("Labels column")).toHaveValue("Finding Labels");
  await expect(page.getByLabel("Labels column").locator("option")).toContainText([
    "Image Index",
    "Finding Labels",
    "Patient ID",
    "Patient Age",
    "Patient Gender",
    "View Position",
  ]);
  await page.getByText("Show the figures as a table").first().click();
  const row = (label: string) =>
    page.getByTestId("label-table").locator("tr", { has: page.locator("th", { hasText: new RegExp(`^${label}$`) }) });
  await expect(row("No Finding").locator("td").first()).toHaveText("60,361");
  await expect(row("Hernia").locator("td").first()).toHaveText("227");
  await expect(page.getByTestId("provenance")).toContainText("112,120 rows read, 0 skipped, 0 flagged");
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("Parquet files that cannot be summarised get a clear message, and a good one after them works", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const nested = await parquetOf("nested.parquet", "select [1, 2] as boxes, {'x': 1} as point");
  const cut = await parquetOf("cut.parquet", "select 'a' || i as id, 'Mass' as label from range(1000) t(i)");
  truncateSync(cut, statSync(cut).size - 16);
  const problems = await parquetOf(
    "problems.parquet",
    `select * from (values ('a.png', 'Mass', 40), ('', 'Mass', 50), ('c.png', 'Nodule', 414))
       t("Image Index", "Finding Labels", "Patient Age")`,
  );
  await page.goto("/explore");
  await upload(page, nested);
  await expect(page.getByTestId("explore-error")).toHaveText(
    /nested\.parquet: no usable columns: every column holds lists or structs \(boxes, point\)/,
  );
  await upload(page, cut);
  await expect(page.getByTestId("explore-error")).toHaveText(
    /cut\.parquet: the Parquet footer is missing or corrupt \(the file does not end with "PAR1"\)/,
  );
  await upload(page, problems);
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 2 images.");
  await expect(page.getByTestId("provenance")).toContainText("3 rows read, 1 skipped, 1 flagged");
  await page.getByText(/skipped or flagged rows/).click();
  await expect(page.getByTestId("provenance")).toContainText("row 2 (Image Index): blank image id (skipped)");
  await expect(page.getByTestId("provenance")).toContainText(
    'row 3 (Patient Age): impossible age "414" (over 120 years): counted as unknown',
  );
  expect(readFileSync(problems).subarray(0, 4).toString()).toBe("PAR1");
  expect(errors).toEqual([]);
});
