import type { LabelSummary } from "@/lib/summary/model";

/** The public page a summary's metadata file was published at, if it is an http(s) address (never another scheme). */
export function publicSourceUrl(summary: LabelSummary): string | null {
  const url = summary.provenance.sourceUrl;
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}
