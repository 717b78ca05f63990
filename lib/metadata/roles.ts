import type { LabelEncoding, MetadataSpec } from "@/lib/metadata/summarize";

/** What a user (or the URL) says about a file's columns; anything missing is inferred. */
export interface ColumnMapping {
  image: string | null;
  patient: string | null;
  sex: string | null;
  age: string | null;
  view: string | null;
  split: string | null;
  encoding: "delimited" | "binary" | "single";
  /** Delimited or single: the labels column. Binary: the 0/1 columns. */
  labels: string[];
  separator: string;
  rowsPerImage: boolean;
  noFinding: string | null;
}

const NAME = {
  image: /^(image|img|file|path|filename|image[ _]?(index|id|name)|study[ _]?id|dicom|patientid)$|image|path|file/i,
  patient: /patient|subject|participant|case[ _]?id|lesion[ _]?id/i,
  sex: /^(sex|gender|patient[ _]?(sex|gender))$/i,
  age: /(^|[ _])age($|[ _])|^patient[ _]?age$/i,
  view: /view|projection|position/i,
  split: /^(split|fold|subset|partition|set|dataset)$/i,
  labels: /label|finding|diagnos|^dx$|class|target|category|pathology/i,
};

/** The state of an image with no positive label in a 0/1 file that has no "no finding" column. */
export const NO_POSITIVE = "(no positive label)";

const BINARY_VALUES = new Set(["", "0", "1", "-1", "0.0", "1.0", "-1.0"]);
const SEPARATORS = ["|", ";"];

const distinct = (values: string[]) => new Set(values.map((v) => v.trim()));

/**
 * Guesses each column's role from the header and a sample of rows: names first, then values.
 * Every guess can be overridden; the result is a mapping a person can read and correct.
 */
export function inferMapping(header: string[], sample: string[][]): ColumnMapping {
  const column = (name: string) => {
    const i = header.indexOf(name);
    return sample.map((row) => row[i] ?? "");
  };
  const taken = new Set<string>();
  const pick = (test: (name: string) => boolean): string | null => {
    const found = header.find((h) => !taken.has(h) && test(h)) ?? null;
    if (found) taken.add(found);
    return found;
  };
  const byName = (re: RegExp) => pick((h) => re.test(h));

  const sex = pick(
    (h) =>
      NAME.sex.test(h) ||
      (/sex|gender/i.test(h) &&
        [...distinct(column(h))].every((v) => /^(m|f|male|female|o|other|u|unknown|)$/i.test(v))),
  );
  const age = byName(NAME.age);
  const view = byName(NAME.view);
  const split = pick(
    (h) =>
      NAME.split.test(h) ||
      [...distinct(column(h))].every((v) => /^(train|training|val|valid|validation|test|testing|dev)$/i.test(v)),
  );
  let patient = byName(NAME.patient);
  let image =
    pick((h) => NAME.image.test(h)) ??
    pick(
      (h) => sample.length > 1 && distinct(column(h)).size === sample.length && column(h).every((v) => v.trim() !== ""),
    );
  // A file with only a "patient" id (RSNA's patientId names images) counts what that id names.
  if (image === null && patient !== null) [image, patient] = [patient, null];

  // Labels: a named column with a separator inside, else several 0/1 columns, else one named column.
  const named = header.filter((h) => !taken.has(h) && NAME.labels.test(h));
  for (const h of named) {
    const values = column(h);
    const separator = SEPARATORS.find((s) => values.some((v) => v.includes(s)));
    if (separator && !values.every((v) => BINARY_VALUES.has(v.trim()))) {
      return finish({ encoding: "delimited", labels: [h], separator });
    }
  }
  const binary = header.filter(
    (h) =>
      !taken.has(h) && column(h).every((v) => BINARY_VALUES.has(v.trim())) && column(h).some((v) => v.trim() !== ""),
  );
  if (binary.length >= 2 || (binary.length === 1 && named.includes(binary[0]!))) {
    return finish({ encoding: "binary", labels: binary, separator: "|" });
  }
  const single = named.find((h) => !binary.includes(h)) ?? null;
  return finish({ encoding: "single", labels: single ? [single] : [], separator: "|" });

  function finish(labels: Pick<ColumnMapping, "encoding" | "labels" | "separator">): ColumnMapping {
    const ids = image ? column(image).map((v) => v.trim()) : [];
    const rowsPerImage = ids.length > 0 && new Set(ids).size < ids.length;
    const noFinding = findNoFinding(labels, column);
    return { image, patient, sex, age, view, split, rowsPerImage, noFinding, ...labels };
  }
}

function findNoFinding(
  labels: Pick<ColumnMapping, "encoding" | "labels" | "separator">,
  column: (h: string) => string[],
) {
  const candidates =
    labels.encoding === "binary"
      ? labels.labels
      : labels.labels.flatMap((h) => column(h).flatMap((v) => v.split(labels.separator)));
  return candidates.map((c) => c.trim()).find((c) => /^(no[ _]?finding|normal|healthy|negative)$/i.test(c)) ?? null;
}

/** The mapping as the loader's spec. Binary 0/1 files with no positive label get the no-finding state. */
export function toMetadataSpec(mapping: ColumnMapping, dataset = "your-file"): MetadataSpec {
  const role = (v: string | null) => v ?? undefined;
  let encoding: LabelEncoding;
  if (mapping.encoding === "binary")
    encoding = { kind: "binary", columns: mapping.labels.map((c) => ({ column: c, label: c })) };
  else if (mapping.encoding === "delimited")
    encoding = { kind: "delimited", column: mapping.labels[0] ?? "", separator: mapping.separator || "|" };
  else encoding = { kind: "single", column: mapping.labels[0] ?? "" };
  return {
    dataset,
    roles: {
      image: role(mapping.image),
      patient: role(mapping.patient),
      sex: role(mapping.sex),
      age: role(mapping.age),
      view: role(mapping.view),
      split: role(mapping.split),
    },
    encoding,
    rowsPerImage: mapping.rowsPerImage,
    noFinding: mapping.noFinding ?? (mapping.encoding === "binary" ? NO_POSITIVE : null),
    emptyLabel: mapping.encoding === "binary" && mapping.noFinding === null ? NO_POSITIVE : null,
  };
}
