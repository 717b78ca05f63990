/** @jest-environment node */
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createPageCache, isCacheablePage, keptPage, nonceOf, pageCacheKey } from "@/lib/server/page-cache";
import { newNonce, securityHeadersFor } from "@/lib/share/security-headers";

const request = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  ({ url, method, headers }) as unknown as IncomingMessage;

/** Renders as Next does behind proxy.ts: a fresh nonce in the CSP and on every script. */
function fakeNext(renders: string[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const nonce = newNonce();
    renders.push(req.url!);
    const path = req.url!.split("?")[0]!;
    for (const [name, value] of Object.entries(securityHeadersFor(path, nonce))) if (value) res.setHeader(name, value);
    if (path === "/missing") {
      res.statusCode = 404;
      return res.end("<html>not found</html>");
    }
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    if (path === "/cookie") res.setHeader("Set-Cookie", "a=1");
    res.write(`<html><script nonce="${nonce}">self.x=1</script><p>${req.url} é</p>`);
    res.end(`<script nonce="${nonce}">self.y=["${nonce}"]</script></html>`);
  };
}

describe("page cache", () => {
  let server: Server;
  let base = "";
  const renders: string[] = [];
  beforeAll(async () => {
    const cache = createPageCache({ maxPages: 10 });
    const render = fakeNext(renders);
    server = createServer((req, res) => void cache.handle(req, res, () => render(req, res)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
  const scriptNonces = (html: string) => [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);

  it("renders a page once, then serves it with a fresh nonce that the CSP names", async () => {
    const first = await get("/datasets/x?sex=F");
    const second = await get("/datasets/x?sex=F");
    expect([first.headers.get("x-page-cache"), second.headers.get("x-page-cache")]).toEqual(["miss", "hit"]);
    expect(renders.filter((u) => u === "/datasets/x?sex=F")).toHaveLength(1);
    const [a, b] = [await first.text(), await second.text()];
    const [nonceA, nonceB] = [
      nonceOf(first.headers.get("content-security-policy")!),
      nonceOf(second.headers.get("content-security-policy")!),
    ];
    expect(nonceB).not.toBe(nonceA);
    expect(scriptNonces(b)).toEqual([nonceB, nonceB]);
    expect(b).toContain(`self.y=["${nonceB}"]`);
    expect(b.replaceAll(nonceB!, "N")).toBe(a.replaceAll(nonceA!, "N"));
    expect(b).toContain("<p>/datasets/x?sex=F é</p>");
    expect(second.headers.get("x-frame-options")).toBe("DENY");
  });

  it("compresses a kept page as the client accepts: gzip compressed once with the nonce spliced in, else brotli, else plain", async () => {
    await get("/compressed");
    // node:http, not fetch: fetch would undo the compression this test looks at.
    const raw = (path: string, encoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        httpGet(`${base}${path}`, { headers: { "accept-encoding": encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
        }).on("error", reject);
      });
    const gz = await raw("/compressed", "gzip, deflate, br");
    const again = await raw("/compressed", "gzip");
    const br = await raw("/compressed", "br");
    const plain = await raw("/compressed", "identity");
    expect([gz.encoding, again.encoding, br.encoding, plain.encoding]).toEqual(["gzip", "gzip", "br", undefined]);
    const pages = [gunzipSync(gz.body), gunzipSync(again.body), brotliDecompressSync(br.body), plain.body].map(String);
    for (const html of pages) expect(html).toContain("<p>/compressed é</p>");
    // Each response carries its own nonce, in the gzip body as in the others.
    const nonces = pages.map((html) => scriptNonces(html)[0]);
    expect(new Set(nonces).size).toBe(4);
    for (const html of pages) expect(scriptNonces(html)).toEqual([scriptNonces(html)[0], scriptNonces(html)[0]]);
  });

  it("embed pages keep the CSP that lets other sites frame them", async () => {
    await get("/embed/datasets/x");
    const hit = await get("/embed/datasets/x");
    expect(hit.headers.get("x-page-cache")).toBe("hit");
    expect(hit.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(hit.headers.get("x-frame-options")).toBeNull();
  });

  it("never keeps errors, pages that set cookies, or navigation payloads", async () => {
    for (const path of ["/missing", "/cookie"]) {
      await get(path);
      expect((await get(path)).headers.get("x-page-cache")).toBe("miss");
    }
    await get("/datasets/y", { rsc: "1" });
    expect((await get("/datasets/y", { rsc: "1" })).headers.get("x-page-cache")).toBeNull();
    expect(renders.filter((u) => u === "/datasets/y")).toHaveLength(2);
  });

  it("keys pages by URL and by the address they were asked at", async () => {
    expect(pageCacheKey(request("/a", { host: "x:1" }))).not.toBe(pageCacheKey(request("/a", { host: "y:1" })));
    expect(pageCacheKey(request("/a", { host: "x" }))).not.toBe(
      pageCacheKey(request("/a", { host: "x", "x-forwarded-host": "atlas.example.org" })),
    );
    expect(pageCacheKey(request("/a?q=1", { host: "x" }))).not.toBe(pageCacheKey(request("/a?q=2", { host: "x" })));
  });

  it("keeps only full-page GETs", () => {
    expect(isCacheablePage(request("/datasets/x?sex=F"))).toBe(true);
    expect(isCacheablePage(request("/", {}, "POST"))).toBe(false);
    expect(isCacheablePage(request("/api/datasets"))).toBe(false);
    expect(isCacheablePage(request("/_next/static/chunks/a.js"))).toBe(false);
    expect(isCacheablePage(request("/datasets/x?_rsc=abc"))).toBe(false);
    expect(isCacheablePage(request("/datasets/x", { "next-router-prefetch": "1" }))).toBe(false);
  });

  it("keeps nothing without the nonce it must replace", () => {
    expect(keptPage(200, { "content-type": "text/html" }, "<html></html>")).toBeNull();
    expect(nonceOf("script-src 'self' 'nonce-abc+/=' 'strict-dynamic'")).toBe("abc+/=");
  });
});
