import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoPageOverflow, watchErrors } from "./helpers";

/** Published figures of NIH ChestX-ray14 (../shared/data/README.md). */
const NIH_LABELS: [string, string][] = [
  ["No Finding", "60,361"],
  ["Infiltration", "19,894"],
  ["Effusion", "13,317"],
  ["Atelectasis", "11,559"],
  ["Nodule", "6,331"],
  ["Mass", "5,782"],
  ["Pneumothorax", "5,302"],
  ["Consolidation", "4,667"],
  ["Pleural_Thickening", "3,385"],
  ["Cardiomegaly", "2,776"],
  ["Emphysema", "2,516"],
  ["Edema", "2,303"],
  ["Fibrosis", "1,686"],
  ["Pneumonia", "1,431"],
  ["Hernia", "227"],
];

async function tableCell(page: Page, testId: string, rowLabel: string, column = 1) {
  const row = page
    .getByTestId(testId)
    .locator("tr", { has: page.locator("th", { hasText: new RegExp(`^${rowLabel}$`) }) });
  return row.locator("td").nth(column - 1);
}

async function openTables(page: Page) {
  for (const summary of await page.getByText("Show the figures as a table").all()) await summary.click();
}

test("NIH ChestX-ray14 shows the published figures, read from the page", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/datasets/nih-chestxray14");
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 112,120 images of 30,805 patients.");
  await openTables(page);
  for (const [label, images] of NIH_LABELS)
    await expect(await tableCell(page, "label-table", label)).toHaveText(images);
  await expect(await tableCell(page, "view-table", "PA")).toHaveText("67,310");
  await expect(await tableCell(page, "view-table", "AP")).toHaveText("44,810");
  await expect(await tableCell(page, "sex-table", "M")).toHaveText("63,340");
  await expect(await tableCell(page, "sex-table", "F")).toHaveText("48,780");
  await expect(await tableCell(page, "split-table", "All images", 1)).toHaveText("86,524");
  await expect(await tableCell(page, "split-table", "All images", 2)).toHaveText("25,596");
  await expect(page.getByTestId("leakage")).toHaveText(/No patient appears in more than one split/);
  await expect(page.getByTestId("provenance")).toContainText("Data_Entry_2017_v2020.csv");
  await expect(page.getByTestId("provenance")).toContainText("112,120 rows read, 0 skipped, 0 flagged");
  await page.locator("#labels-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#labels-chart [data-bar]")).toHaveCount(15);
  expect(errors).toEqual([]);
});

test("filters recompute every chart, live in the URL, and survive reload and a fresh page", async ({
  page,
  browser,
}) => {
  await page.goto("/datasets/nih-chestxray14");
  await page.locator("summary", { hasText: "Sex" }).click();
  await page.getByRole("checkbox", { name: "F" }).check();
  await expect(page).toHaveURL(/sex=F/);
  await page.locator("summary", { hasText: "View" }).click();
  await page.getByRole("checkbox", { name: "PA" }).check();
  await expect(page).toHaveURL(/view=PA/);
  await page.getByRole("button", { name: /^Effusion and Infiltration:/ }).click();
  await expect(page).toHaveURL(/inc=Effusion,Infiltration/);
  const status = await page.getByTestId("filter-status").textContent();
  expect(status).toMatch(/^Showing [\d,]+ of 112,120 images: with Effusion and Infiltration, sex F, view PA\.$/);

  await page.reload();
  await expect(page.getByTestId("filter-status")).toHaveText(status!);
  const fresh = await browser.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByTestId("filter-status")).toHaveText(status!);
  await fresh.close();

  await page.goBack();
  await expect(page).not.toHaveURL(/inc=/);
  await expect(page.getByTestId("filter-status")).toHaveText(/sex F, view PA\.$/);
});

test("the chart switches to percent, patients, name order and log scale through the URL", async ({ page }) => {
  await page.goto("/datasets/nih-chestxray14?metric=percent&level=patients&order=name&scale=log");
  await expect(page.getByRole("radio", { name: "Percent" })).toBeChecked();
  const level = page.getByRole("group", { name: "Count" });
  await expect(level.getByRole("radio", { name: "patients" })).toBeChecked();
  await expect(page.getByTestId("labels-summary")).toContainText("30,805 patients in view");
  // A click before React has hydrated the page is undone by the controlled radio: retry until it holds.
  await expect(async () => {
    await level.getByRole("radio", { name: "images" }).check({ force: true, timeout: 1000 });
    await expect(page).not.toHaveURL(/level=/, { timeout: 1000 });
  }).toPass();
  await expect(page.getByTestId("labels-summary")).toContainText("112,120 images in view");
});

test("under a filter, patient counts are declared not exact instead of approximated", async ({ page }) => {
  await page.goto("/datasets/nih-chestxray14?level=patients&sex=M");
  await expect(page.getByTestId("labels-summary")).toHaveText(/Patient counts are exact only for the whole dataset/);
});

test("bad dataset params fall back to the default view", async ({ page }) => {
  const response = await page.goto(
    "/datasets/nih-chestxray14?metric=zzz&inc=NotALabel&sex=Q&amin=-5&amax=abc&scale=cubic",
  );
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 112,120 images of 30,805 patients.");
});

test("RSNA pneumonia counts images, not boxes", async ({ page }) => {
  await page.goto("/datasets/rsna-pneumonia");
  await expect(page.getByTestId("filter-status")).toHaveText("Showing all 26,684 images.");
  await openTables(page);
  await expect(await tableCell(page, "label-table", "Pneumonia")).toHaveText("6,012");
  await expect(page.getByTestId("provenance")).toContainText("30,227 rows read");
});

test("NIH and RSNA pages cite public sources a reader can open, never a local file", async ({ page }) => {
  const sources = page.getByRole("region", { name: "Where these figures come from" });
  await page.goto("/datasets/nih-chestxray14");
  for (const url of ["https://nihcc.app.box.com/v/ChestXray-NIHCC", "https://arxiv.org/abs/1705.02315"])
    await expect(sources.getByRole("link", { name: url, exact: true })).toHaveAttribute("href", url);
  await expect(
    page.getByTestId("provenance").getByRole("link", { name: "https://nihcc.app.box.com/v/ChestXray-NIHCC" }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("NIH download page");
  await expect(page.locator("main")).not.toContainText(/shared (data|README)|README of|\.\.\//);
  await page.goto("/embed/datasets/nih-chestxray14");
  await expect(page.getByRole("link", { name: "nihcc.app.box.com" })).toHaveAttribute(
    "href",
    "https://nihcc.app.box.com/v/ChestXray-NIHCC",
  );

  await page.goto("/datasets/rsna-pneumonia");
  for (const url of [
    "https://www.kaggle.com/c/rsna-pneumonia-detection-challenge",
    "https://www.rsna.org/education/ai-resources-and-training/ai-image-challenge/rsna-pneumonia-detection-challenge-2018",
  ])
    await expect(sources.getByRole("link", { name: url, exact: true })).toHaveAttribute("href", url);
  await expect(
    page
      .getByTestId("provenance")
      .getByRole("link", { name: "https://www.kaggle.com/c/rsna-pneumonia-detection-challenge" }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("Kaggle challenge page");
  await expect(page.locator("main")).not.toContainText(/shared (data|README)|README of|\.\.\//);
});

test("a dataset with only a published table says what is missing", async ({ page }) => {
  await page.goto("/datasets/busi");
  await expect(page.getByText(/Only published per-label counts exist here/)).toBeVisible();
  await openTables(page);
  await expect(await tableCell(page, "label-table", "benign")).toHaveText("437");
  await expect(page.getByTestId("provenance")).toContainText("data/published/busi.csv");
});

test("a dataset without label figures says so and links to its source", async ({ page }) => {
  await page.goto("/datasets/adni");
  await expect(page.getByText(/No label figures for this dataset yet/)).toBeVisible();
  await expect(page.getByRole("link", { name: "dataset's own page" })).toHaveAttribute("href", /^https:\/\//);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`dataset pages have no axe violations (${colorScheme})`, async ({ page }) => {
    // A full axe scan (WCAG and best practice) per page: over a minute in all on a busy 2-core machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    for (const url of [
      "/datasets/nih-chestxray14?inc=Effusion",
      "/datasets/kermany-oct",
      "/datasets/busi",
      "/datasets/rsna-pneumonia",
      "/datasets/adni",
    ]) {
      await page.goto(url);
      await openTables(page).catch(() => undefined);
      await expectNoAxeViolations(page);
    }
  });
}

test("the NIH page reads on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/datasets/nih-chestxray14");
  await page.locator("#labels-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("[data-bar]").first()).toBeVisible();
  await expectNoPageOverflow(page);
});

// Issue 15 §4: charts are never blank boxes, in print, in a full-page capture, or before scripts run.
async function collectLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: number[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__shifts.push((e as unknown as { value: number }).value);
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Each chart's bars (label → printed value) and its table twin's first column, on the page as it is. */
async function chartsAndTables(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-bars]")].map((chart) => {
      const frame = chart.closest("section")!;
      const bars = [...chart.querySelectorAll<HTMLElement>("[data-bar]")].map((b) => [
        b.dataset.label,
        b.dataset.value,
      ]);
      const rows = [...frame.querySelectorAll("table tbody tr")].map((tr) => [
        tr.querySelector("th")?.textContent?.trim(),
        tr.querySelector("td")?.textContent?.trim(),
      ]);
      const exports = frame.querySelector("[aria-label='Export this chart']") !== null;
      return { title: frame.querySelector("h2")?.textContent, bars, rows, exports };
    }),
  );
}

test("before any script runs, every chart is drawn with its figures, the same as its table", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/datasets/nih-chestxray14");
  // The label chart is HTML from the server: every bar, its value, and the value axis.
  const bars = page.locator("#labels-chart [data-bar]");
  await expect(bars).toHaveCount(15);
  for (const [name, images] of NIH_LABELS)
    await expect(page.locator(`#labels-chart [data-bar][data-label="${name}"]`)).toContainText(`${name}${images}`);
  await expect(page.locator("#labels-chart [data-tick]")).toHaveText(["0", "20,000", "40,000", "60,000"]);
  // The longest bar (No Finding, 60,361) fills the track; Hernia (227) is in proportion to it.
  const width = async (label: string) =>
    (await page.locator(`#labels-chart [data-label="${label}"] [data-bar-fill]`).boundingBox())!.width;
  expect((await width("Hernia")) / (await width("No Finding"))).toBeCloseTo(227 / 60_361, 2);
  // The breakdowns too: labels per image, sex, age, view. Each chart prints what its table lists.
  const charts = await chartsAndTables(page);
  expect(charts.map((c) => c.title)).toEqual(
    expect.arrayContaining(["Label distribution", "Labels per image", "Sex", "Age (5-year groups)", "View position"]),
  );
  for (const chart of charts.filter((c) => c.title !== "Label distribution")) {
    expect(chart.bars.length).toBeGreaterThan(1);
    expect(chart.bars).toEqual(chart.rows);
  }
  // Every chart exports (CSV, SVG, PNG).
  expect(charts.filter((c) => !c.exports).map((c) => c.title)).toEqual([]);
  expect(charts.find((c) => c.title === "Sex")!.bars).toEqual([
    ["M", "63,340"],
    ["F", "48,780"],
  ]);
  // Nothing waits for chart code.
  await expect(page.locator("[data-chart-state]")).toHaveCount(0);
  await context.close();
});

test("a shared link's filters are applied by the server: the figures show before any script runs", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/datasets/nih-chestxray14?sex=F");
  // The 48,780 images of women (the unfiltered sex chart's F bar), and every chart drawn from them.
  await expect(page.getByTestId("filter-status")).toHaveText("Showing 48,780 of 112,120 images: sex F.");
  const charts = await chartsAndTables(page);
  expect(charts.find((c) => c.title === "Sex")!.bars).toContainEqual(["F", "48,780"]);
  const perImage = charts.find((c) => c.title === "Labels per image")!;
  const sum = perImage.bars.reduce((n, [, value]) => n + Number(value!.replace(/,/g, "")), 0);
  expect(sum).toBe(48_780);
  await context.close();
});

test("once scripts run, the charts are the same and nothing jumps", async ({ page }) => {
  await collectLayoutShifts(page);
  await page.goto("/datasets/nih-chestxray14");
  await page.waitForLoadState("networkidle");
  const charts = await chartsAndTables(page);
  expect(charts.length).toBeGreaterThanOrEqual(5);
  for (const chart of charts.filter((c) => c.title !== "Label distribution")) expect(chart.bars).toEqual(chart.rows);
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
  expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
});
