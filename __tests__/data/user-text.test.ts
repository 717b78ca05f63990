/** @jest-environment node */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import ts from "typescript";

// A reader of the site can open a public URL or a file of this repository, nothing else: no text they
// see may point at a local copy, a sibling folder or a README that only the project's own machines have.
const LOCAL_REFERENCES: RegExp[] = [
  /\bshared[\s-]+(?:data|readme|drive|folder|directory|files?)\b/i,
  /\bproject'?s\s+(?:own\s+)?(?:shared\s+)?(?:data\s+)?readme\b/i,
  /\b(?:our|internal|local)\s+(?:data\s+)?(?:readme|notes file|copy|folder|directory)\b/i,
  /(?:^|[\s("'`=:])(?:\.\.[/\\]|~\/)/,
  /(?:^|[\s("'`=:])\/(?:work|home|tmp|Users|mnt|root|srv|var)\//,
  /(?:^|[\s("'`=])[A-Za-z]:\\/,
  /\bfile:\/\//i,
];

function localReferences(text: string): string[] {
  return LOCAL_REFERENCES.filter((re) => re.test(text)).map((re) => text.match(re)![0].trim());
}

const ROOT = process.cwd();
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const filesIn = (dir: string, ext: RegExp) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => ext.test(f))
    .map((f) => path.join(dir, f));

/** Every cell of a data CSV, as "file:line column: text". */
function csvTexts(file: string): [string, string][] {
  const rows = Papa.parse<Record<string, string>>(read(file), { header: true, skipEmptyLines: true }).data;
  return rows.flatMap((row, i) =>
    Object.entries(row).map(([column, text]): [string, string] => [`${file}:${i + 2} ${column}`, text ?? ""]),
  );
}

/** Every string inside a summary's provenance (file names, label-file version, problems). */
function provenanceTexts(file: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, where: string) => {
    if (typeof value === "string") out.push([where, value]);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
  };
  walk((JSON.parse(read(file)) as { provenance: unknown }).provenance, `${file} provenance`);
  return out;
}

/** The strings a component or page can render: string and template literals and JSX text, not import paths. */
function sourceTexts(file: string): [string, string][] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
  const out: [string, string][] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      out.push([`${file}:${line + 1}`, node.text]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const offenders = (texts: [string, string][]) =>
  texts.flatMap(([where, text]) => localReferences(text).map((found) => `${where}: "${found}"`));

describe("localReferences", () => {
  it.each([
    [
      "Counts, patients and label spellings follow the 2020 label file Data_Entry_2017_v2020.csv (project's shared data README); the 2017 label file differs on 181 images.",
      ["shared data", "project's shared data README"],
    ],
    [
      "Terms per the NIH download page as summarised in the shared README; a third-party mirror lists CC0.",
      ["shared README"],
    ],
    ["Count = images in the stage 2 training label file (30,227 rows; project's shared data README)", ["shared data", "project's shared data README"]],
    ["see ../shared/data/nih-chestxray14", ["../"]],
    ["read from /work/shared/data/rsna-pneumonia", ["/work/"]],
    ["/home/me/Downloads/labels.csv", ["/home/"]],
    ["C:\\Users\\me\\labels.csv", ["C:\\"]],
    ["file:///tmp/labels.csv", ["file://"]],
    ["as listed in our README", ["our README"]],
  ])("finds the local reference in %j", (text, found) => {
    expect(localReferences(text)).toEqual(found);
  });

  it.each([
    "Computed from Data_Entry_2017_v2020.csv (sha256 dc1d2df67fdc…)",
    "README 'Numbers' section",
    "Composition table of a re-hosted mirror citing Al-Dhabyani et al. 2020",
    "https://github.com/mathpluscode/CineMA/blob/main/cinema/data/acdc/README.md",
    "0.412 over 9 shared findings",
    "data/published/busi.csv",
    "https://www.rsna.org/education/ai-resources-and-training/ai-image-challenge/rsna-pneumonia-detection-challenge-2018",
  ])("lets %j through", (text) => {
    expect(localReferences(text)).toEqual([]);
  });
});

describe("text shown to readers", () => {
  it("in the data files names no file outside the repository", () => {
    const csvs = [...filesIn("data", /^[^/]+\.csv$/), ...filesIn("data/published", /\.csv$/)];
    expect(csvs).toEqual(expect.arrayContaining(["data/catalog.csv", "data/ontology.csv", "data/links.csv"]));
    expect(csvs.length).toBeGreaterThan(20);
    expect(offenders(csvs.flatMap(csvTexts))).toEqual([]);
  });

  it("in the summaries' provenance names no file outside the repository", () => {
    const summaries = filesIn("data/summaries", /\.json$/);
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    expect(offenders(summaries.flatMap(provenanceTexts))).toEqual([]);
  });

  it("in the pages, components and lib names no file outside the repository", () => {
    // Command-line only (npm run data, ingest, tests), never on a page: the data-file resolver must name
    // ../shared/data, and the DuckDB engine speaks of the user's own folders.
    const CLI_ONLY = ["lib/metadata/data-files.ts", "lib/metadata/duckdb.ts"];
    const sources = ["app", "components", "lib"]
      .flatMap((dir) => filesIn(dir, /\.tsx?$/))
      .filter((f) => !CLI_ONLY.includes(f));
    const texts = sources.flatMap(sourceTexts);
    expect(texts.some(([, t]) => t.includes("Where these figures come from"))).toBe(true);
    expect(offenders(texts)).toEqual([]);
  });
});
