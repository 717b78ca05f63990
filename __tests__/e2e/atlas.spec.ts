import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoPageOverflow, watchErrors } from "./helpers";

/** A row of a table twin: the header cell names the row, the figures follow. */
function row(page: Page, testId: string, label: string) {
  return page.getByTestId(testId).locator("tr", { has: page.locator("th", { hasText: new RegExp(`^${label}$`) }) });
}

async function openTables(page: Page) {
  for (const summary of await page.getByText("Show the figures as a table").all()) await summary.click();
}

/** Published HAM10000 figures (Tschandl et al. 2018): 10,015 images of 7,470 lesions. */
const HAM = { nv: "6,705", mel: "1,113", bkl: "1,099", bcc: "514", akiec: "327", vasc: "142", df: "115" };

test("HAM10000 counts images of lesions, with the published per-class figures", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/datasets/ham10000");
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 10,015 images of 7,470 lesions.");
  await openTables(page);
  for (const [label, images] of Object.entries(HAM))
    await expect(row(page, "label-table", label).locator("td").first()).toHaveText(images);
  await expect(page.getByTestId("group-lesion-total")).toContainText("10,015 images of 7,470 lesions");
  expect(errors).toEqual([]);
});

test("an attribute filter is a URL parameter, counted exactly, and Back undoes it", async ({ page }) => {
  await page.goto("/datasets/ham10000");
  await page.locator("summary", { hasText: "Diagnosis confirmed by" }).click();
  await page.getByRole("checkbox", { name: /^histo/ }).check();
  await expect(page).toHaveURL(/a_dx_type=histo/);
  await expect(page.getByTestId("filter-status")).toHaveText(
    "Showing 5,340 of 10,015 images: Diagnosis confirmed by histo.",
  );
  // The same URL, opened afresh, shows the same figures.
  await page.goto(page.url());
  await expect(page.getByTestId("filter-status")).toHaveText(
    "Showing 5,340 of 10,015 images: Diagnosis confirmed by histo.",
  );
  await page.goto("/datasets/ham10000?a_dx_type=no-such-value");
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 10,015 images of 7,470 lesions.");
});

test("ISIC 2019 and 2020 reproduce their published figures", async ({ page }) => {
  await page.goto("/datasets/isic-2019");
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 25,331 images of 11,847 lesions.");
  await openTables(page);
  for (const [label, images] of Object.entries({ MEL: "4,522", NV: "12,875", BCC: "3,323", SCC: "628" }))
    await expect(row(page, "label-table", label).locator("td").first()).toHaveText(images);
  await page.goto("/datasets/isic-2020");
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 33,126 images of 2,056 patients.");
  await openTables(page);
  await expect(row(page, "label-table", "malignant").locator("td").first()).toHaveText("584");
  // The paper's figures stand beside the file's, and agree.
  await expect(row(page, "published-comparison", "all images").locator("td").nth(3)).toHaveText("yes");
});

test("NIH boxes: 984 boxes on 880 images, per label as in the box file", async ({ page }) => {
  await page.goto("/datasets/nih-chestxray14");
  await expect(page.getByTestId("boxes-total")).toContainText("984 boxes on 880 images, from BBox_List_2017.csv");
  await openTables(page);
  const boxes = {
    Atelectasis: "180",
    Cardiomegaly: "146",
    Effusion: "153",
    Infiltrate: "123",
    Mass: "85",
    Nodule: "79",
    Pneumonia: "120",
    Pneumothorax: "98",
  };
  for (const [label, n] of Object.entries(boxes))
    await expect(row(page, "boxes-per-label-table", label).locator("td").first()).toHaveText(n);
});

test("CheXpert shows positive, uncertain and negative studies as its Table 1 publishes them", async ({ page }) => {
  await page.goto("/datasets/chexpert");
  const pneumonia = row(page, "states-train", "Pneumonia").locator("td");
  await expect(pneumonia).toHaveText(["4,576", "15,658", "167,407"]);
  await expect(page.getByText("The source counts studies for each label")).toBeVisible();
});

test("the catalog shows where the figures are, as a column and a facet", async ({ page }) => {
  await page.goto("/?figures=per-image+file");
  await expect(page).toHaveURL(/figures=per-image/);
  // Rows the filter leaves out stay in the page, hidden.
  const rows = page.locator("tbody tr:visible");
  await expect(rows).toHaveCount(11);
  const ham = rows.filter({ has: page.getByRole("link", { name: "HAM10000", exact: true }) });
  await expect(ham).toHaveCount(1);
  await expect(ham).toContainText("nv 6,705");
});

for (const scheme of ["light", "dark"] as const) {
  test(`new dataset pages have no axe violations and fit a phone (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 375, height: 800 });
    for (const id of ["ham10000", "cbis-ddsm", "chexpert"]) {
      await page.goto(`/datasets/${id}`);
      await expectNoPageOverflow(page);
      await expectNoAxeViolations(page);
    }
  });
}
