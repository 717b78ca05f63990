import type { MetadataRoute } from "next";
import { loadCatalog } from "@/lib/data";
import { getSiteUrl } from "@/lib/share/request-site";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = await getSiteUrl();
  return [
    { url: `${base}/` },
    { url: `${base}/compare` },
    { url: `${base}/explore` },
    ...loadCatalog().map((d) => ({ url: `${base}/datasets/${d.id}` })),
  ];
}
