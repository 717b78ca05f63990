import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectNoAxeViolations, expectNoPageOverflow, watchErrors } from "./helpers";

const rowCount = (page: import("@playwright/test").Page) => page.getByTestId("row-count");

test("filters, sorts and searches, and a pasted link restores the same view", async ({ page, browser }) => {
  const errors = watchErrors(page);
  await page.goto("/");
  await expect(rowCount(page)).toHaveText(/^(\d+) of \1 datasets$/);

  await page.getByRole("link", { name: /^X-Ray \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/\?m=x-ray$/);
  await page.getByRole("searchbox").fill("chest");
  await page.locator("summary", { hasText: "Access" }).click();
  await page.getByRole("checkbox", { name: "open" }).check();
  await page.getByRole("button", { name: /^Size/ }).click();
  await expect(page).toHaveURL(/q=chest/);
  await expect(page).toHaveURL(/access=open/);
  await expect(page).toHaveURL(/sort=size\.desc/);

  const count = await rowCount(page).textContent();
  const titles = await page.locator("tbody tr:visible td:nth-child(2)").allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  expect(titles).toContain("NIH ChestX-ray14");

  const fresh = await browser.newPage();
  await fresh.goto(page.url());
  await expect(rowCount(fresh)).toHaveText(count!);
  await expect(fresh.locator("tbody tr:visible td:nth-child(2)")).toHaveText(titles);
  await expect(fresh.getByRole("searchbox")).toHaveValue("chest");
  await expect(fresh.getByRole("link", { name: /^X-Ray/ })).toHaveAttribute("aria-current", "page");
  await fresh.close();
  expect(errors).toEqual([]);
});

test("back and forward step through section and sort changes", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /^MRI \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/\?m=mri$/);
  await page
    .getByRole("button", { name: /^Year/ })
    .or(page.getByRole("button", { name: /^Size/ }))
    .first()
    .click();
  await expect(page).toHaveURL(/sort=/);
  await page.goBack();
  await expect(page).toHaveURL(/\?m=mri$/);
  await expect(page.getByRole("link", { name: /^MRI/ })).toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: /^All/ })).toHaveAttribute("aria-current", "page");
  await page.goForward();
  await expect(page.getByRole("link", { name: /^MRI/ })).toHaveAttribute("aria-current", "page");
});

test("malformed params fall back to defaults instead of an error page", async ({ page }) => {
  const response = await page.goto("/?sort=drop.table&m=nowhere&min=abc&cols=secret&task=%E0%A4%A");
  expect(response?.status()).toBe(200);
  await expect(rowCount(page)).toHaveText(/^(\d+) of \1 datasets$/);
  await expect(page.getByRole("columnheader", { name: /Title/ })).toHaveAttribute("aria-sort", "ascending");
});

test("exports the filtered catalog as CSV with formula cells neutralised", async ({ page }) => {
  await page.goto("/?m=mri");
  const shown = Number((await rowCount(page).textContent())!.split(" ")[0]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Download CSV/ }).click(),
  ]);
  const text = readFileSync((await download.path())!, "utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toMatch(/^id,title,modality,/);
  expect(lines).toHaveLength(shown + 1);
  expect(lines.slice(1).every((l) => l.includes(",MRI,"))).toBe(true);
});

test("a dataset page shows its card, lineage and sources", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "NIH ChestX-ray14", exact: true }).click();
  await expect(page).toHaveURL(/\/datasets\/nih-chestxray14$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("NIH ChestX-ray14");
  await expect(page.getByRole("definition").filter({ hasText: "112,120 images" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ChestMNIST" })).toHaveAttribute("href", "/datasets/chestmnist");
  await expect(page.getByRole("link", { name: "Official page" }).first()).toHaveAttribute("href", /^https:\/\//);
});

test("an unknown dataset id gives a 404 page that links back", async ({ page }) => {
  const errors = watchErrors(page);
  const response = await page.goto("/datasets/no-such-dataset");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Dataset not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the catalog" }).click();
  await expect(page).toHaveURL(/\/$/);
  // The 404 status of the page itself is logged by Chromium; nothing else may be (e.g. a CSP block).
  expect(errors.filter((e) => !e.includes("status of 404"))).toEqual([]);
});

test("every response carries strict security headers", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("script-src 'self' 'nonce-");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("a page served again from the page cache gets a fresh nonce, passes its CSP and works", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      ((window as unknown as { __csp: string[] }).__csp ??= []).push(e.violatedDirective),
    ),
  );
  page.on("console", (m) => m.type() === "error" && violations.push(m.text()));
  const url = "/datasets/rsna-pneumonia?metric=percent";
  const first = await page.goto(url);
  const second = await page.goto(url);
  expect(second!.headers()["x-page-cache"]).toBe("hit");
  // The browser asks for gzip: the body compressed once, with this response's nonce spliced in.
  expect(second!.headers()["content-encoding"]).toBe("gzip");
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1];
  const nonce = nonceOf(second!.headers()["content-security-policy"]!);
  expect(nonce).not.toBe(nonceOf(first!.headers()["content-security-policy"]!));
  // Every script the HTML names carries the new nonce (the browser hides it from getAttribute, not from .nonce).
  const nonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce).filter(Boolean));
  expect(nonces.length).toBeGreaterThan(3);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
  // Hydrated: a control changes the URL.
  await page.getByRole("radio", { name: "Counts" }).check({ force: true });
  await expect(page).not.toHaveURL(/metric=/);
  expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
  expect(violations).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`catalog and dataset pages have no axe violations (${colorScheme})`, async ({ page }) => {
    // A full axe scan (WCAG and best practice) per page: over a minute in all on a busy 2-core machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    await expect(rowCount(page)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/datasets/nih-chestxray14");
    await expectNoAxeViolations(page);
    await page.goto("/datasets/no-such-dataset");
    await expectNoAxeViolations(page);
    await page.goto("/no-such-page");
    await expectNoAxeViolations(page);
  });
}

test("the catalog is usable on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/");
  await expectNoPageOverflow(page);
  await page.getByRole("searchbox").fill("brain");
  await expect(rowCount(page)).toHaveText(/^\d+ of \d+ datasets$/);
  await page.goto("/datasets/nih-chestxray14");
  await page.locator("#labels-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("[data-bar]").first()).toBeVisible();
  await expectNoPageOverflow(page);
});

test("the catalog can be used with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox").focus();
  await page.keyboard.type("ultrasound");
  await expect(rowCount(page)).not.toHaveText(/^(\d+) of \1 datasets$/);
  await expect(page).toHaveURL(/q=ultrasound/);
  // Tab to the first sortable header button and press Enter.
  const sizeButton = page.getByRole("button", { name: /^Size/ });
  await sizeButton.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=size\.desc/);
  const firstLink = page.locator("tbody tr:visible").first().getByRole("link").first();
  await firstLink.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/datasets\//);
});

test("columns keep their widths while a search narrows the rows", async ({ page }) => {
  await page.goto("/");
  const widths = () =>
    page.locator("thead th").evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));
  const before = await widths();
  await page.getByRole("searchbox").fill("brain");
  await expect(page.getByTestId("row-count")).toContainText("11 of 78 datasets");
  expect(await widths()).toEqual(before);
  await page.getByRole("searchbox").fill("ultrasound breast");
  await expect(page.locator("tbody tr:visible")).not.toHaveCount(0);
  expect(await widths()).toEqual(before);
});
