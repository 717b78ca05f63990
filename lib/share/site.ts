/** The public address of the site, for absolute links (sitemap, link previews). Set SITE_URL in production. */
export function siteUrl(): string {
  return (process.env.SITE_URL ?? "http://localhost:3000").replace(/\/$/, "");
}
