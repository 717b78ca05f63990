import { promisify } from "node:util";
import { constants, crc32, deflateRaw } from "node:zlib";

const deflateRawAsync = promisify(deflateRaw);

/**
 * gzip for a page that is the same on every response except for one short string put back in at
 * known places (the CSP nonce). The fixed parts are compressed once, each as deflate blocks ending
 * on a byte boundary (a sync flush); a response strings them together with the nonce between them
 * as stored, uncompressed blocks (RFC 1951 §3.2.4), and a gzip header and trailer (RFC 1952). So a
 * response costs a CRC-32 over the page and a copy, not a compression: per-response brotli held a
 * cached page to about half the static file's throughput (issue 12).
 *
 * Each part is compressed with the 32 kB before it as its dictionary, so the ratio stays that of
 * compressing the whole page, with the nonce's place held by as many NUL bytes. HTML holds no NUL,
 * so no back-reference can take a byte of that place, and what a reader decompresses is the same
 * whatever nonce a response carries (of that length).
 */

export interface SplicedGzip {
  /** The length of the string put between the parts (the NUL bytes that held its place). */
  betweenLength: number;
  /** The fixed parts as they read, for the CRC-32 and length of each response. */
  plain: Buffer[];
  /** The same parts, each compressed to non-final deflate blocks ending on a byte boundary. */
  deflated: Buffer[];
}

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty stored block with the final bit set: the end of the deflate stream. */
const END = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
const STORED_MAX = 0xffff;

const WINDOW = 32 * 1024;

/** Compresses the fixed parts once (on zlib's thread pool), at the best level: the cost is paid once per page. */
export async function prepareSplicedGzip(parts: Buffer[], betweenLength: number, level = 9): Promise<SplicedGzip> {
  if (parts.some((part) => part.includes(0)))
    throw new Error("a part holds a NUL byte, which marks the spliced string");
  const placeholder = Buffer.alloc(betweenLength);
  let before = Buffer.alloc(0);
  const jobs = parts.map((part, i) => {
    const dictionary = i === 0 ? undefined : Buffer.concat([before, placeholder]).subarray(-WINDOW);
    before = Buffer.concat([dictionary ?? Buffer.alloc(0), part]).subarray(-WINDOW);
    return deflateRawAsync(part, {
      level,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...(dictionary && dictionary.length > 0 ? { dictionary } : {}),
    });
  });
  return { betweenLength, plain: parts, deflated: await Promise.all(jobs) };
}

/** A non-final stored block holding `bytes` (at most 65,535 of them). */
function storedBlock(bytes: Buffer): Buffer {
  if (bytes.length > STORED_MAX) throw new Error(`a spliced string is ${bytes.length} bytes; at most ${STORED_MAX}`);
  const block = Buffer.alloc(5 + bytes.length);
  block[0] = 0x00; // BFINAL 0, BTYPE 00 (stored), then padding to the byte boundary
  block.writeUInt16LE(bytes.length, 1);
  block.writeUInt16LE(~bytes.length & 0xffff, 3);
  bytes.copy(block, 5);
  return block;
}

/** The gzip body of the parts joined by `between`, which is put in uncompressed. */
export function splicedGzip({ plain, deflated, betweenLength }: SplicedGzip, between: Buffer): Buffer {
  if (between.length !== betweenLength)
    throw new Error(`the spliced string is ${between.length} bytes; the parts were compressed around ${betweenLength}`);
  const stored = storedBlock(between);
  const body: Buffer[] = [HEADER];
  let crc = 0;
  let size = 0;
  // Node's crc32 answers 0 for empty data whatever the running value, so empty bytes are skipped.
  const add = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    crc = crc32(bytes, crc);
    size += bytes.length;
  };
  plain.forEach((part, i) => {
    if (i > 0) {
      body.push(stored);
      add(between);
    }
    body.push(deflated[i]!);
    add(part);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4); // ISIZE is the length modulo 2^32
  body.push(END, trailer);
  return Buffer.concat(body);
}
