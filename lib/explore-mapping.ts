import type { ColumnMapping } from "@/lib/roles";
import { NONE, type ExploreParams } from "@/lib/search-params";

const ROLE_KEYS = [
  ["image", "img"],
  ["patient", "pat"],
  ["sex", "sex"],
  ["age", "age"],
  ["view", "view"],
  ["split", "split"],
] as const;

/**
 * The inferred mapping with the URL's choices on top. A choice naming a column this file does not
 * have is ignored, so a link made for another file falls back to what was detected.
 */
export function applyMappingParams(inferred: ColumnMapping, params: ExploreParams, header: string[]): ColumnMapping {
  const has = (c: string) => header.includes(c);
  const mapping: ColumnMapping = { ...inferred };
  for (const [role, key] of ROLE_KEYS) {
    const v = params[key];
    if (v === NONE) mapping[role] = null;
    else if (v && has(v)) mapping[role] = v;
  }
  if (params.enc) mapping.encoding = params.enc;
  if (params.lab && params.lab.length > 0 && params.lab.every(has)) mapping.labels = params.lab;
  if (params.sep) mapping.separator = params.sep;
  if (params.rpi) mapping.rowsPerImage = params.rpi === "yes";
  if (params.nf === NONE) mapping.noFinding = null;
  else if (params.nf) mapping.noFinding = params.nf;
  return mapping;
}

/** URL params that record a mapping change; values equal to the inferred ones are left out. */
export function toMappingParams(next: ColumnMapping, inferred: ColumnMapping): Partial<ExploreParams> {
  const role = (v: string | null, was: string | null) => (v === was ? null : (v ?? NONE));
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return {
    img: role(next.image, inferred.image),
    pat: role(next.patient, inferred.patient),
    sex: role(next.sex, inferred.sex),
    age: role(next.age, inferred.age),
    view: role(next.view, inferred.view),
    split: role(next.split, inferred.split),
    enc: next.encoding === inferred.encoding ? null : next.encoding,
    lab: same(next.labels, inferred.labels) ? null : next.labels,
    sep: next.separator === inferred.separator ? null : next.separator,
    rpi: next.rowsPerImage === inferred.rowsPerImage ? null : next.rowsPerImage ? "yes" : "no",
    nf: role(next.noFinding, inferred.noFinding),
  };
}
