import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Papa from "papaparse";
import { expectNoAxeViolations } from "./helpers";

const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

async function labelTable(page: Page): Promise<string[][]> {
  await page.getByText("Show the figures as a table").first().click();
  return page
    .getByTestId("label-table")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())));
}

test("Copy link copies exactly the view on screen; a new context restores it", async ({ browser, browserName }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto("/datasets/nih-chestxray14?sex=M&view=AP&metric=percent");
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Link copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  const status = await page.getByTestId("filter-status").textContent();
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(copied);
  await expect(fresh.getByTestId("filter-status")).toHaveText(status!);
  await expect(fresh.getByRole("radio", { name: "Percent" })).toBeChecked();
  await context.close();
  await other.close();
  expect(browserName).toBe("chromium");
});

test("the link preview is a 1200×630 PNG whose chart follows the URL's filters", async ({ page, request }) => {
  await page.goto("/datasets/nih-chestxray14?sex=F&inc=Effusion");
  const og = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(og).toMatch(/\/api\/og\?id=nih-chestxray14&.*sex=F/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const filtered = await request.get(new URL(og!).pathname + new URL(og!).search);
  expect(filtered.headers()["content-type"]).toBe("image/png");
  const a = await filtered.body();
  expect(pngSize(a)).toEqual({ width: 1200, height: 630 });
  const b = await (await request.get("/api/og?id=nih-chestxray14")).body();
  expect(pngSize(b)).toEqual({ width: 1200, height: 630 });
  expect(a.equals(b)).toBe(false);
});

test("a link preview is drawn once: served again from the cache, and revalidated by its ETag", async ({ request }) => {
  // A view no other test asks for: on a fresh server the first request draws it (a rerun finds it kept).
  const url = "/api/og?id=nih-chestxray14&sex=M&view=AP";
  const first = await request.get(url);
  expect(["miss", "hit"]).toContain(first.headers()["x-preview-cache"]);
  const etag = first.headers()["etag"]!;
  expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  expect(first.headers()["cache-control"]).toContain("must-revalidate");
  const second = await request.get(url);
  expect(second.headers()["x-preview-cache"]).toBe("hit");
  expect((await second.body()).equals(await first.body())).toBe(true);
  const revalidated = await request.get(url, { headers: { "If-None-Match": etag } });
  expect(revalidated.status()).toBe(304);
  expect(await revalidated.body()).toHaveLength(0);
  const other = await request.get("/api/og?id=nih-chestxray14&sex=M&view=PA", { headers: { "If-None-Match": etag } });
  expect(other.status()).toBe(200);
});

/** The content of a <meta> tag in server-rendered HTML, by its property or name. */
function metaContent(html: string, key: string): string | undefined {
  const tag = html.match(new RegExp(`<meta[^>]+(?:property|name)="${key}"[^>]*>`))?.[0];
  return tag?.match(/content="([^"]*)"/)?.[1]?.replaceAll("&amp;", "&");
}

test("link previews, sitemap and robots point at the host that served them", async ({ page, request, baseURL }) => {
  // The suite runs the app on its own port (3100 in CI): previews must name that origin, not localhost:3000.
  const origin = new URL(baseURL!).origin;
  await page.goto("/datasets/nih-chestxray14?sex=F");
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    `${origin}/api/og?id=nih-chestxray14&sex=F`,
  );
  await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute(
    "content",
    `${origin}/api/og?id=nih-chestxray14&sex=F`,
  );
  await page.goto("/compare?ids=nih-chestxray14,shenzhen-cxr");
  const compareImage = new URL((await page.locator('meta[property="og:image"]').getAttribute("content"))!);
  expect(compareImage.origin).toBe(origin);
  expect(compareImage.searchParams.get("ids")).toBe("nih-chestxray14,shenzhen-cxr");

  // Behind a proxy the forwarded host and protocol win.
  const proxied = { "X-Forwarded-Host": "atlas.example.org", "X-Forwarded-Proto": "https" };
  const html = await (await request.get("/datasets/rsna-pneumonia", { headers: proxied })).text();
  expect(metaContent(html, "og:image")).toBe("https://atlas.example.org/api/og?id=rsna-pneumonia");
  expect(metaContent(html, "twitter:image")).toBe("https://atlas.example.org/api/og?id=rsna-pneumonia");
  const sitemap = await (await request.get("/sitemap.xml", { headers: proxied })).text();
  expect(sitemap).toContain("<loc>https://atlas.example.org/datasets/nih-chestxray14</loc>");
  const robots = await (await request.get("/robots.txt", { headers: proxied })).text();
  expect(robots).toContain("Sitemap: https://atlas.example.org/sitemap.xml");

  // A forwarded "host" that is not one is never echoed: the real Host header is used instead.
  const forged = await (
    await request.get("/datasets/rsna-pneumonia", { headers: { "X-Forwarded-Host": 'evil.example/"><b>x</b>' } })
  ).text();
  expect(metaContent(forged, "og:image")).toBe(`${origin}/api/og?id=rsna-pneumonia`);
  expect(forged).not.toContain("evil.example");
});

test("the embed view renders inside an iframe on another origin; full pages refuse to be framed", async ({
  page,
  baseURL,
}) => {
  // A second local site, on its own port (another origin), that embeds the charts.
  const host = createServer((_, res) => {
    res.setHeader("Content-Type", "text/html");
    res.end(
      `<!doctype html><title>blog</title><iframe id="embed" src="${baseURL}/embed/datasets/nih-chestxray14?sex=F" width="800" height="600"></iframe>` +
        `<iframe id="full" src="${baseURL}/datasets/nih-chestxray14" width="800" height="300"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/post`);
    const embed = page.frameLocator("#embed");
    await expect(embed.getByRole("heading", { name: "NIH ChestX-ray14: labels (sex F)" })).toBeVisible();
    await expect(embed.locator("[data-bar]").first()).toBeVisible();
    await expect(embed.getByRole("link", { name: "Open in Label Atlas" })).toHaveAttribute(
      "href",
      /\/datasets\/nih-chestxray14\?sex=F/,
    );
    // The full page forbids framing (frame-ancestors 'none'): the browser shows an error page instead.
    await expect(page.frameLocator("#full").getByRole("heading", { name: "NIH ChestX-ray14" })).toHaveCount(0);
    const full = page.frames().find((f) => f !== page.mainFrame() && !f.url().includes("/embed/"));
    expect(full?.url()).not.toContain("/datasets/");
  } finally {
    host.close();
  }
});

test("the Embed button gives an iframe snippet for the current view", async ({ page }) => {
  await page.goto("/datasets/nih-chestxray14?split=test");
  await page.locator("summary", { hasText: "Embed" }).click();
  await expect(page.getByLabel("Paste this into a web page to show this chart")).toHaveValue(
    /^<iframe src="http:\/\/[^"]+\/embed\/datasets\/nih-chestxray14\?split=test" width="800" height="560"/,
  );
});

test("the label chart's CSV export equals its table twin, with title, filters and source", async ({ page }) => {
  await page.goto("/datasets/nih-chestxray14?sex=F");
  const table = await labelTable(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("group", { name: "Export this chart" }).first().getByRole("button", { name: "CSV" }).click(),
  ]);
  const rows = Papa.parse<string[]>(readFileSync((await download.path())!, "utf8").trim()).data;
  expect(rows[0]).toEqual(["NIH ChestX-ray14: label distribution"]);
  expect(rows[1]).toEqual(["Filters: sex F"]);
  expect(rows[2]![0]).toMatch(/^Source: Data_Entry_2017_v2020.csv, 112120 rows/);
  const figures = rows
    .slice(5)
    .map((r) => [r[0], Number(r[1]).toLocaleString("en-US"), `${Number(r[2]).toFixed(1)} %`]);
  expect(figures).toEqual(table.map((r) => r.slice(0, 3)));
});

test("SVG and PNG exports carry the chart and its title", async ({ page }) => {
  await page.goto("/datasets/nih-chestxray14");
  await page.locator("#labels-chart").scrollIntoViewIfNeeded();
  await expect(page.locator("#labels-chart [data-bar]").first()).toBeVisible({ timeout: 20_000 });
  const group = page.getByRole("group", { name: "Export this chart" }).first();
  const [svg] = await Promise.all([page.waitForEvent("download"), group.getByRole("button", { name: "SVG" }).click()]);
  const text = readFileSync((await svg.path())!, "utf8");
  expect(text).toContain("NIH ChestX-ray14: label distribution");
  // The HTML label chart drawn again as SVG: 15 bars, each label and value as the page shows them.
  expect(text.match(/<rect class="bar"/g)).toHaveLength(15);
  expect(text).toContain(">No Finding</text>");
  expect(text).toContain(">60,361</text>");
  expect(text).not.toContain("var(--");
  const [png] = await Promise.all([page.waitForEvent("download"), group.getByRole("button", { name: "PNG" }).click()]);
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
});

test("the API gives the page's figures, as JSON and CSV, open to other origins", async ({ page, request }) => {
  const api = await request.get("/api/datasets/nih-chestxray14?sex=F&view=PA");
  expect(api.headers()["access-control-allow-origin"]).toBe("*");
  const body = await api.json();
  await page.goto("/datasets/nih-chestxray14?sex=F&view=PA");
  await expect(page.getByTestId("filter-status")).toHaveText(
    `Showing ${body.figures.images.toLocaleString("en-US")} of 112,120 images: sex F, view PA.`,
  );
  const table = await labelTable(page);
  const fromApi = [...body.figures.labels]
    .sort((a: { images: number }, b: { images: number }) => b.images - a.images)
    .map((l: { label: string; images: number }) => [l.label, l.images.toLocaleString("en-US")]);
  expect(fromApi).toEqual(table.map((r) => r.slice(0, 2)));

  const csv = await (await request.get("/api/datasets/nih-chestxray14?format=csv&sex=F&view=PA")).text();
  expect(csv.split("\r\n")[0]).toBe("label,images,patients,share");
  const catalog = await (await request.get("/api/datasets")).json();
  expect(catalog.count).toBeGreaterThanOrEqual(60);
});

test("the API answers unknown ids with 404 and bad params with 400 naming the param", async ({ request }) => {
  const missing = await request.get("/api/datasets/no-such-set");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ error: 'no dataset with id "no-such-set"' });
  const bad = await request.get("/api/datasets/nih-chestxray14?sex=Q");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe('parameter "sex": "Q" is not one of M, F');
  const badCompare = await request.get("/api/compare?ids=nih-chestxray14&level=planets");
  expect(badCompare.status()).toBe(400);
  expect((await badCompare.json()).error).toBe('parameter "level": "planets" is not a valid value');
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`embed views have no axe violations (${colorScheme})`, async ({ page }) => {
    // A full axe scan (WCAG and best practice) per page: over a minute in all on a busy 2-core machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    for (const url of [
      "/embed/datasets/nih-chestxray14?sex=F",
      "/embed/datasets/busi",
      "/embed/datasets/adni",
      "/embed/compare?ids=nih-chestxray14,shenzhen-cxr",
    ]) {
      await page.goto(url);
      await expectNoAxeViolations(page);
    }
  });
}
