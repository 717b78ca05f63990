import type { LabelFilters } from "@/lib/summary/view";

/** "with Effusion, sex F, age 20–44 years": the filters in words, for the page and link previews. */
export function describeFilters(f: LabelFilters, names?: Record<string, string>): string {
  const parts: string[] = [];
  if (f.include.length) parts.push(`with ${f.include.join(" and ")}`);
  if (f.exclude.length) parts.push(`without ${f.exclude.join(" or ")}`);
  if (f.sex.length) parts.push(`sex ${f.sex.join(" or ")}`);
  if (f.view.length) parts.push(`view ${f.view.join(" or ")}`);
  if (f.split.length) parts.push(`split ${f.split.join(" or ")}`);
  if (f.ageFrom !== null || f.ageTo !== null)
    parts.push(`age ${f.ageFrom ?? 0}–${f.ageTo === null ? "" : f.ageTo + 4} years`);
  for (const [key, values] of Object.entries(f.attributes))
    if (values.length) parts.push(`${names?.[key] ?? key} ${values.join(" or ")}`);
  return parts.join(", ");
}
