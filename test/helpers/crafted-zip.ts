/**
 * Zips written byte by byte, so that a test can say what a hostile file declares and what it holds:
 * sizes that lie, deflate bombs, ZIP64 records, encrypted entries. Also the smallest .xlsx Excel
 * opens, to wrap crafted sheets in.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The content, deflated (or stored with `stored`). */
  content?: Buffer | string;
  /** Raw deflate data made beforehand (a bomb), with the size it really inflates to. */
  deflated?: { data: Buffer; size: number };
  stored?: boolean;
  /** The uncompressed size the headers declare, when it lies. */
  declaredSize?: number;
  /** Marked as encrypted (traditional PKWARE), as a password-protected zip is. */
  encrypted?: boolean;
}

const MAX32 = 0xffffffff;

/** A zip of `parts`; `zip64` writes every size and offset in ZIP64 records, as large-file writers do. */
export function craftZip(parts: ZipPart[], { zip64 = false } = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const raw = part.content === undefined ? Buffer.alloc(0) : Buffer.from(part.content);
    const data = part.deflated?.data ?? (part.stored ? raw : deflateRawSync(raw));
    const size = part.declaredSize ?? part.deflated?.size ?? raw.length;
    const crc = part.deflated ? 0 : crc32(raw);
    const method = part.stored ? 0 : 8;
    const flags = 0x0800 | (part.encrypted ? 1 : 0);
    const zip64Extra = (withOffset: boolean) => {
      const extra = Buffer.alloc(withOffset ? 28 : 20);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(extra.length - 4, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(data.length), 12);
      if (withOffset) extra.writeBigUInt64LE(BigInt(offset), 20);
      return extra;
    };
    const localExtra = zip64 ? zip64Extra(false) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? MAX32 : data.length, 18);
    local.writeUInt32LE(zip64 ? MAX32 : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const centralExtra = zip64 ? zip64Extra(true) : Buffer.alloc(0);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(zip64 ? 45 : 20, 4);
    entry.writeUInt16LE(zip64 ? 45 : 20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(zip64 ? MAX32 : data.length, 20);
    entry.writeUInt32LE(zip64 ? MAX32 : size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(centralExtra.length, 30);
    entry.writeUInt32LE(zip64 ? MAX32 : offset, 42);
    central.push(entry, name, centralExtra);
    chunks.push(local, name, localExtra, data);
    offset += local.length + name.length + localExtra.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    end.push(record, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? 0xffff : parts.length, 8);
  eocd.writeUInt16LE(zip64 ? 0xffff : parts.length, 10);
  eocd.writeUInt32LE(zip64 ? MAX32 : directory.length, 12);
  eocd.writeUInt32LE(zip64 ? MAX32 : offset, 16);
  return Buffer.concat([...chunks, directory, ...end, eocd]);
}

/**
 * Raw deflate data that inflates to `pieces` times `piece`, made in milliseconds: one piece
 * compressed and flushed on a byte boundary, repeated, then a final empty block. Whatever its size
 * once inflated, the file stays about a thousandth of it.
 */
export function deflateBomb(piece: Buffer, pieces: number): { data: Buffer; size: number } {
  const block = deflateRawSync(piece, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return { data: Buffer.concat([...Array<Buffer>(pieces).fill(block), deflateRawSync(Buffer.alloc(0))]), size: piece.length * pieces };
}

/** Deflates text made chunk by chunk (a sheet of millions of rows) without holding it whole. */
export function deflateChunks(chunks: Iterable<string>): { data: Buffer; size: number } {
  const out: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk, 'utf8');
    size += bytes.length;
    out.push(deflateRawSync(bytes, { level: 1, finishFlush: constants.Z_FULL_FLUSH }));
  }
  out.push(deflateRawSync(Buffer.alloc(0)));
  return { data: Buffer.concat(out), size };
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A sheet's XML with inline texts, the way some writers store them (no shared texts). */
export function sheetXml(rows: string[][]): string {
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${r + 1}" t="inlineStr"><is><t>${xmlText(c)}</t></is></c>`).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** The parts of the smallest workbook Excel opens, around sheets given as XML parts or deflated data. */
export function workbookParts(sheets: { name: string; part: Omit<ZipPart, 'name'>; hidden?: boolean }[]): ZipPart[] {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    {
      name: '[Content_Types].xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    },
    {
      name: '_rels/.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.hidden ? ' state="hidden"' : ''}/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    },
    ...sheets.map((s, i) => ({ ...s.part, name: `xl/worksheets/sheet${i + 1}.xml` })),
  ];
}
