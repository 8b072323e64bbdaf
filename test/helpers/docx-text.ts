/** The text of a .docx as its reader would copy it: each paragraph (body, headers, footers) on a line. */
import JSZip from 'jszip';

const decode = (xml: string) => xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export async function docxText(bytes: Buffer | Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((name) => /^word\/(?:document|header\d*|footer\d*)\.xml$/.test(name));
  const texts: string[] = [];
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    for (const paragraph of xml.split(/<\/w:p>/)) {
      const pieces = [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(br|tab|noBreakHyphen)\/>/g)].map((m) => (m[2] === 'noBreakHyphen' ? '-' : m[2] ? ' ' : decode(m[1]!)));
      texts.push(pieces.join(''));
    }
  }
  return texts.join('\n');
}
