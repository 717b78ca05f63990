/** @jest-environment node */
import { LruCache } from "@/lib/lru";
import { cachedPreviewImage, etagMatches, previewEtag } from "@/lib/share/og-cache";

const preview = {
  title: "NIH ChestX-ray14",
  subtitle: "112,120 images",
  bars: [{ label: "Effusion", value: 13317, text: "13,317" }],
};

describe("link-preview cache", () => {
  it("keys a preview by what it shows: equal figures share an ETag, any change makes a new one", () => {
    expect(previewEtag(structuredClone(preview))).toBe(previewEtag(preview));
    expect(previewEtag(preview)).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const changed = { ...preview, bars: [{ ...preview.bars[0]!, value: 13318 }] };
    expect(previewEtag(changed)).not.toBe(previewEtag(preview));
    expect(previewEtag({ ...preview, subtitle: "Sex: F" })).not.toBe(previewEtag(preview));
  });

  it("matches If-None-Match as HTTP does: lists, weak validators and *", () => {
    const etag = previewEtag(preview);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"other", W/${etag}`, etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
    expect(etagMatches(null, etag)).toBe(false);
  });

  it("draws an image once, then serves the kept bytes", async () => {
    let draws = 0;
    const draw = async () => {
      draws += 1;
      return new Uint8Array([draws]).buffer;
    };
    const etag = previewEtag({ ...preview, title: "drawn once" });
    const first = await cachedPreviewImage(etag, draw);
    const second = await cachedPreviewImage(etag, draw);
    expect([first.hit, second.hit, draws]).toEqual([false, true, 1]);
    expect([...second.png]).toEqual([1]);
  });

  it("forgets the least recently used entry first", () => {
    const lru = new LruCache<number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect([lru.get("a"), lru.get("b"), lru.get("c"), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});
