/** @jest-environment node */
import { previewMetadata } from "@/lib/share/preview-metadata";
import { FALLBACK_SITE_URL, resolveSiteUrl, toValidHost } from "@/lib/share/site";

const headers = (h: Record<string, string>) => new Headers(h);

describe("toValidHost", () => {
  it.each([
    ["labelatlas.example", "labelatlas.example"],
    ["127.0.0.1:3100", "127.0.0.1:3100"],
    ["LOCALHOST:8080", "localhost:8080"],
    ["[::1]:3000", "[::1]:3000"],
    ["atlas.example.org, proxy.internal", "atlas.example.org"],
    [" atlas.example.org ", "atlas.example.org"],
  ])("accepts %j as %j", (value, host) => {
    expect(toValidHost(value)).toBe(host);
  });

  it.each([
    "",
    "evil.example/path",
    'evil.example"><script>alert(1)</script>',
    "user@evil.example",
    "evil.example:99999",
    "evil.example:0",
    "evil.example:",
    "-evil.example",
    "evil..example",
    "http://evil.example",
    "a b",
    `${"a".repeat(64)}.example`,
  ])("rejects %j", (value) => {
    expect(toValidHost(value)).toBeNull();
  });
});

describe("resolveSiteUrl", () => {
  it("uses SITE_URL whenever it is set, whatever the request says", () => {
    expect(
      resolveSiteUrl(
        "https://labelatlas.example/",
        headers({ host: "127.0.0.1:3100", "x-forwarded-host": "a.example" }),
      ),
    ).toBe("https://labelatlas.example");
  });

  it("uses the Host header, with its port, when SITE_URL is unset", () => {
    expect(resolveSiteUrl(undefined, headers({ host: "127.0.0.1:3100" }))).toBe("http://127.0.0.1:3100");
    expect(resolveSiteUrl("", headers({ host: "127.0.0.1:3100" }))).toBe("http://127.0.0.1:3100");
  });

  it("prefers the proxy's X-Forwarded-Host and -Proto", () => {
    expect(
      resolveSiteUrl(
        undefined,
        headers({ host: "127.0.0.1:3100", "x-forwarded-host": "atlas.example.org", "x-forwarded-proto": "https" }),
      ),
    ).toBe("https://atlas.example.org");
  });

  it("ignores a forwarded protocol other than http or https", () => {
    expect(resolveSiteUrl(undefined, headers({ host: "a.example", "x-forwarded-proto": "javascript" }))).toBe(
      "http://a.example",
    );
  });

  it("falls back to the Host header when X-Forwarded-Host is not a host", () => {
    expect(
      resolveSiteUrl(undefined, headers({ host: "127.0.0.1:3100", "x-forwarded-host": "evil.example/<script>" })),
    ).toBe("http://127.0.0.1:3100");
  });

  it("falls back to the default address when no header is a host, or there is no request", () => {
    expect(resolveSiteUrl(undefined, headers({ host: "evil example", "x-forwarded-host": "x/y" }))).toBe(
      FALLBACK_SITE_URL,
    );
    expect(resolveSiteUrl(undefined, headers({}))).toBe(FALLBACK_SITE_URL);
    expect(resolveSiteUrl(undefined, null)).toBe(FALLBACK_SITE_URL);
  });
});

describe("previewMetadata", () => {
  it("makes the Open Graph and Twitter images absolute on the given site", () => {
    const meta = previewMetadata("NIH", "d", "/api/og?id=nih-chestxray14&sex=F", "http://127.0.0.1:3100");
    expect(meta.openGraph?.images).toEqual([
      {
        url: "http://127.0.0.1:3100/api/og?id=nih-chestxray14&sex=F",
        width: 1200,
        height: 630,
        alt: "NIH: label chart",
      },
    ]);
    expect(meta.twitter?.images).toEqual(["http://127.0.0.1:3100/api/og?id=nih-chestxray14&sex=F"]);
  });
});
