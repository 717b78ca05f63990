import { createHash } from "node:crypto";
import { LruCache } from "@/lib/lru";
import type { Preview } from "@/lib/share/og";

/**
 * Link-preview images are drawn once per distinct preview, not once per request. The key is the
 * preview's content (what the image shows), so two URLs that show the same figures share an entry,
 * and the strong ETag lets a client or CDN revalidate without the image being drawn or sent again.
 */

/** Raise when the drawing code changes, so that clients holding an old image fetch the new one. */
const DRAWING_VERSION = 1;
/** About 60 MB at the ~50 KB a preview PNG weighs. */
const MAX_ENTRIES = 1000;

export function previewEtag(preview: Preview): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([DRAWING_VERSION, preview.title, preview.subtitle, preview.bars]))
    .digest("base64url")
    .slice(0, 27);
  return `"${digest}"`;
}

/** Whether an If-None-Match header names this ETag (a list, a weak form, or `*`). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

const drawn = new LruCache<Uint8Array<ArrayBuffer>>(MAX_ENTRIES);

/** The preview's PNG: from the cache, or drawn by `draw` once and kept. */
export async function cachedPreviewImage(
  etag: string,
  draw: () => Promise<ArrayBuffer>,
): Promise<{ png: Uint8Array<ArrayBuffer>; hit: boolean }> {
  const kept = drawn.get(etag);
  if (kept) return { png: kept, hit: true };
  const png = new Uint8Array(await draw());
  drawn.set(etag, png);
  return { png, hit: false };
}
