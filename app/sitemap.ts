import type { MetadataRoute } from "next";
import { loadCatalog } from "@/lib/data";
import { siteUrl } from "@/lib/share/site";

export default function sitemap(): MetadataRoute.Sitemap {
  const base = siteUrl();
  return [
    { url: `${base}/` },
    { url: `${base}/compare` },
    { url: `${base}/explore` },
    ...loadCatalog().map((d) => ({ url: `${base}/datasets/${d.id}` })),
  ];
}
