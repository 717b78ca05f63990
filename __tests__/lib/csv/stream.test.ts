/** @jest-environment node */
import { Readable } from "node:stream";
import { readCsvText, streamCsv } from "@/lib/csv/stream";
import { parseCsv } from "@/lib/csv/parse";

/**
 * A stream that hands the text over in small pieces, splitting rows and quoted fields. (papaparse
 * guesses the line ending from the first piece, so that piece must hold the first line break.)
 */
function trickle(text: string, size = 24): Readable {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return Readable.from(pieces);
}

async function collect(text: string) {
  const rows: { line: number; fields: string[] }[] = [];
  const problems: { line: number; message: string }[] = [];
  let header: string[] = [];
  await streamCsv(trickle(text), {
    onHeader: (h) => (header = h),
    onRows: (chunk, lines) => chunk.forEach((fields, i) => rows.push({ line: lines[i]!, fields })),
    onProblem: (p) => problems.push(p),
  }).done;
  return { header, rows, problems };
}

describe("streamCsv", () => {
  it("gives the same header, rows and lines as parsing the whole text", async () => {
    const text = '\uFEFFid,labels,note\r\n1,A|B,"two\r\nlines"\r\n\r\n2,C,"say ""hi"""\r\n3,,plain\r\n';
    const whole = parseCsv(text, "t.csv");
    const streamed = await collect(text);
    expect(streamed.header).toEqual(whole.header);
    expect(streamed.rows).toEqual(whole.rows.map((fields, i) => ({ line: whole.lines[i], fields })));
    expect(streamed.rows.map((r) => r.line)).toEqual([2, 5, 6]);
  });

  it("reports an unclosed quote with its line", async () => {
    const { problems } = await collect('a,b\n1,2\n"open,3\n');
    expect(problems).toEqual([
      { line: 3, message: "a quoted field is never closed (expected a closing double quote)" },
    ]);
  });

  it("stops and rejects when the header handler throws", async () => {
    const run = streamCsv(trickle("a,b\n1,2\n"), {
      onHeader: () => {
        throw new Error("no labels column");
      },
      onRows: () => undefined,
      onProblem: () => undefined,
    });
    await expect(run.done).rejects.toThrow("no labels column");
  });
});

describe("readCsvText", () => {
  const text = '\uFEFFid,labels,note\r\n1,A|B,"two\r\nlines"\r\n\r\n2,C,"say ""hi"""\r\n3,,plain\r\n4;x,D,\r\n';

  it.each([8, 13, 64, 1024])("gives the rows and lines of a whole-text parse in chunks of %i characters", (size) => {
    const whole = parseCsv(text, "t.csv");
    const rows: { line: number; fields: string[] }[] = [];
    let header: string[] = [];
    const read = readCsvText(
      text,
      {
        onHeader: (h) => (header = h),
        onRows: (chunk, lines) => chunk.forEach((fields, i) => rows.push({ line: lines[i]!, fields })),
        onProblem: () => undefined,
      },
      { chunkSize: size },
    );
    expect(header).toEqual(["id", "labels", "note"]);
    expect(rows).toEqual(whole.rows.map((fields, i) => ({ line: whole.lines[i], fields })));
    expect(rows.map((r) => r.line)).toEqual([2, 5, 6, 7]);
    expect(read).toEqual({ rows: 4, delimiter: "," });
  });

  it("reads old Mac line endings (CR only) and a last row without a line break", () => {
    const rows: string[][] = [];
    readCsvText(
      "id,labels\r1,A\r2,B\r3,C",
      { onHeader: () => undefined, onRows: (chunk) => rows.push(...chunk), onProblem: () => undefined },
      { chunkSize: 4 },
    );
    expect(rows).toEqual([
      ["1", "A"],
      ["2", "B"],
      ["3", "C"],
    ]);
  });

  it("stops at the first handler that throws, and throws its error", () => {
    let chunks = 0;
    expect(() =>
      readCsvText(
        "a,b\n1,2\n3,4\n5,6\n",
        {
          onHeader: () => undefined,
          onRows: () => {
            chunks += 1;
            throw new Error("row 1 is wrong");
          },
          onProblem: () => undefined,
        },
        { chunkSize: 4 },
      ),
    ).toThrow("row 1 is wrong");
    expect(chunks).toBe(1);
  });
});

describe("streamCsv from bytes", () => {
  const text = 'id,finding\nA1,Épanchement\nA2,\u{1F600} smile\nA3,"two\nlines"\n';

  async function rowsOf(input: Parameters<typeof streamCsv>[0]) {
    const rows: string[][] = [];
    const progress: number[] = [];
    await streamCsv(input, {
      onHeader: () => undefined,
      onRows: (chunk) => rows.push(...chunk),
      onProblem: () => undefined,
      onProgress: (done) => progress.push(done),
    }).done;
    return { rows, progress };
  }

  it("decodes UTF-8 characters cut across pieces of a Node stream", async () => {
    const bytes = Buffer.from(text, "utf8");
    const pieces = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) => bytes.subarray(i * 3, i * 3 + 3));
    const { rows, progress } = await rowsOf(Readable.from(pieces));
    expect(rows).toEqual([
      ["A1", "Épanchement"],
      ["A2", "\u{1F600} smile"],
      ["A3", "two\nlines"],
    ]);
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it("reads a Blob (a browser File) the same way", async () => {
    const { rows } = await rowsOf(new Blob([text]));
    expect(rows.map((r) => r[1])).toEqual(["Épanchement", "\u{1F600} smile", "two\nlines"]);
  });

  it("stops when aborted and rejects with an AbortError", async () => {
    let chunks = 0;
    const run = streamCsv(
      trickle("a,b\n" + "1,2\n".repeat(50), 8),
      {
        onHeader: () => undefined,
        onRows: () => {
          chunks += 1;
          run.abort();
        },
        onProblem: () => undefined,
      },
      { chunkSize: 16 },
    );
    await expect(run.done).rejects.toMatchObject({ name: "AbortError" });
    expect(chunks).toBe(1);
  });
});
