import type { MetadataRoute } from "next";
import { getSiteUrl } from "@/lib/share/request-site";

export default async function robots(): Promise<MetadataRoute.Robots> {
  return { rules: [{ userAgent: "*", allow: "/", disallow: ["/api/"] }], sitemap: `${await getSiteUrl()}/sitemap.xml` };
}
