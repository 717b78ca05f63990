import type { MetadataRoute } from "next";
import { loadCatalog } from "@/lib/data";
import { loadFindings } from "@/lib/findings/request";
import { siteUrl } from "@/lib/share/site";

export default function sitemap(): MetadataRoute.Sitemap {
  const base = siteUrl();
  return [
    { url: `${base}/` },
    { url: `${base}/compare` },
    { url: `${base}/explore` },
    ...loadCatalog().map((d) => ({ url: `${base}/datasets/${d.id}` })),
    { url: `${base}/findings` },
    ...loadFindings().findings.map((f) => ({ url: `${base}/findings/${f.id}` })),
  ];
}
