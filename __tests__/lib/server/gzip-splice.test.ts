/** @jest-environment node */
import { deflateRawSync, gunzipSync, gzipSync } from "node:zlib";
import { prepareSplicedGzip, splicedGzip } from "@/lib/server/gzip-splice";

const joined = (parts: string[], between: string) => parts.join(between);

describe("gzip with a string spliced in per response", () => {
  it("decompresses to the parts joined by the string, with a valid CRC and length (gunzip checks both)", async () => {
    const parts = [
      '<html><script nonce="',
      '">self.__next_f.push([1,"é ü 肺"])</script><script nonce="',
      '">x</script>',
      "",
    ];
    for (const nonces of [["abc123==", "ZmVkY2Jh"], ["ZmVkY2JhOTg3NjU0MzIxMA==", "c2VjcmV0LXNlY3JldC0xMg=="], [""]]) {
      const prepared = await prepareSplicedGzip(
        parts.map((p) => Buffer.from(p)),
        nonces[0]!.length,
      );
      for (const nonce of nonces) {
        const body = splicedGzip(prepared, Buffer.from(nonce));
        expect(gunzipSync(body).toString()).toBe(joined(parts, nonce));
      }
    }
  });

  it("handles a page of one part, parts larger than a stored block, and the string at both ends", async () => {
    const big = "<p>row</p>".repeat(20_000); // 200 kB, many deflate blocks
    for (const parts of [["only"], ["", big, ""], [big, big]]) {
      const prepared = await prepareSplicedGzip(
        parts.map((p) => Buffer.from(p)),
        5,
      );
      expect(gunzipSync(splicedGzip(prepared, Buffer.from("N0NCE"))).toString()).toBe(joined(parts, "N0NCE"));
    }
  });

  it("compresses close to gzip on the whole page: each part has the text before it as its dictionary", async () => {
    const script = (i: number) =>
      `<script nonce="NONCE">self.__next_f.push([1,"${"label,count;".repeat(40)}${i}"])</script>`;
    const page = `<html><body>${Array.from({ length: 40 }, (_, i) => `<div class="row">${i}</div>${script(i)}`).join("")}</body></html>`;
    const nonce = "bm9uY2Utbm9uY2Utbm9uY2Ut";
    const prepared = await prepareSplicedGzip(
      page.split("NONCE").map((p) => Buffer.from(p)),
      nonce.length,
    );
    const spliced = splicedGzip(prepared, Buffer.from(nonce));
    const whole = gzipSync(page.replaceAll("NONCE", nonce), { level: 9 });
    expect(gunzipSync(spliced).toString()).toBe(page.replaceAll("NONCE", nonce));
    // What splicing costs: each nonce is stored as it is (5 bytes of block header and its own bytes,
    // where the whole-page compressor repeats an earlier copy in 3 bytes or so), and each part ends
    // its deflate block (a new Huffman table: well under 100 bytes).
    const joins = prepared.plain.length - 1;
    expect(spliced.length).toBeLessThan(whole.length + joins * (5 + nonce.length) + prepared.plain.length * 100);
    // Without the dictionaries, the parts alone compress worse than the whole spliced body.
    const alone = prepared.plain.reduce((bytes, part) => bytes + deflateRawSync(part, { level: 9 }).length, 0);
    expect(spliced.length).toBeLessThan(alone);
  });

  it("refuses a string of another length than it was prepared for, or longer than one stored block", async () => {
    const prepared = await prepareSplicedGzip([Buffer.from("a"), Buffer.from("b")], 4);
    expect(() => splicedGzip(prepared, Buffer.from("abc"))).toThrow(
      "the spliced string is 3 bytes; the parts were compressed around 4",
    );
    const long = await prepareSplicedGzip([Buffer.from("a"), Buffer.from("b")], 70_000);
    expect(() => splicedGzip(long, Buffer.alloc(70_000, 65))).toThrow("a spliced string is 70000 bytes; at most 65535");
  });

  it("refuses parts holding a NUL byte, which could let a back-reference reach the spliced string", async () => {
    await expect(prepareSplicedGzip([Buffer.from("a\0b"), Buffer.from("c")], 4)).rejects.toThrow("NUL byte");
  });
});
