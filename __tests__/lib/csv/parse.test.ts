import { DataFileError, formatProblem, parseCsv } from "@/lib/csv/parse";

/** Rows with the line each starts on, as a reader would point at them. */
const located = (t: ReturnType<typeof parseCsv>) => t.rows.map((fields, i) => ({ line: t.lines[i], fields }));

describe("parseCsv", () => {
  it("reads a header and rows with the line each starts on", () => {
    const t = parseCsv("a,b\n1,2\n3,4\n", "x.csv");
    expect(t.header).toEqual(["a", "b"]);
    expect(located(t)).toEqual([
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("strips a UTF-8 byte order mark from the first header name", () => {
    expect(parseCsv("\uFEFFid,title\n1,x", "x.csv").header).toEqual(["id", "title"]);
  });

  it("reads CRLF line endings", () => {
    const t = parseCsv("a,b\r\n1,2\r\n3,4\r\n", "x.csv");
    expect(t.rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("keeps quoted commas and doubled quotes inside a field", () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n', "x.csv").rows[0]).toEqual(["x, y", 'say "hi"']);
  });

  it("counts a quoted newline so later rows keep their true line numbers", () => {
    const t = parseCsv('a,b\n"two\nlines",1\nnext,2\n', "x.csv");
    expect(located(t)).toEqual([
      { line: 2, fields: ["two\nlines", "1"] },
      { line: 4, fields: ["next", "2"] },
    ]);
  });

  it("skips blank lines without shifting line numbers", () => {
    expect(located(parseCsv("a\n\n1\n\n2\n", "x.csv", { delimiter: "," }))).toEqual([
      { line: 3, fields: ["1"] },
      { line: 5, fields: ["2"] },
    ]);
  });

  it("reports an unclosed quote with its line", () => {
    const t = parseCsv('a,b\n1,2\n"open,3\n', "x.csv");
    expect(t.problems).toEqual([
      { file: "x.csv", line: 3, message: "a quoted field is never closed (expected a closing double quote)" },
    ]);
  });

  it("detects a tab delimiter", () => {
    expect(parseCsv("a\tb\n1\t2\n", "x.tsv").delimiter).toBe("\t");
  });

  it("returns no header for an empty file", () => {
    expect(parseCsv("", "x.csv").header).toEqual([]);
  });
});

describe("formatProblem", () => {
  it("names file, line, column number and column name", () => {
    expect(
      formatProblem({ file: "data/c.csv", line: 4, column: 10, columnName: "count", message: "expected a number" }),
    ).toBe("data/c.csv: line 4, column 10 (count): expected a number");
  });

  it("leaves out the column when the problem is the whole line", () => {
    expect(formatProblem({ file: "f.csv", line: 2, message: "too short" })).toBe("f.csv: line 2: too short");
  });
});

describe("DataFileError", () => {
  it("lists the first problems and counts the rest", () => {
    const problems = Array.from({ length: 12 }, (_, i) => ({ file: "f.csv", line: i + 2, message: "bad" }));
    const message = new DataFileError(problems).message;
    expect(message).toContain("12 problems in data:");
    expect(message).toContain("f.csv: line 11: bad");
    expect(message).not.toContain("f.csv: line 12: bad");
    expect(message).toContain("…and 2 more problems");
  });
});
