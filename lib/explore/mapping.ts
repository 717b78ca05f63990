import type { ColumnMapping } from "@/lib/metadata/roles";
import { NONE, type ExploreParams } from "@/lib/search-params";

const ROLE_KEYS = [
  ["image", "cimg"],
  ["patient", "cpat"],
  ["sex", "csex"],
  ["age", "cage"],
  ["view", "cview"],
  ["split", "csplit"],
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
  if (params.cenc) mapping.encoding = params.cenc;
  if (params.clab && params.clab.length > 0 && params.clab.every(has)) mapping.labels = params.clab;
  if (params.csep) mapping.separator = params.csep;
  if (params.crpi) mapping.rowsPerImage = params.crpi === "yes";
  if (params.cnf === NONE) mapping.noFinding = null;
  else if (params.cnf) mapping.noFinding = params.cnf;
  return mapping;
}

/** URL params that record a mapping change; values equal to the inferred ones are left out. */
export function toMappingParams(next: ColumnMapping, inferred: ColumnMapping): Partial<ExploreParams> {
  const role = (v: string | null, was: string | null) => (v === was ? null : (v ?? NONE));
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return {
    cimg: role(next.image, inferred.image),
    cpat: role(next.patient, inferred.patient),
    csex: role(next.sex, inferred.sex),
    cage: role(next.age, inferred.age),
    cview: role(next.view, inferred.view),
    csplit: role(next.split, inferred.split),
    cenc: next.encoding === inferred.encoding ? null : next.encoding,
    clab: same(next.labels, inferred.labels) ? null : next.labels,
    csep: next.separator === inferred.separator ? null : next.separator,
    crpi: next.rowsPerImage === inferred.rowsPerImage ? null : next.rowsPerImage ? "yes" : "no",
    cnf: role(next.noFinding, inferred.noFinding),
  };
}
