import { expect, test, type Page } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resolveDataFile } from "@/lib/metadata/data-files";
import { expectNoAxeViolations, watchErrors } from "./helpers";

let NIH = "";
let NIH_GZ = "";
let RSNA = "";
test.beforeAll(async () => {
  NIH = await resolveDataFile("nih-chestxray14/Data_Entry_2017_v2020.csv");
  NIH_GZ = await resolveDataFile("nih-chestxray14/Data_Entry_2017_v2020.csv.gz");
  RSNA = await resolveDataFile("rsna-pneumonia/stage_2_train_labels.csv");
});
const tmp = mkdtempSync(path.join(tmpdir(), "label-atlas-"));

function tmpFile(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
}

async function upload(page: Page, file: string) {
  await page.locator("input[type=file]").setInputFiles(file);
  await expect(page.getByTestId("filter-status").or(page.getByTestId("explore-error"))).toBeVisible({
    timeout: 30_000,
  });
}

async function labelCount(page: Page, label: string) {
  await page.getByText("Show the figures as a table").first().click();
  return page
    .getByTestId("label-table")
    .locator("tr", { has: page.locator("th", { hasText: new RegExp(`^${label}$`) }) })
    .locator("td")
    .first();
}

test("the NIH file gives the dataset page's figures, and no request carries its content", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/explore");
  const requests: { method: string; url: string; body: number }[] = [];
  page.on("request", (r) => requests.push({ method: r.method(), url: r.url(), body: r.postDataBuffer()?.length ?? 0 }));
  await upload(page, NIH);
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 112,120 images of 30,805 patients.");
  await expect(await labelCount(page, "No Finding")).toHaveText("60,361");
  await expect(await labelCount(page, "Hernia")).toHaveText("227");
  await expect(page.getByTestId("provenance")).toContainText("112,120 rows read, 0 skipped, 0 flagged");
  const origin = new URL(page.url()).origin;
  expect(requests.filter((r) => r.method !== "GET" || r.body > 0 || !r.url.startsWith(origin))).toEqual([]);
  const needle = readFileSync(NIH, "utf8").split("\n")[1]!.split(",")[0]!; // an image id from the file
  expect(requests.filter((r) => r.url.includes(needle))).toEqual([]);
  expect(errors).toEqual([]);
});

test("the gzipped NIH file gives the same figures", async ({ page }) => {
  await page.goto("/explore");
  await upload(page, NIH_GZ);
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 112,120 images of 30,805 patients.");
  await expect(page.getByTestId("file-info")).toContainText("Data_Entry_2017_v2020.csv");
});

test("RSNA's box rows are recognised: images counted once", async ({ page }) => {
  await page.goto("/explore");
  await upload(page, RSNA);
  await expect(page.getByRole("checkbox", { name: /Several rows per image/ })).toBeChecked();
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 26,684 images.");
  await expect(await labelCount(page, "Target")).toHaveText("6,012");
});

test("a corrected mapping and the filters live in the URL; the same file restores the view", async ({
  page,
  browser,
}) => {
  await page.goto("/explore");
  await upload(page, NIH);
  await page.getByLabel("View", { exact: true }).selectOption("");
  await expect(page).toHaveURL(/cview=-/);
  await page.locator("summary", { hasText: "Sex" }).click();
  await page.getByRole("checkbox", { name: "F" }).check();
  await expect(page).toHaveURL(/sex=F/);
  await expect(page.getByTestId("filter-status")).toHaveText("Showing 48,780 of 112,120 images: sex F.");
  await expect(page.locator("summary", { hasText: /^View/ })).toHaveCount(0);

  const fresh = await browser.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByText(/keeps the column choices and filters, not the data/)).toBeVisible();
  await upload(fresh, NIH);
  await expect(fresh.getByTestId("filter-status")).toHaveText("Showing 48,780 of 112,120 images: sex F.");
  await expect(fresh.getByLabel("View", { exact: true })).toHaveValue("");
  await fresh.close();
});

test("bad files get a clear, recoverable message", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/explore");
  const cases: [string, string | Buffer, RegExp][] = [
    ["empty.csv", "", /empty.csv: line 1: the file is empty/],
    [
      "image.csv",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /this looks like a binary file/,
    ],
    ["one-column.csv", "id\n1\n2\n", /the header has 1 column/],
    ["no-labels.csv", "id,labels,age\n1,,3\n2,,4\n", /the labels column "labels" is blank in every row/],
    [
      "no-header.csv",
      "00001.png,0.5,12\n00002.png,0.7,14\n",
      /no column looks like labels: choose the labels column below/,
    ],
  ];
  for (const [name, content, message] of cases) {
    await upload(page, tmpFile(name, content));
    await expect(page.getByTestId("explore-error")).toHaveText(message);
  }
  // Recovers: a good file after the bad ones.
  await upload(page, tmpFile("good.csv", "id,labels\n1,A|B\n2,B\n"));
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 2 images.");
  expect(errors).toEqual([]);
});

test("a large file shows progress and can be cancelled", async ({ page }) => {
  const rows = readFileSync(NIH, "utf8").trimEnd().split("\n");
  const big = [rows[0], ...Array.from({ length: 6 }, (_, k) => rows.slice(1).map((r) => `${k}_${r}`)).flat()].join(
    "\n",
  );
  await page.goto("/explore");
  await page.locator("input[type=file]").setInputFiles(tmpFile("big.csv", big));
  await expect(page.getByTestId("progress")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("explore-error")).toHaveText(/Cancelled/);
  await expect(page.getByTestId("progress")).toHaveCount(0);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the explore page has no axe violations (${colorScheme})`, async ({ page }) => {
    // A full axe scan (WCAG and best practice) per page: over a minute in all on a busy 2-core machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await page.goto("/explore");
    await expectNoAxeViolations(page);
    await upload(page, RSNA);
    await expectNoAxeViolations(page);
  });
}

test("a file's summary, kept in the browser, can be compared with catalog datasets", async ({ page }) => {
  await page.goto("/explore");
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET") posts.push(r.url());
  });
  await upload(page, NIH);
  await page.getByRole("button", { name: "Compare with catalog datasets" }).click();
  await expect(page).toHaveURL(/\/compare\?local=file-/);
  await expect(page.getByTestId("compare-problem")).toHaveText(/add 1 to 5 catalog datasets/);
  await page.getByLabel(/Add a dataset/).fill("shenzhen");
  await page.getByRole("button", { name: /Shenzhen/ }).click();
  await expect(page).toHaveURL(/ids=shenzhen-cxr/);
  const table = page.getByTestId("compare-table");
  await expect(table.locator("th", { hasText: "Your file (Data_Entry_2017_v2020.csv)" })).toBeVisible();
  const effusion = table.locator("tr", { has: page.locator("th", { hasText: /^Pleural Effusion$/ }) });
  await expect(effusion.locator("td").nth(1)).toContainText("(13,317)");
  expect(posts).toEqual([]);
});

test("the explore page reads on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/explore");
  await upload(page, RSNA);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
});
