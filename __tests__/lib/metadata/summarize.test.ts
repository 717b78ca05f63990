import { DataFileError } from "@/lib/csv/parse";
import { normalizeSex, parseAge, summarizeMetadata, type MetadataSpec } from "@/lib/metadata/summarize";
import { computeLabelView, NO_FILTERS } from "@/lib/summary/view";
import type { RowsSummary } from "@/lib/summary/model";

const NIH_LIKE: MetadataSpec = {
  dataset: "t",
  roles: {
    image: "Image Index",
    patient: "Patient ID",
    sex: "Patient Gender",
    age: "Patient Age",
    view: "View Position",
  },
  encoding: { kind: "delimited", column: "Finding Labels", separator: "|" },
  noFinding: "No Finding",
  aliases: { Infiltrate: "Infiltration" },
};

function summarize(text: string, spec: MetadataSpec = NIH_LIKE, splitOf?: Map<string, string>) {
  const lists = new Map<string, string[]>();
  for (const [id, split] of splitOf ?? []) lists.set(split, [...(lists.get(split) ?? []), id]);
  const splitLists = [...lists].map(([split, ids]) => ({ split, ids }));
  return summarizeMetadata(text, spec, { file: "meta.csv", splitLists });
}
const asSummary = (core: ReturnType<typeof summarize>): RowsSummary => ({
  ...core,
  provenance: {
    source: "rows",
    sourceUrl: null,
    files: [],
    labelFileVersion: null,
    rowsRead: 0,
    rowsSkipped: 0,
    rowsFlagged: 0,
    problems: [],
    notes: [],
    generated: "",
  },
});
const countsOf = (core: ReturnType<typeof summarize>) =>
  Object.fromEntries(core.labels.map((l, i) => [l, core.labelImages[i]]));

describe("parseAge", () => {
  it.each([
    ["57", 57],
    ["058Y", 58],
    ["6M", 0],
    ["30M", 2],
    ["20D", 0],
    ["", null],
  ])("reads %s as %s years", (raw, years) => {
    expect(parseAge(raw).years).toBe(years);
  });

  it("flags an impossible age and treats it as unknown", () => {
    expect(parseAge("414")).toEqual({
      years: null,
      problem: 'impossible age "414" (over 120 years): counted as unknown',
    });
  });
});

describe("normalizeSex", () => {
  it.each([
    ["M", "M"],
    ["male", "M"],
    ["F", "F"],
    ["Female", "F"],
    ["", "unknown"],
    ["O", "O"],
  ])("%s → %s", (raw, out) => {
    expect(normalizeSex(raw)).toBe(out);
  });
});

describe("summarizeMetadata: (a) delimited labels, NIH style", () => {
  const header =
    "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]";
  const text = [
    header,
    "a.png,Cardiomegaly,0,1,58,M,PA,1,2,0.1,0.1",
    "b.png,Cardiomegaly|Effusion,1,1,58,M,PA,1,2,0.1,0.1",
    "c.png,No Finding,0,2,081Y,F,AP,1,2,0.1,0.1",
    "d.png,Infiltrate,0,3,414,F,AP,1,2,0.1,0.1",
  ].join("\r\n");

  it("counts images and patients per label, mapping aliases", () => {
    const s = summarize(text);
    expect(s.images).toBe(4);
    expect(s.patients).toBe(3);
    expect(countsOf(s)).toEqual({ Cardiomegaly: 2, Effusion: 1, "No Finding": 1, Infiltration: 1 });
    expect(s.labelPatients).toEqual([1, 1, 1, 1]);
  });

  it("flags the impossible age with its line and counts it as unknown", () => {
    const s = summarize(text);
    expect(s.rowsFlagged).toBe(1);
    expect(s.problems).toEqual([
      { line: 5, column: "Patient Age", message: 'impossible age "414" (over 120 years): counted as unknown' },
    ]);
    const view = computeLabelView(asSummary(s), NO_FILTERS);
    expect(view.age.find((a) => a.value === "unknown")?.images).toBe(1);
    expect(view.age.find((a) => a.value === "55-59")?.images).toBe(2);
  });

  it("builds co-occurrence, labels-per-image and breakdowns that add up", () => {
    const view = computeLabelView(asSummary(summarize(text)), NO_FILTERS);
    const i = (l: string) => view.labels.findIndex((x) => x.label === l);
    expect(view.cooccurrence[i("Cardiomegaly")]![i("Effusion")]).toBe(1);
    expect(view.labelsPerImage).toEqual([
      { labels: 0, images: 1 },
      { labels: 1, images: 2 },
      { labels: 2, images: 1 },
    ]);
    expect(view.sex).toEqual([
      { value: "M", images: 2 },
      { value: "F", images: 2 },
    ]);
    expect(view.view.map((v) => v.images).reduce((a, b) => a + b)).toBe(4);
  });

  it("places images in official splits and counts patients in several splits", () => {
    const splits = new Map([
      ["a.png", "train"],
      ["b.png", "test"],
      ["c.png", "train"],
      ["d.png", "test"],
    ]);
    const s = summarize(text, NIH_LIKE, splits);
    expect(s.dims.split).toEqual(["train", "test"]);
    expect(s.splitPatients).toEqual([2, 2]);
    expect(s.patientsInSeveralSplits).toBe(1);
  });
});

describe("summarizeMetadata: (b) one 0/1 column per label, CheXpert style", () => {
  const spec: MetadataSpec = {
    dataset: "t",
    roles: { image: "Path", sex: "Sex", age: "Age" },
    encoding: {
      kind: "binary",
      columns: [
        { column: "Edema", label: "Edema" },
        { column: "No Finding", label: "No Finding" },
      ],
    },
    noFinding: "No Finding",
  };
  const text = [
    "Path,Sex,Age,No Finding,Edema",
    "p1,Male,60,,1.0",
    "p2,Female,70,1.0,",
    "p3,Female,71,,-1.0",
    "p4,Male,40,,0.0",
  ].join("\n");

  it("counts positives as labels and keeps uncertain and blank as their own states", () => {
    const s = summarize(text, spec);
    expect(countsOf(s)).toEqual({ Edema: 1, "No Finding": 1 });
    expect(s.labelStates).toEqual([
      { positive: 1, negative: 1, uncertain: 1, blank: 1 },
      { positive: 1, negative: 0, uncertain: 0, blank: 3 },
    ]);
  });
});

describe("summarizeMetadata: (c) one single-label column", () => {
  it("counts each class", () => {
    const spec: MetadataSpec = {
      dataset: "t",
      roles: { image: "image_id", patient: "lesion_id" },
      encoding: { kind: "single", column: "dx" },
    };
    const text = "lesion_id,image_id,dx\nL1,i1,nv\nL1,i2,nv\nL2,i3,mel\n";
    const s = summarize(text, spec);
    expect(countsOf(s)).toEqual({ nv: 2, mel: 1 });
    expect(s.labelPatients).toEqual([1, 1]);
  });
});

describe("summarizeMetadata: (d) several rows per image, RSNA style", () => {
  const spec: MetadataSpec = {
    dataset: "t",
    roles: { image: "patientId" },
    encoding: { kind: "binary", columns: [{ column: "Target", label: "Pneumonia" }] },
    rowsPerImage: true,
    emptyLabel: "No pneumonia",
    noFinding: "No pneumonia",
  };
  it("counts images, not boxes", () => {
    const text = "patientId,x,y,width,height,Target\nA,,,,,0\nB,1,2,3,4,1\nB,5,6,7,8,1\nC,1,1,1,1,1\n";
    const s = summarize(text, spec);
    expect(s.images).toBe(3);
    expect(countsOf(s)).toEqual({ Pneumonia: 2, "No pneumonia": 1 });
    expect(s.labelStates).toEqual([{ positive: 2, negative: 1, uncertain: 0, blank: 0 }]);
  });
});

describe("summarizeMetadata on generated files: every encoding equals a direct count", () => {
  const LABELS = ["A", "B", "C", "D"];
  function generate(n: number, seed: number) {
    let x = seed;
    const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    return Array.from({ length: n }, (_, i) => ({
      id: `img${i}`,
      patient: `p${Math.floor(i / 3)}`,
      labels: LABELS.filter(() => rand() < 0.3),
      single: LABELS[Math.floor(rand() * LABELS.length)]!,
    }));
  }
  const rows = generate(2000, 7);
  const direct = (pick: (r: (typeof rows)[number]) => string[]) => {
    const counts: Record<string, number> = {};
    for (const r of rows) for (const l of pick(r)) counts[l] = (counts[l] ?? 0) + 1;
    return counts;
  };

  it("(a) delimited", () => {
    const text = ["id,patient,labels", ...rows.map((r) => `${r.id},${r.patient},${r.labels.join("|")}`)].join("\n");
    const s = summarize(text, {
      dataset: "g",
      roles: { image: "id", patient: "patient" },
      encoding: { kind: "delimited", column: "labels", separator: "|" },
      emptyLabel: "none",
    });
    expect(countsOf(s)).toEqual(direct((r) => (r.labels.length ? r.labels : ["none"])));
  });

  it("(b) binary columns", () => {
    const text = [
      "id,A,B,C,D",
      ...rows.map((r) => [r.id, ...LABELS.map((l) => (r.labels.includes(l) ? "1" : "0"))].join(",")),
    ].join("\n");
    const s = summarize(text, {
      dataset: "g",
      roles: { image: "id" },
      encoding: { kind: "binary", columns: LABELS.map((l) => ({ column: l, label: l })) },
    });
    expect(Object.fromEntries(Object.entries(countsOf(s)).filter(([, n]) => n! > 0))).toEqual(direct((r) => r.labels));
  });

  it("(c) single label", () => {
    const text = ["id,label", ...rows.map((r) => `${r.id},${r.single}`)].join("\n");
    const s = summarize(text, { dataset: "g", roles: { image: "id" }, encoding: { kind: "single", column: "label" } });
    expect(countsOf(s)).toEqual(direct((r) => [r.single]));
  });

  it("(d) one row per label, merged by image", () => {
    const text = [
      "id,label",
      ...rows.flatMap((r) => (r.labels.length ? r.labels : [""]).map((l) => `${r.id},${l}`)),
    ].join("\n");
    const s = summarize(text, {
      dataset: "g",
      roles: { image: "id" },
      encoding: { kind: "single", column: "label" },
      rowsPerImage: true,
      emptyLabel: "none",
    });
    expect(s.images).toBe(rows.length);
    expect(countsOf(s)).toEqual(direct((r) => (r.labels.length ? r.labels : ["none"])));
  });
});

describe("summarizeMetadata: input it must refuse or report", () => {
  const spec: MetadataSpec = {
    dataset: "t",
    roles: { image: "id", age: "age" },
    encoding: { kind: "delimited", column: "labels", separator: "|" },
  };
  const fatal = (text: string, s: MetadataSpec = spec, delimiter?: string) => {
    try {
      summarizeMetadata(text, s, { file: "bad.csv", delimiter });
    } catch (e) {
      if (e instanceof DataFileError) return e.message.split("\n")[1];
      throw e;
    }
    throw new Error("expected a DataFileError");
  };
  const reported = (text: string, s: MetadataSpec = spec) => {
    const r = summarizeMetadata(text, s, { file: "bad.csv" });
    return {
      skipped: r.rowsSkipped,
      flagged: r.rowsFlagged,
      problems: r.problems.map((p) => `${p.line}${p.column ? ` ${p.column}` : ""}: ${p.message}`),
    };
  };

  const fatalCases: [string, string, string][] = [
    [
      "an empty file",
      "",
      "bad.csv: line 1: the file is empty (expected a header row naming the columns, then one row per image)",
    ],
    [
      "only white space",
      " \n\n ",
      "bad.csv: line 1: the file is empty (expected a header row naming the columns, then one row per image)",
    ],
    [
      "a binary file",
      "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000",
      "bad.csv: line 1: this looks like a binary file, not CSV text (found NUL bytes)",
    ],
    ["a header without rows", "id,labels,age\n", "bad.csv: line 1: no data rows after the header"],
    [
      "a header and blank lines only",
      "id,labels,age\r\n\r\n \t \r\n",
      "bad.csv: line 1: no data rows after the header",
    ],
    [
      "a missing labels column",
      "id,age,findings\n1,3,A\n",
      'bad.csv: line 1: no column "labels" for the labels (the header has: id, age, findings).',
    ],
    [
      "a missing image column",
      "image,labels,age\n1,A,3\n",
      'bad.csv: line 1: no column "id" for the image id (the header has: image, labels, age).',
    ],
    [
      "a missing age column",
      "id,labels\n1,A\n",
      'bad.csv: line 1: no column "age" for the age (the header has: id, labels).',
    ],
    [
      "one column only",
      "id\n1\n2\n",
      'bad.csv: line 1: no column "labels" for the labels (the header has: id). The header has only one column: is the delimiter right?',
    ],
    [
      "a labels column with no values",
      "id,labels,age\n1,,3\n2,,4\n",
      'bad.csv: line 2 (labels): the labels column "labels" is blank in every row',
    ],
    [
      "a header that differs only in case",
      "ID,Labels,Age\n1,A,3\n",
      'bad.csv: line 1: no column "labels" for the labels (the header has: ID, Labels, Age).',
    ],
  ];
  it.each(fatalCases)("refuses %s", (_, text, message) => {
    expect(fatal(text)).toBe(message);
  });

  it("refuses a chosen delimiter that does not match the file", () => {
    expect(fatal("id;labels;age\n1;A;3\n", spec, ",")).toBe(
      'bad.csv: line 1: no column "labels" for the labels (the header has: id;labels;age). The header has only one column: is the delimiter right?',
    );
  });

  it("detects a semicolon delimiter by itself", () => {
    expect(summarizeMetadata("id;labels;age\n1;A;3\n", spec, { file: "ok.csv" }).images).toBe(1);
  });

  const reportedCases: [string, string, { skipped: number; flagged: number; problems: string[] }][] = [
    [
      "a row with too few fields",
      "id,labels,age\n1,A,3\n2\n",
      { skipped: 1, flagged: 0, problems: ["3: row has 1 fields, too few to reach every mapped column (skipped)"] },
    ],
    [
      "a blank image id",
      "id,labels,age\n1,A,3\n,B,4\n",
      { skipped: 1, flagged: 0, problems: ["3 id: blank image id (skipped)"] },
    ],
    [
      "a repeated image id",
      "id,labels,age\n1,A,3\n1,B,4\n",
      {
        skipped: 1,
        flagged: 0,
        problems: ['3 id: image "1" appears again (skipped; declare rows per image if this is intended)'],
      },
    ],
    [
      "an image id repeated out of order, rows apart",
      "id,labels,age\n2,A,3\n1,B,4\n3,A,5\n2,C,5\n",
      {
        skipped: 1,
        flagged: 0,
        problems: ['5 id: image "2" appears again (skipped; declare rows per image if this is intended)'],
      },
    ],
    [
      "a negative age",
      "id,labels,age\n1,A,3\n2,B,-4\n",
      {
        skipped: 0,
        flagged: 1,
        problems: ['3 age: unreadable age "-4" (expected a number of years, or 058Y, 6M, 20D)'],
      },
    ],
    [
      "an impossible age",
      "id,labels,age\n1,A,414\n",
      { skipped: 0, flagged: 1, problems: ['2 age: impossible age "414" (over 120 years): counted as unknown'] },
    ],
    [
      "an unreadable age",
      "id,labels,age\n1,A,old\n",
      {
        skipped: 0,
        flagged: 1,
        problems: ['2 age: unreadable age "old" (expected a number of years, or 058Y, 6M, 20D)'],
      },
    ],
    [
      "a row with extra values",
      "id,labels,age\n1,A,3,x\n",
      { skipped: 0, flagged: 1, problems: ["2: row has 4 fields but the header has 3: the extra values are ignored"] },
    ],
    [
      "a trailing comma on every row (NIH 2017)",
      "id,labels,age,\n1,A,3,\n2,B,4,\n",
      { skipped: 0, flagged: 0, problems: [] },
    ],
    [
      "an unclosed quote",
      'id,labels,age\n1,A,3\n2,"B,4\n',
      {
        skipped: 1,
        flagged: 0,
        problems: [
          "3: a quoted field is never closed (expected a closing double quote)",
          "3: row has 2 fields, too few to reach every mapped column (skipped)",
        ],
      },
    ],
    [
      "a quoted newline inside a label cell",
      'id,labels,age\n1,"A|\nB",3\n2,C,4\n3,,x\n',
      {
        skipped: 0,
        flagged: 1,
        problems: ['5 age: unreadable age "x" (expected a number of years, or 058Y, 6M, 20D)'],
      },
    ],
    ["a BOM and CRLF", "\uFEFFid,labels,age\r\n1,A,3\r\n2,B,4\r\n", { skipped: 0, flagged: 0, problems: [] }],
    [
      "blank lines between rows",
      "id,labels,age\n\n1,A,3\n\n\n2,B,400\n",
      { skipped: 0, flagged: 1, problems: ['6 age: impossible age "400" (over 120 years): counted as unknown'] },
    ],
  ];
  it.each(reportedCases)("counts and reports %s", (_, text, expected) => {
    expect(reported(text)).toEqual(expected);
  });

  it("reports an unexpected value in a 0/1 column and counts it as blank", () => {
    const s: MetadataSpec = {
      dataset: "t",
      roles: { image: "id" },
      encoding: { kind: "binary", columns: [{ column: "Edema", label: "Edema" }] },
    };
    expect(reported("id,Edema\n1,yes\n2,1\n", s)).toEqual({
      skipped: 0,
      flagged: 1,
      problems: ['2 Edema: unexpected value "yes" (expected 1, 0, -1 or blank): counted as blank'],
    });
  });

  it("lists at most 20 problems but counts them all", () => {
    const text = ["id,labels,age", ...Array.from({ length: 30 }, (_, i) => `${i},A,999`)].join("\n");
    const r = summarizeMetadata(text, spec, { file: "bad.csv" });
    expect(r.rowsFlagged).toBe(30);
    expect(r.problems).toHaveLength(20);
    expect(r.problems[0]!.line).toBe(2);
  });
});
