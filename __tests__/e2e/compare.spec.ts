import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectNoAxeViolations, watchErrors } from "./helpers";

const cell = (page: Page, finding: string, column: number) =>
  page
    .getByTestId("compare-table")
    .locator("tr", { has: page.locator("th", { hasText: new RegExp(`^${finding.replace("/", "\\/")}$`) }) })
    .locator("td")
    .nth(column);

test("pick datasets in the catalog, compare them, and a pasted link restores the comparison", async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page);
  await page.goto("/?m=x-ray");
  await page.getByRole("checkbox", { name: "Select NIH ChestX-ray14 to compare" }).check();
  await page.getByRole("checkbox", { name: /^Select CheXpert/ }).check();
  await page.getByRole("link", { name: "Compare selected (2)" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=/);
  await expect(cell(page, "Pleural Effusion", 0)).toContainText("11.9 % (13,317)");
  await expect(cell(page, "Pleural Effusion", 0)).toContainText("Effusion");
  await expect(cell(page, "Pleural Effusion", 1)).toContainText("Pleural Effusion");
  await expect(cell(page, "Hernia", 1)).toHaveText("not labelled");

  const fresh = await browser.newPage();
  await fresh.goto(page.url());
  await expect(cell(fresh, "Hernia", 1)).toHaveText("not labelled");
  await expect(cell(fresh, "Pleural Effusion", 0)).toContainText("13,317");
  await fresh.close();
  expect(errors).toEqual([]);
});

test("the picker adds a dataset and the metric and sort go into the URL", async ({ page }) => {
  await page.goto("/compare?ids=shenzhen-cxr,montgomery-cxr");
  await expect(cell(page, "Tuberculosis", 0)).toContainText("336");
  await page.getByLabel(/Add a dataset/).fill("kermany");
  await page.getByRole("button", { name: /Pediatric Chest X-ray Pneumonia/ }).click();
  await expect(page).toHaveURL(/ids=shenzhen-cxr,montgomery-cxr,kermany-pediatric-cxr/);
  await page.getByRole("radio", { name: "counts" }).check({ force: true });
  await expect(page).toHaveURL(/metric=count/);
  await page.getByRole("radio", { name: "name" }).check({ force: true });
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.getByTestId("divergences")).toContainText("Shenzhen");
});

test("NIH train/val and test slices show the official split sizes", async ({ page }) => {
  await page.goto("/compare?mode=slices&id=nih-chestxray14&by=split");
  await expect(page.getByTestId("compare-table").locator("tr").last()).toHaveText(/86,524.*25,596/);
  await expect(cell(page, "Hernia", 0)).toContainText("(141)");
  await expect(cell(page, "Hernia", 1)).toContainText("(86)");
});

test("the comparison exports as CSV with the figures of the table", async ({ page }) => {
  await page.goto("/compare?ids=nih-chestxray14,shenzhen-cxr&metric=count");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.split("\r\n")[0]).toBe(
    "finding,nih-chestxray14 images,nih-chestxray14 share,nih-chestxray14 labels,shenzhen-cxr images,shenzhen-cxr share,shenzhen-cxr labels",
  );
  expect(text).toContain("Pleural Effusion,13317,");
  expect(text.trim().split("\r\n").at(-1)).toBe("total images,112120,,,662,,");
});

for (const [query, message] of [
  ["?ids=nih-chestxray14,no-such-set", /Unknown dataset id: no-such-set/],
  ["?ids=nih-chestxray14", /Choose 2 to 6 datasets to compare \(1 chosen\)/],
  [
    "?ids=nih-chestxray14,chexpert,busi,ham10000,isic-2019,mura,padchest",
    /Choose 2 to 6 datasets to compare \(7 chosen\)/,
  ],
  ["?mode=slices&id=busi", /Slices need a dataset with per-image figures/],
] as const) {
  test(`bad compare params give a message, not an error page: ${query}`, async ({ page }) => {
    const response = await page.goto(`/compare${query}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("compare-problem")).toHaveText(message);
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the compare page has no axe violations (${colorScheme})`, async ({ page }) => {
    // A full axe scan (WCAG and best practice) per page: over a minute in all on a busy 2-core machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await page.goto("/compare");
    await expectNoAxeViolations(page);
    await page.goto("/compare?ids=nih-chestxray14,chexpert,shenzhen-cxr");
    await expectNoAxeViolations(page);
    await page.goto("/compare?mode=slices&id=nih-chestxray14&by=sex");
    await expectNoAxeViolations(page);
  });
}

test("the compare page reads on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/compare?ids=nih-chestxray14,chexpert,shenzhen-cxr");
  await page.locator("#compare-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#compare-chart .recharts-bar-rectangle").first()).toBeVisible();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
});

// Issue 15 §4: the comparison chart (recharts, drawn after the page loads) is never a blank box in print.
test("printing draws the comparison chart, even when no one scrolled to it", async ({ page }) => {
  // Hold back the idle-time drawing, so that only printing can draw a chart below the fold.
  await page.addInitScript(() => {
    const w = window as unknown as { __idle: (() => void)[]; requestIdleCallback: unknown };
    w.__idle = [];
    w.requestIdleCallback = (run: () => void) => w.__idle.push(run);
  });
  await page.setViewportSize({ width: 1280, height: 300 });
  await page.goto("/compare?ids=nih-chestxray14,chexpert,shenzhen-cxr");
  const chart = page.locator("[data-chart-state]");
  await expect(chart).toHaveCount(1);
  await page.waitForLoadState("networkidle");
  // Far from the screen, it holds its figures as text, at its final size.
  await expect(chart).toHaveAttribute("data-chart-state", "waiting");
  expect((await chart.innerText()).trim()).toContain("Pneumonia");
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await expect(chart).toHaveAttribute("data-chart-state", "drawn", { timeout: 20_000 });
  await page.emulateMedia({ media: "print" });
  // The print styles scale charts to the paper; a chart of zero width would print as a blank box.
  expect((await chart.locator(".recharts-wrapper > svg.recharts-surface").boundingBox())!.width).toBeGreaterThan(300);
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});
