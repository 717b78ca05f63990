/** Where absolute links point when neither SITE_URL nor a usable request host says otherwise. */
export const FALLBACK_SITE_URL = "http://localhost:3000";

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
// A DNS name or IPv4 address, or a bracketed IPv6 address, then an optional port: nothing else.
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?$`, "i");

interface HeaderSource {
  get(name: string): string | null;
}

/** The host[:port] if it is syntactically one, else null. Host headers come from the client: never echo anything else. */
export function toValidHost(value: string | null | undefined): string | null {
  const host = value?.split(",")[0]?.trim() ?? "";
  if (host.length === 0 || host.length > 261) return null;
  const match = HOST.exec(host);
  if (!match) return null;
  const port = match[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return host.toLowerCase();
}

/**
 * The public address of the site, for absolute links (link previews, sitemap, robots). SITE_URL wins when set;
 * otherwise the address the request came to (the proxy's X-Forwarded-Host/-Proto first, then Host), so previews
 * point at the host that served the page. Anything that is not a plain host[:port] falls back.
 */
export function resolveSiteUrl(siteUrl: string | undefined, headers: HeaderSource | null): string {
  const configured = siteUrl?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  if (!headers) return FALLBACK_SITE_URL;
  const host = toValidHost(headers.get("x-forwarded-host")) ?? toValidHost(headers.get("host"));
  if (!host) return FALLBACK_SITE_URL;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
