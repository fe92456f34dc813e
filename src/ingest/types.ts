/**
 * What every reader turns a file into: the decoded text the pipeline reads, plus a map from text offsets
 * back to the source (PDF page and position, DOCX paragraph or table cell, HTML element), so a finding can
 * point at the page it stands on.
 */
import type { Indicator } from '../model/schema.ts';

export type SourceFormat = 'txt' | 'docx' | 'pdf' | 'html' | 'xlsx' | 'xls';

/** A stretch of the text and where it came from. Blocks are in text order and do not overlap. */
export interface SourceBlock {
  start: number;
  end: number;
  kind: 'paragraph' | 'heading' | 'table-row' | 'cell' | 'line';
  /** PDF: 1-based page. */
  page?: number;
  /** PDF: position of the block's first glyph on the page, in PDF user units (origin bottom-left). */
  x?: number;
  y?: number;
  /** DOCX/HTML/XLSX: where in the source, e.g. `body/p[12]`, `body/tbl[1]/tr[3]/tc[2]`, `html/body/article/p[4]`, `Sheet1!B7`. */
  path?: string;
}

export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

export interface IngestResult {
  format: SourceFormat;
  text: string;
  /** Character encoding the text was decoded from (plain text and HTML). */
  encoding?: string;
  blocks: SourceBlock[];
  /** PDF only: the text range of each page. */
  pages?: PageSpan[];
  /** Score sheets read from XLSX/XLS/DOCX tables into the model's indicator structure. */
  indicators?: Indicator[];
}

export interface ReaderLimits {
  /** Largest input file. */
  maxBytes: number;
  /** ZIP containers (DOCX/XLSX): total uncompressed size and number of entries (zip-bomb guards). */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Wall-clock budget for one file. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntries: 2000,
  timeoutMs: 30_000,
};

export interface ReaderOptions {
  /** The file name, for error messages. */
  name: string;
  limits: ReaderLimits;
  /** Aborted when the loader's time limit runs out; readers that can stop early (PDF) listen to it. */
  signal?: AbortSignal;
}

/** A reader: bytes of one format → text with its source map. Throws JixiaoError only. */
export type Reader = (bytes: Uint8Array, options: ReaderOptions) => Promise<IngestResult>;
