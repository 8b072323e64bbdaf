/**
 * Partner lists as secretaries receive them, written by the tests themselves: French Excel CSV
 * (Windows-1252, `;`), UTF-8 CSV with and without BOM, comma CSV, and .xlsx with a title row and dates.
 */
import ExcelJS from 'exceljs';

export const HEADERS = ['Structure', 'Type', 'Adresse', 'Code postal', 'Commune', 'Téléphone', 'Courriel', 'Fonction', 'Nom du contact', 'Prénom'];

export const ROWS: string[][] = [
  ['Amicale du Nid – Bordeaux', 'Association agréée parcours de sortie', '12, rue Élie-Gintrac', '33000', 'Bordeaux', '05 56 00 00 01', 'accueil@amicaledunid.org', 'Directrice', 'Desfontaines', 'Hélène'],
  ['Amicale du Nid – Bordeaux', 'Association agréée parcours de sortie', '12, rue Élie-Gintrac', '33000', 'Bordeaux', '05 56 00 00 02', 'jerome.leclerc@amicaledunid.org', 'Éducateur « prévention »', 'Leclerc', 'Jérôme'],
  ['Brigade de protection des familles', 'Police nationale', '23, rue François-de-Sourdis', '33000', 'Bordeaux', '05 57 00 00 00', 'pas-une-adresse', 'Commandante', 'Bézier', 'Anaïs'],
  ['CHRS L’Escale', 'Foyer d’hébergement', '4 allée des Pins', '33700', 'Mérignac', '', '', '', '', ''],
];

/** Text with `;`, quotes where needed (a cell with a line break and one with a quote). */
export function csvText(separator = ';', rows: string[][] = ROWS): string {
  const cell = (v: string) => (v.includes(separator) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);
  return [HEADERS, ...rows].map((r) => r.map(cell).join(separator)).join('\r\n') + '\r\n';
}

/** Windows-1252 bytes, as « CSV (séparateur : point-virgule) » from French Excel writes them. */
export function windows1252(text: string): Buffer {
  const table: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Œ': 0x8c };
  return Buffer.from(
    [...text].map((ch) => {
      if (table[ch] !== undefined) return table[ch];
      const code = ch.codePointAt(0)!;
      if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
      return code;
    }),
  );
}

/** An .xlsx with a title and a blank row above the header, a date column and numeric postcodes. */
export async function xlsxWithTitle(rows: string[][] = ROWS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Annuaire');
  ws.addRow(['Annuaire des partenaires – CDLP de la Gironde']);
  ws.addRow([]);
  ws.addRow([...HEADERS, 'Confirmé le']);
  rows.forEach((r, i) => {
    const cells: (string | number | Date)[] = [...r];
    cells[3] = Number(r[3]); // Excel holds postcodes as numbers.
    cells.push(new Date(Date.UTC(2025, 0, 15 + i)));
    ws.addRow(cells);
  });
  ws.getColumn(HEADERS.length + 1).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
