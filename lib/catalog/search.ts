import type { Dataset } from "@/lib/catalog/schema";

/**
 * Text the search box looks through: title, description, keywords and labels, and the words for the
 * findings the dataset labels (lib/findings findingSearchTerms), so "pneumothorax" finds it too.
 */
export function toSearchText(d: Dataset, findingTerms = ""): string {
  return [d.title, d.description, d.keywords.join(" "), d.labels.join(" "), findingTerms].join(" ").toLowerCase();
}

/** Every whitespace-separated term of the query must occur somewhere in the text. */
export function matchesQuery(searchText: string, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return terms.every((t) => searchText.includes(t));
}
