/**
 * Just enough of the ZIP layout to list what an archive holds, so detection can tell a .docx from an
 * .xlsx (or an .odt, .ofd, plain .zip) by content. Nothing is decompressed here: the readers do that
 * through zip.ts with their size limits. (OLE2 directories are read by zip.ts's `inspectOle2`.)
 */

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
/** The end record is 22 bytes plus a comment of at most 65 535 bytes. */
const ZIP_END_SEARCH = 22 + 0xffff;
const MAX_NAMES = 20_000;

const NAME_DECODER = new TextDecoder('utf-8');

/**
 * Entry names from the central directory; when that is missing or damaged (a truncated download), from
 * the local headers, which sit before each entry's data. Empty when neither yields anything.
 */
export function zipEntryNames(bytes: Uint8Array): string[] {
  return centralDirectoryNames(bytes) ?? localHeaderNames(bytes);
}

function centralDirectoryNames(bytes: Uint8Array): string[] | null {
  const view = viewOf(bytes);
  const end = findZipEnd(bytes, view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  for (let i = 0; i < count && names.length < MAX_NAMES; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== ZIP_CENTRAL) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(NAME_DECODER.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names.length > 0 ? names : null;
}

function findZipEnd(bytes: Uint8Array, view: DataView): number {
  const stop = Math.max(0, bytes.length - ZIP_END_SEARCH);
  for (let at = bytes.length - 22; at >= stop; at--) {
    if (bytes[at] === 0x50 && view.getUint32(at, true) === ZIP_END) return at;
  }
  return -1;
}

function localHeaderNames(bytes: Uint8Array): string[] {
  const view = viewOf(bytes);
  const names: string[] = [];
  for (let at = 0; at + 30 <= bytes.length && names.length < MAX_NAMES; at++) {
    if (bytes[at] !== 0x50 || view.getUint32(at, true) !== ZIP_LOCAL) continue;
    const nameLength = view.getUint16(at + 26, true);
    if (nameLength === 0 || at + 30 + nameLength > bytes.length) continue;
    names.push(NAME_DECODER.decode(bytes.subarray(at + 30, at + 30 + nameLength)));
    at += 29 + nameLength;
  }
  return names;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
