import { barsSvg, chartCsv } from "@/lib/share/chart-export";

const drawing = {
  width: 600,
  labelWidth: 120,
  rowHeight: 26,
  axisHeight: 24,
  rows: [
    { label: "No Finding", value: "60,361", at: 1, fill: "rgb(5, 150, 105)" },
    { label: 'Mass <b>"&"</b>', value: "5,782", at: 0.25, fill: "rgb(37, 99, 235)" },
  ],
  ticks: [
    { text: "0", at: 0 },
    { text: "40,000", at: 0.5 },
  ],
  colors: { text: "rgb(0, 0, 0)", muted: "rgb(90, 90, 90)", grid: "rgb(220, 220, 220)" },
};

describe("barsSvg", () => {
  it("draws each bar as long as the HTML chart shows it, with its label and value", () => {
    const { markup, width, height } = barsSvg(drawing);
    expect(width).toBe(600);
    expect(height).toBe(2 * 26 + 24);
    // Track: from 120 + 8 to 600 - 76 = 396 px wide.
    const widths = [...markup.matchAll(/<rect class="bar" x="128" y="[\d.]+" width="([\d.]+)"/g)].map((m) => m[1]);
    expect(widths).toEqual(["396.0", "99.0"]);
    expect(markup).toContain(">60,361</text>");
    expect(markup).toContain('fill="rgb(5, 150, 105)"');
    expect(markup).toContain('<line x1="326.0"');
  });

  it("escapes text from the data, so a label cannot add markup", () => {
    const { markup } = barsSvg(drawing);
    expect(markup).toContain("Mass &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;");
    expect(markup).not.toContain("<b>");
  });

  it("cuts labels longer than their column with an ellipsis", () => {
    const long = { ...drawing, rows: [{ ...drawing.rows[0]!, label: "A very long label that cannot fit" }] };
    expect(barsSvg(long).markup).toContain(">A very long label…</text>");
  });
});

describe("chartCsv", () => {
  it("neutralises formula cells", () => {
    const csv = chartCsv({ meta: ["t"], header: ["label", "n"], rows: [["=HYPERLINK(1)", 3]], filename: "x" });
    expect(csv).toContain("\"'=HYPERLINK(1)\"");
  });
});
