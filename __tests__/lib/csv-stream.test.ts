/** @jest-environment node */
import { Readable } from "node:stream";
import { streamCsv } from "@/lib/csv-stream";
import { parseCsv } from "@/lib/csv";

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
