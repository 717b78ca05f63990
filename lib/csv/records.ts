import { z } from "zod";
import { DataFileError, parseCsv, type CsvProblem } from "@/lib/csv/parse";

type RecordSchema = z.ZodObject<Record<string, z.ZodType<unknown, string>>>;

/**
 * Reads a CSV whose header must name exactly the schema's columns (in any order) and validates
 * every row with zod. Any problem throws a DataFileError naming file, line, column and what was
 * expected, so a bad data file fails the build instead of reaching a page.
 */
export function parseRecords<S extends RecordSchema>(text: string, file: string, schema: S): z.output<S>[] {
  return parseLocatedRecords(text, file, schema).map((r) => r.value);
}

export interface Located<T> {
  line: number;
  value: T;
}

/** As parseRecords, keeping the line each record starts on, for checks across rows. */
export function parseLocatedRecords<S extends RecordSchema>(
  text: string,
  file: string,
  schema: S,
): Located<z.output<S>>[] {
  const table = parseCsv(text, file, { delimiter: "," });
  const problems: CsvProblem[] = [...table.problems];
  const expected = Object.keys(schema.shape);

  if (table.header.length === 0) {
    throw new DataFileError([
      { file, line: 1, message: `the file is empty (expected a header: ${expected.join(",")})` },
    ]);
  }
  const missing = expected.filter((c) => !table.header.includes(c));
  const extra = table.header.filter((c) => !expected.includes(c));
  const seen = new Set<string>();
  table.header.forEach((name, i) => {
    if (seen.has(name))
      problems.push({ file, line: 1, column: i + 1, columnName: name, message: "this column name appears twice" });
    seen.add(name);
  });
  if (missing.length > 0) problems.push({ file, line: 1, message: `missing column(s): ${missing.join(", ")}` });
  if (extra.length > 0)
    problems.push({
      file,
      line: 1,
      message: `unknown column(s): ${extra.join(", ")} (expected only: ${expected.join(", ")})`,
    });
  if (problems.length > 0) throw new DataFileError(problems);

  const records: Located<z.output<S>>[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = { fields: table.rows[r]!, line: table.lines[r]! };
    if (row.fields.length !== table.header.length) {
      problems.push({
        file,
        line: row.line,
        message: `expected ${table.header.length} fields as in the header, found ${row.fields.length}`,
      });
      continue;
    }
    const raw = Object.fromEntries(table.header.map((name, i) => [name, row.fields[i]!]));
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      records.push({ line: row.line, value: parsed.data });
      continue;
    }
    for (const issue of parsed.error.issues) {
      const columnName = String(issue.path[0] ?? "");
      const index = table.header.indexOf(columnName);
      problems.push({
        file,
        line: row.line,
        column: index === -1 ? undefined : index + 1,
        columnName: columnName || undefined,
        message: `${issue.message}, found ${JSON.stringify(raw[columnName] ?? "")}`,
      });
    }
  }
  if (problems.length > 0) throw new DataFileError(problems);
  return records;
}

/** Cell schemas shared by the data files. Blank cells mean "not reported" and become null. */
export const cell = {
  text: (what = "text") => z.string().trim().min(1, `expected ${what}, the cell is blank`),
  optionalText: () =>
    z
      .string()
      .trim()
      .transform((s) => (s === "" ? null : s)),
  list: () =>
    z.string().transform((s) =>
      s
        .split(";")
        .map((t) => t.trim())
        .filter((t) => t !== ""),
    ),
  optionalCount: () =>
    z
      .string()
      .trim()
      .regex(/^\d*$/, "expected a whole number written with digits only (no commas, ~ or k), or blank")
      .transform((s) => (s === "" ? null : Number(s))),
  optionalYear: () =>
    z
      .string()
      .trim()
      .regex(/^(\d{4})?$/, "expected a 4-digit year, or blank")
      .transform((s) => (s === "" ? null : Number(s))),
  url: () => z.string().trim().refine(isHttpUrl, "expected an http(s) URL"),
  optionalUrl: () =>
    z
      .string()
      .trim()
      .refine((s) => s === "" || isHttpUrl(s), "expected an http(s) URL, or blank")
      .transform((s) => (s === "" ? null : s)),
  urlList: () =>
    z
      .string()
      .transform((s) =>
        s
          .split(";")
          .map((t) => t.trim())
          .filter((t) => t !== ""),
      )
      .refine((list) => list.every(isHttpUrl), "expected http(s) URLs separated by ;"),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    z
      .string()
      .trim()
      .pipe(z.enum(values, { error: () => `expected one of: ${values.join(", ")}` })),
  optionalOneOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    z
      .string()
      .trim()
      .pipe(
        z.union([z.literal(""), z.enum(values)], { error: () => `expected one of: ${values.join(", ")}, or blank` }),
      )
      .transform((s) => (s === "" ? null : (s as T[number]))),
};

export function isHttpUrl(s: string): boolean {
  try {
    const url = new URL(s);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
