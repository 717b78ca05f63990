import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const brotliAsync = promisify(brotliCompress);
import { LruCache } from "@/lib/lru";
import { prepareSplicedGzip, splicedGzip, type SplicedGzip } from "@/lib/server/gzip-splice";
import { newNonce, securityHeadersFor } from "@/lib/share/security-headers";

/**
 * Pages served from memory. Every page is rendered per request because its inline scripts carry a
 * fresh CSP nonce; but what a page shows depends only on its URL and the address it is served at
 * (the data ship with the build). So the first response for a URL is kept with its nonce cut out,
 * and every later one is the kept HTML with a fresh nonce put back, under a CSP naming that nonce:
 * the strict CSP holds, and no page is rendered twice.
 *
 * Kept: full-page GETs that came back 200 as HTML without cookies. Not kept: the RSC payloads of
 * client-side navigation, API routes, static files (Next serves those itself).
 */

interface Entry {
  /** The HTML split where the nonce was (bytes, so that a response is one copy, not a string rebuilt). */
  parts: Buffer[];
  headers: [string, string][];
  /** The parts compressed once, made on the first gzip response (lib/server/gzip-splice). */
  gzip?: Promise<SplicedGzip>;
}

/** Headers not replayed from the first response: per-response ones, and the security headers rebuilt for each. */
const NOT_REPLAYED = new Set([
  "content-security-policy",
  "x-frame-options",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "set-cookie",
]);

/** Requests whose answer is the same for everyone asking the same URL at the same address. */
export function isCacheablePage(req: IncomingMessage): boolean {
  const url = req.url ?? "/";
  if (req.method !== "GET") return false;
  if (url.startsWith("/_next/") || url.startsWith("/api/") || url.includes("_rsc=")) return false;
  // Client-side navigation asks for the RSC payload of a page, not its HTML.
  return !req.headers["rsc"] && !req.headers["next-router-prefetch"] && !req.headers["next-router-state-tree"];
}

/** The URL and every header a page reads (the address it is served at names its absolute links). */
export function pageCacheKey(req: IncomingMessage): string {
  const h = req.headers;
  return JSON.stringify([h.host ?? "", h["x-forwarded-host"] ?? "", h["x-forwarded-proto"] ?? "", req.url ?? "/"]);
}

/** The nonce of a CSP header: `'nonce-…'` in script-src. */
export function nonceOf(csp: string): string | null {
  return /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1] ?? null;
}

export function keptPage(status: number, headers: Record<string, unknown>, html: string): Entry | null {
  const contentType = String(headers["content-type"] ?? "");
  const nonce = nonceOf(String(headers["content-security-policy"] ?? ""));
  if (status !== 200 || !contentType.startsWith("text/html") || headers["set-cookie"] || !nonce) return null;
  const replayed = Object.entries(headers)
    .filter(([name, value]) => !NOT_REPLAYED.has(name.toLowerCase()) && value !== undefined)
    .map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(", ") : String(value)]);
  return { parts: html.split(nonce).map((part) => Buffer.from(part)), headers: replayed };
}

export interface PageCacheOptions {
  /** How many distinct pages to keep (each about 100–400 kB of HTML). */
  maxPages?: number;
  /** Pages above this many bytes are not kept. */
  maxPageBytes?: number;
}

export function createPageCache({ maxPages = 500, maxPageBytes = 2_000_000 }: PageCacheOptions = {}) {
  const pages = new LruCache<Entry>(maxPages);

  async function replay(entry: Entry, req: IncomingMessage, res: ServerResponse) {
    const nonce = newNonce();
    const nonceBytes = Buffer.from(nonce);
    const html = () => Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])));
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    const path = (req.url ?? "/").split("?")[0]!;
    for (const [name, value] of Object.entries(securityHeadersFor(path, nonce))) if (value) res.setHeader(name, value);
    res.setHeader("X-Page-Cache", "hit");
    const vary = String(res.getHeader("vary") ?? "");
    if (!/accept-encoding/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    // gzip: the parts were compressed once and the nonce goes in between them uncompressed, so a
    // response costs a CRC-32, not a compression. A client that takes brotli but not gzip gets
    // brotli at quality 1 (about 1 ms for 350 kB here), on zlib's thread pool.
    const accepts = String(req.headers["accept-encoding"] ?? "");
    const encoding = /\bgzip\b/.test(accepts) ? "gzip" : /\bbr\b/.test(accepts) ? "br" : null;
    let body: Buffer;
    if (encoding === "gzip") {
      // A failed compression is not kept: the next response tries again.
      entry.gzip ??= prepareSplicedGzip(entry.parts, nonceBytes.length).catch((error: unknown) => {
        entry.gzip = undefined;
        throw error;
      });
      body = splicedGzip(await entry.gzip, nonceBytes);
    } else if (encoding === "br") {
      body = await brotliAsync(html(), { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    } else {
      body = html();
    }
    if (encoding) res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", body.length);
    res.statusCode = 200;
    res.end(body);
  }

  /** Watches the response Next writes, and keeps it when it qualifies. */
  function record(key: string, req: IncomingMessage, res: ServerResponse) {
    // Uncompressed from Next, so that the nonce can be found in it; this one response goes out plain.
    delete req.headers["accept-encoding"];
    const chunks: Buffer[] = [];
    let bytes = 0;
    const toBuffer = (chunk: unknown, encoding?: unknown) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function" || bytes > maxPageBytes) return;
      const buffer = toBuffer(chunk, encoding);
      bytes += buffer.length;
      chunks.push(buffer);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      if (bytes <= maxPageBytes) {
        const entry = keptPage(res.statusCode, res.getHeaders(), Buffer.concat(chunks).toString("utf8"));
        if (entry) pages.set(key, entry);
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.setHeader("X-Page-Cache", "miss");
  }

  return {
    /** Serves the request from the cache, or hands it to `render` (Next) and keeps what comes back. */
    handle(req: IncomingMessage, res: ServerResponse, render: () => unknown) {
      if (!isCacheablePage(req)) return render();
      const key = pageCacheKey(req);
      const entry = pages.get(key);
      if (entry)
        return replay(entry, req, res).catch((error: unknown) => {
          // A page that cannot be replayed is rendered afresh rather than lost.
          console.error(`page cache: ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
          if (!res.headersSent) return render();
          res.destroy();
        });
      record(key, req, res);
      return render();
    },
  };
}
