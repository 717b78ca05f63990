import type {
  AsyncBuffer,
  ColumnChunk,
  Compressors,
  DataReader,
  DecodedArray,
  Encoding,
  FileMetaData,
} from "hyparquet";
import { parquetHeader } from "hyparquet/src/column.js";
import { convert, convertWithDictionary, DEFAULT_PARSERS } from "hyparquet/src/convert.js";
import { decompressPage, readDataPage, readDataPageV2 } from "hyparquet/src/datapage.js";
import { readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { readPlain } from "hyparquet/src/plain.js";
import { getMaxDefinitionLevel, getSchemaPath } from "hyparquet/src/schema.js";

/**
 * Reads one flat column (one plain value per row, nullable or not) a page at a time, as the text
 * a CSV would hold, with hyparquet's own page headers, decompression, level and dictionary
 * decoders. Two things differ from hyparquet's `parquetScan`, both measured on a 336,360-row
 * NIH-shaped file written by DuckDB (`npm run bench`, section parquet; issue 13):
 * - hyparquet 1.33 runs every page through `assembleLists`, which walks value by value even when
 *   a column has no lists (a fifth of the time). A flat column needs no assembly.
 * - hyparquet makes an object for every value of a page at once (a typed-array view and a string
 *   per text value, a boxed array per dictionary page). DuckDB writes one page per row group, so
 *   hundreds of thousands of objects outlived the young generation and the garbage collector took
 *   a third of the time. Here a PLAIN text page keeps offsets and a dictionary page keeps indices
 *   (typed arrays), and a value becomes a string when its row is read.
 * Other encodings (numbers, dates, delta and split encodings) go through hyparquet's decoders.
 */

function chunkRange(chunk: ColumnChunk): { start: number; end: number } {
  const meta = chunk.meta_data;
  if (!meta) throw new Error("the column chunk has no metadata");
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  return { start, end: start + Number(meta.total_compressed_size) };
}

/** One page of a column: its rows' values as the text a CSV would hold ("" where there is none). */
export interface PageCells {
  length: number;
  text(row: number): string;
}

/**
 * The definition levels of a page's rows, as where each row's value sits among the page's values:
 * -1 for a row with no value. `valueAt` is null when every row has a value (the common case).
 */
interface Levels {
  valueAt: Int32Array | null;
  values: number;
}

function toLevels(levels: ArrayLike<number>, rows: number, maxDefinitionLevel: number): Levels {
  const valueAt = new Int32Array(rows);
  let values = 0;
  for (let i = 0; i < rows; i++) valueAt[i] = levels[i] === maxDefinitionLevel ? values++ : -1;
  return { valueAt: values === rows ? null : valueAt, values };
}

function readLevels(reader: DataReader, rows: number, maxDefinitionLevel: number): Levels {
  if (!maxDefinitionLevel) return { valueAt: null, values: rows };
  const levels = new Uint8Array(rows);
  readRleBitPackedHybrid(reader, 32 - Math.clz32(maxDefinitionLevel), levels);
  return toLevels(levels, rows, maxDefinitionLevel);
}

const utf8 = new TextDecoder();
// windows-1252 turns each byte into one character, so a value's byte offsets are its offsets in
// the page's text too; an ASCII value is then a slice of that text, not a decoder call of its own.
const bytewise = new TextDecoder("latin1");

/** A PLAIN text page, read where it lies: each value's offsets are noted, not its string. */
function plainTextCells(bytes: Uint8Array, levels: Levels, rows: number): PageCells {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = new Int32Array(levels.values);
  const end = new Int32Array(levels.values);
  let offset = 0;
  for (let v = 0; v < levels.values; v++) {
    if (offset + 4 > bytes.byteLength) throw new Error("a text page is shorter than its values");
    start[v] = offset + 4;
    end[v] = offset = offset + 4 + view.getUint32(offset, true);
  }
  if (offset > bytes.byteLength) throw new Error("a text page is shorter than its values");
  let text: string | null = null;
  const { valueAt } = levels;
  return {
    length: rows,
    text(row) {
      const v = valueAt ? valueAt[row]! : row;
      if (v < 0) return "";
      const from = start[v]!;
      const to = end[v]!;
      for (let b = from; b < to; b++) if (bytes[b]! > 0x7f) return utf8.decode(bytes.subarray(from, to));
      text ??= bytewise.decode(bytes);
      return text.slice(from, to);
    },
  };
}

/** A dictionary-encoded page: each value is an index into the chunk's dictionary, kept as text. */
function dictionaryCells(bytes: Uint8Array, levels: Levels, rows: number, dictionary: readonly string[]): PageCells {
  const indices = new Int32Array(levels.values);
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 1 };
  const width = bytes[0] ?? 0;
  if (width) readRleBitPackedHybrid(reader, width, indices, bytes.byteLength - 1);
  for (const index of indices)
    if (index >= dictionary.length)
      throw new Error(`a dictionary index (${index}) is past the dictionary's ${dictionary.length} values`);
  const { valueAt } = levels;
  return {
    length: rows,
    text(row) {
      const v = valueAt ? valueAt[row]! : row;
      return v < 0 ? "" : dictionary[indices[v]!]!;
    },
  };
}

/** A page hyparquet decoded into values: a null wherever the definition level is below the maximum. */
function decodedCells(
  definitionLevels: number[] | undefined,
  values: ArrayLike<unknown>,
  rows: number,
  maxDefinitionLevel: number,
  cellText: (value: unknown) => string,
): PageCells {
  // hyparquet empties the levels when the page has no nulls.
  if (!definitionLevels?.length) return { length: rows, text: (i) => cellText(values[i]) };
  const { valueAt } = toLevels(definitionLevels, rows, maxDefinitionLevel);
  return { length: rows, text: (i) => (valueAt && valueAt[i]! < 0 ? "" : cellText(values[valueAt ? valueAt[i]! : i])) };
}

/** The pages of one flat column in one row group, decoded one at a time as the caller asks. */
export interface FlatColumnPages {
  /** Rows in this row group. */
  rows: number;
  /** The next page; null after the last page. */
  next(): PageCells | null;
}

export async function openFlatColumn(
  buffer: AsyncBuffer,
  metadata: FileMetaData,
  rowGroup: number,
  column: string,
  compressors: Compressors,
  cellText: (value: unknown) => string,
): Promise<FlatColumnPages> {
  const group = metadata.row_groups[rowGroup]!;
  const chunk = group.columns.find(
    (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column,
  );
  if (!chunk?.meta_data) throw new Error(`no column chunk for "${column}" in row group ${rowGroup + 1}`);
  const meta = chunk.meta_data;
  const schemaPath = getSchemaPath(metadata.schema, [column]);
  const element = schemaPath.at(-1)!.element;
  const decoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element,
    schemaPath,
    codec: meta.codec,
    parsers: DEFAULT_PARSERS,
    compressors,
    utf8: true,
  };
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath);
  // Text a CSV holds as it is: UTF-8 strings, or bytes with no type (which a CSV holds as UTF-8).
  const isText =
    meta.type === "BYTE_ARRAY" &&
    (element.converted_type === "UTF8" ||
      element.logical_type?.type === "STRING" ||
      (!element.converted_type && !element.logical_type));
  const { start, end } = chunkRange(chunk);
  const bytes = await buffer.slice(start, end);
  const reader: DataReader = { view: new DataView(bytes), offset: 0 };
  const rows = Number(group.num_rows);
  let dictionary: DecodedArray | undefined;
  let dictionaryText: string[] | undefined;
  let row = 0;

  /** Cells read in place where the encoding allows (PLAIN text, a dictionary), else null. */
  const ownCells = (encoding: Encoding, values: Uint8Array, levels: Levels, count: number): PageCells | null => {
    if (encoding === "PLAIN" && isText) return plainTextCells(values, levels, count);
    if ((encoding === "PLAIN_DICTIONARY" || encoding === "RLE_DICTIONARY") && dictionary) {
      dictionaryText ??= Array.from(dictionary, cellText);
      return dictionaryCells(values, levels, count, dictionaryText);
    }
    return null;
  };

  const next = (): PageCells | null => {
    while (row < rows && reader.offset < bytes.byteLength) {
      const header = parquetHeader(reader);
      const compressed = new Uint8Array(bytes, reader.offset, header.compressed_page_size);
      reader.offset += header.compressed_page_size;
      const size = Number(header.uncompressed_page_size);
      if (header.type === "DICTIONARY_PAGE") {
        const page = decompressPage(compressed, size, meta.codec, compressors);
        const pageReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
        const count = header.dictionary_page_header!.num_values;
        dictionary = convert(readPlain(pageReader, meta.type, count, element.type_length), decoder);
        dictionaryText = undefined;
      } else if (header.type === "DATA_PAGE") {
        const daph = header.data_page_header!;
        row += daph.num_values;
        const page = decompressPage(compressed, size, meta.codec, compressors);
        if (daph.encoding === "PLAIN" ? isText : daph.encoding.endsWith("_DICTIONARY") && dictionary) {
          const levelReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
          const levels = readLevels(levelReader, daph.num_values, maxDefinitionLevel);
          const cells = ownCells(daph.encoding, page.subarray(levelReader.offset), levels, daph.num_values);
          if (cells) return cells;
        }
        const { definitionLevels, dataPage } = readDataPage(page, daph, decoder);
        const values = convertWithDictionary(dataPage, dictionary, daph.encoding, decoder);
        return decodedCells(definitionLevels, values, daph.num_values, maxDefinitionLevel, cellText);
      } else if (header.type === "DATA_PAGE_V2") {
        const daph2 = header.data_page_header_v2!;
        row += daph2.num_values;
        // Version 2 pages (rare in metadata files; DuckDB writes version 1) keep hyparquet's decoding.
        const { definitionLevels, dataPage } = readDataPageV2(compressed, header, decoder);
        const values = convertWithDictionary(dataPage, dictionary, daph2.encoding, decoder);
        return decodedCells(definitionLevels, values, daph2.num_values, maxDefinitionLevel, cellText);
      }
      // Index pages carry nothing to decode.
    }
    if (row < rows)
      throw new Error(`column "${column}" ends after ${row} of the ${rows} rows of row group ${rowGroup + 1}`);
    return null;
  };
  return { rows, next };
}
