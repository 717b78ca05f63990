import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { expectNoAxeViolations, expectNoPageOverflow, watchErrors } from "./helpers";

/** Datasets that map one of their labels to the finding, read from the ontology file itself. */
function labelledBy(canonical: string): string[] {
  const rows = Papa.parse<Record<string, string>>(readFileSync("data/ontology.csv", "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
  return [...new Set(rows.filter((r) => r.canonical === canonical).map((r) => r.dataset!))].sort();
}

/** Page loads and lazily loaded charts can be slow on a shared machine; this waits, it does not time anything. */
const NAVIGATION = { timeout: 20_000 };
const total = (page: Page) => page.getByTestId("finding-total");
const positives = (page: Page, id: string) => page.getByTestId(`row-${id}`).getByTestId("positives");
const toNumber = (s: string) => Number(s.replace(/,/g, ""));

/** The total line's image figure, and the sum of the image figures in the table's rows. */
async function totalAndRowSum(page: Page) {
  const line = (await total(page).textContent())!;
  const cells = await page.getByTestId("finding-table").getByTestId("positives").allTextContents();
  const rowSum = cells.reduce((s, c) => {
    const m = /^([\d,]+) images/.exec(c);
    return m ? s + toNumber(m[1]!) : s;
  }, 0);
  const m = /(\d+) datasets?, ([\d,]+) positive images/.exec(line);
  return { line, datasets: m ? Number(m[1]) : null, images: m ? toNumber(m[2]!) : 0, rowSum, rows: cells.length };
}

test("Pneumothorax lists NIH ChestX-ray14 with 5,302 images and every other dataset that labels it", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto("/findings/pneumothorax");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pneumothorax");
  await expect(positives(page, "nih-chestxray14")).toContainText("5,302 images");
  await expect(page.getByTestId("row-nih-chestxray14")).toContainText("4.7 %");
  await expect(page.getByTestId("row-nih-chestxray14")).toContainText("Text-mined from radiology reports (NLP)");

  const expected = labelledBy("Pneumothorax");
  expect(expected.length).toBeGreaterThan(3);
  const listed = await page
    .locator('[data-testid^="row-"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.slice(4)));
  expect(listed.sort()).toEqual(expected);
  for (const id of expected)
    await expect(positives(page, id)).toHaveText(/^([\d,]+ (images|studies|cases)|labelled, no figure)/);
  // RSNA Pneumonia does not label pneumothorax: it is absent, not listed with 0.
  expect(listed).not.toContain("rsna-pneumonia");

  const all = await totalAndRowSum(page);
  expect(all.images).toBe(all.rowSum);
  expect(all.datasets).toBe(all.rows);
  expect(all.images).toBeGreaterThanOrEqual(5302);
  expect(errors).toEqual([]);
});

test("the access filter changes the total, which stays the sum of the rows, and Back restores the view", async ({
  page,
}) => {
  await page.goto("/findings/pneumothorax");
  const before = await totalAndRowSum(page);

  await page.getByRole("checkbox", { name: /^credentialed/ }).check();
  await expect(page).toHaveURL(/access=credentialed/);
  await expect(total(page)).not.toHaveText(before.line);
  await expect(total(page)).toContainText("with access credentialed");
  const credentialed = await totalAndRowSum(page);
  expect(credentialed.rows).toBeLessThan(before.rows);
  expect(credentialed.images).toBe(credentialed.rowSum);

  await page.getByRole("checkbox", { name: /^open/ }).check();
  await expect(page).toHaveURL(/access=credentialed%2Copen|access=credentialed,open/);
  await expect(positives(page, "nih-chestxray14")).toContainText("5,302 images");
  const both = await totalAndRowSum(page);
  expect(both.images).toBe(both.rowSum);
  expect(both.rows).toBeGreaterThan(credentialed.rows);

  // Leave for a dataset page and come back: the filters are still there.
  await page.getByRole("link", { name: "NIH ChestX-ray14" }).click();
  await expect(page).toHaveURL(/\/datasets\/nih-chestxray14/, NAVIGATION);
  await page.goBack();
  await expect(page.getByRole("checkbox", { name: /^open/ })).toBeChecked();
  await expect(total(page)).toHaveText(both.line);

  await page.goBack();
  await expect(page.getByRole("checkbox", { name: /^open/ })).not.toBeChecked();
  await expect(total(page)).toHaveText(credentialed.line);
  await page.goBack();
  await expect(total(page)).toHaveText(before.line);
  await expect(page).toHaveURL(/\/findings\/pneumothorax$/);
});

test("commercial use filters the rows and says so in the total line", async ({ page }) => {
  await page.goto("/findings/pneumothorax?commercial=yes");
  await expect(total(page)).toContainText("5,302 positive images you can use commercially");
  const rows = await totalAndRowSum(page);
  expect(rows.images).toBe(rows.rowSum);
  for (const row of await page.locator('[data-testid^="row-"]').all())
    await expect(row).toContainText("commercial use: yes");
});

test("Melanoma lists the dermoscopy datasets with their own figures", async ({ page }) => {
  await page.goto("/findings/melanoma");
  const expected = labelledBy("Melanoma");
  for (const id of ["ham10000", "isic-2019", "isic-2020"]) expect(expected).toContain(id);
  // Each counted from its own metadata file.
  await expect(positives(page, "isic-2020")).toContainText("584 images");
  await expect(positives(page, "ham10000")).toContainText("1,113 images");
  await expect(positives(page, "isic-2019")).toContainText("4,522 images");
  const sums = await totalAndRowSum(page);
  expect(sums.images).toBe(sums.rowSum);
  await expect(page.getByTestId("row-isic-2020")).toContainText("Histopathology for every melanoma");
});

test("ticking datasets opens /compare with them", async ({ page }) => {
  await page.goto("/findings/pneumothorax");
  await expect(page.getByText("Compare: tick 2 to 6 datasets (0 ticked)")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select NIH ChestX-ray14 to compare" }).check();
  await page.getByRole("checkbox", { name: "Select CheXpert to compare" }).check();
  await expect(page).toHaveURL(/sel=nih-chestxray14,chexpert|sel=nih-chestxray14%2Cchexpert/);
  await page.getByRole("link", { name: "Compare selected (2)" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=nih-chestxray14(,|%2C)chexpert/, NAVIGATION);
  await expect(page.getByTestId("compare-table")).toContainText("Pneumothorax");
});

test("the index searches and sorts in the URL, groups by region, and a pasted link restores it", async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page);
  await page.goto("/findings");
  await expect(page.getByTestId("findings-count")).toHaveText(/^(\d+) of \1 findings$/);
  await expect(page.getByRole("heading", { name: "Chest", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Skin", level: 2 })).toBeVisible();
  const pneumothorax = page.getByRole("row", { name: /Pneumothorax/ });
  await expect(pneumothorax).toContainText(`${labelledBy("Pneumothorax").length}`);
  await expect(pneumothorax).toContainText("5,302");

  await page.getByRole("searchbox").fill("effusion");
  await expect(page).toHaveURL(/q=effusion/);
  await expect(page.getByTestId("findings-count")).toHaveText(/^1 of \d+ findings$/);
  await expect(page.getByRole("link", { name: "Pleural Effusion" })).toBeVisible();

  await page.getByRole("searchbox").fill("");
  await page
    .getByRole("button", { name: /^Datasets/ })
    .first()
    .click();
  await expect(page).toHaveURL(/sort=datasets\.desc/);
  const chest = page.getByRole("table").filter({ has: page.getByRole("link", { name: "Pneumothorax" }) });
  const counts = (await chest.getByTestId("dataset-count").allTextContents()).map(Number);
  expect(counts.length).toBeGreaterThan(10);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  const fresh = await browser.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByRole("columnheader", { name: /Datasets/ }).first()).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await fresh.close();

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await page.getByRole("link", { name: "Pneumothorax" }).click();
  await expect(page).toHaveURL(/\/findings\/pneumothorax$/, NAVIGATION);
  expect(errors).toEqual([]);
});

test("unknown findings are a 404 page and malformed params fall back to defaults", async ({ page }) => {
  const missing = await page.goto("/findings/no-such-finding");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Finding not found" })).toBeVisible();
  const bad = await page.goto("/findings/pneumothorax?access=nowhere&sort=drop.table&commercial=%E0%A4%A");
  expect(bad?.status()).toBe(200);
  await expect(positives(page, "nih-chestxray14")).toContainText("5,302 images");
});

test("the catalog search finds datasets by finding, and dataset pages link their findings", async ({ page }) => {
  await page.goto("/?q=pneumothorax");
  const titles = await page.locator("tbody tr:visible td:nth-child(2)").allTextContents();
  // Neither card mentions pneumothorax in its own text; the ontology maps their labels to it.
  expect(titles).toEqual(expect.arrayContaining(["PadChest", "MIMIC-CXR", "NIH ChestX-ray14"]));
  await page.goto("/?q=cardiomyopathy");
  await expect(page.locator("tbody tr:visible td:nth-child(2)")).toHaveText([/^ACDC/]);

  await page.goto("/datasets/nih-chestxray14");
  const findings = page.getByTestId("dataset-findings");
  await expect(findings).toContainText("Pleural Effusion ← Effusion");
  await expect(findings.getByRole("link", { name: "Pneumothorax" })).toHaveAttribute("href", "/findings/pneumothorax");
  await findings.getByRole("link", { name: "Pneumothorax" }).click();
  await expect(page).toHaveURL(/\/findings\/pneumothorax$/, NAVIGATION);
  await expect(positives(page, "nih-chestxray14")).toContainText("5,302 images");
});

test("the API answers with the page's figures, CORS, 404 and 400 naming the parameter", async ({ request }) => {
  const one = await request.get("/api/findings/pneumothorax?access=open");
  expect(one.status()).toBe(200);
  expect(one.headers()["access-control-allow-origin"]).toBe("*");
  const body = await one.json();
  expect(body.finding.name).toBe("Pneumothorax");
  expect(body.datasets.find((d: { id: string }) => d.id === "nih-chestxray14").positives).toBe(5302);
  expect(body.total.units).toEqual([{ unit: "images", count: 5302 }]);

  const csv = await request.get("/api/findings/pneumothorax?format=csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Pneumothorax,nih-chestxray14,NIH ChestX-ray14,Pneumothorax (exact),5302,images");

  const list = await (await request.get("/api/findings?q=melanoma")).json();
  expect(list.findings.map((f: { id: string }) => f.id)).toContain("melanoma");

  const missing = await request.get("/api/findings/no-such-finding");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toContain("no-such-finding");
  const badAccess = await request.get("/api/findings/pneumothorax?access=nowhere");
  expect(badAccess.status()).toBe(400);
  expect((await badAccess.json()).error).toContain('parameter "access"');
  const unknown = await request.get("/api/findings?region=chest");
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error).toContain('unknown parameter "region"');
});

test("the finding page has a link preview of its view, and an embed", async ({ page, request }) => {
  await page.goto("/findings/pneumothorax?access=open");
  const image = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toContain("/api/og?finding=pneumothorax&access=open");
  const png = await request.get(new URL(image!, page.url()).pathname + new URL(image!, page.url()).search);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect((await request.get("/api/og?finding=no-such-finding")).status()).toBe(404);

  await page.getByText("Embed", { exact: true }).click();
  await expect(page.locator("#embed-snippet")).toHaveValue(/\/embed\/findings\/pneumothorax\?access=open/);
  await page.goto("/embed/findings/pneumothorax?access=open");
  await expect(positives(page, "nih-chestxray14")).toContainText("5,302 images");
  await expect(page.getByRole("checkbox", { name: /to compare/ })).toHaveCount(0);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the findings index has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/findings");
    await expect(page.getByTestId("findings-count")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`a finding page with its chart has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/findings/pneumothorax?access=open,registration");
    await page.locator("#finding-chart").scrollIntoViewIfNeeded();
    await expect(page.locator("[data-bar]").first()).toBeVisible(NAVIGATION);
    await expectNoAxeViolations(page);
  });

  test(`the unknown-finding page has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/findings/no-such-finding");
    await expect(page.getByRole("heading", { name: "Finding not found" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`the finding embed has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/embed/findings/melanoma");
    await expect(positives(page, "isic-2020")).toContainText("584 images");
    await expectNoAxeViolations(page);
  });
}

test("findings read on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/findings");
  await expectNoPageOverflow(page);
  await page.goto("/findings/melanoma");
  await expect(positives(page, "isic-2020")).toContainText("584 images");
  await expectNoPageOverflow(page);
  await page.locator("#finding-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("[data-bar]").first()).toBeVisible(NAVIGATION);
  await expectNoPageOverflow(page);
});
