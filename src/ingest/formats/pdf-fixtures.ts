/**
 * Test helper: small, valid PDFs written by hand, so the reader's tests need no LibreOffice. Chinese is set
 * in STSong-Light, a font every PDF reader must supply (not embedded) through the UniGB-UCS2-H CMap, so it
 * also exercises pdfjs's CMap loading; Latin text is Helvetica.
 */

export interface PdfPageSpec {
  /** Content stream operators (see `cjk`, `latin`, `image`). */
  content: string;
  width?: number;
  height?: number;
}

export interface PdfOptions {
  /**
   * A standard security handler whose user password is not empty (the /U entry matches no password), so
   * the document cannot be opened without one.
   */
  encrypted?: boolean;
}

/** Chinese (or any BMP) text at (x, y): every glyph is 1 em wide. */
export function cjk(x: number, y: number, size: number, text: string): string {
  const hex = [...text].map((char) => char.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  return `BT /F2 ${size} Tf ${x} ${y} Td <${hex}> Tj ET\n`;
}

/** ASCII text at (x, y) in Helvetica. */
export function latin(x: number, y: number, size: number, text: string): string {
  const escaped = text.replace(/[\\()]/g, (char) => `\\${char}`);
  return `BT /F1 ${size} Tf ${x} ${y} Td (${escaped}) Tj ET\n`;
}

/** A grey image filling the box: what a scanned page is made of. */
export function image(x: number, y: number, width: number, height: number): string {
  return `q ${width} 0 0 ${height} ${x} ${y} cm /Im1 Do Q\n`;
}

export function buildPdf(pages: readonly PdfPageSpec[], options: PdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const firstPage = 8;
  const kids = pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
  );
  add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>',
  );
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 ' +
      '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
  );
  add(
    '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\n' +
      'stream\n\x80\x40\x40\x80\nendstream',
  );
  for (const page of pages) {
    const width = page.width ?? 595;
    const height = page.height ?? 842;
    const self = objects.length + 1;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> /XObject << /Im1 7 0 R >> >> /Contents ${self + 1} 0 R >>`,
    );
    add(`<< /Length ${Buffer.byteLength(page.content, 'latin1')} >>\nstream\n${page.content}endstream`);
  }
  let encrypt = '';
  if (options.encrypted) {
    const filler = 'ab'.repeat(32);
    add(`<< /Filter /Standard /V 1 /R 2 /O <${filler}> /U <${'cd'.repeat(32)}> /P -44 >>`);
    encrypt = ` /Encrypt ${objects.length} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`;
  }
  return serialize(objects, encrypt);
}

function serialize(objects: readonly string[], trailerExtra: string): Uint8Array {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
