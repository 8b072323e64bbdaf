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

/**
 * The Gironde commission's directory as its secretary keeps it: two title lines and a blank line
 * above the header, the type in her own words (« Association agréée », « Tribunal judiciaire »),
 * the contact's full name with a title in one column, a « Membre CDLP » column and the date each
 * line was last checked. Row 7 (Excel's numbering) of the CSV has an address on two lines.
 */
export const GIRONDE_TITLE = ['Commission départementale de lutte contre la prostitution – Gironde', 'Annuaire des partenaires, tenu par le secrétariat (DDETS)'];
export const GIRONDE_HEADERS = ['Structure', 'Type', 'Adresse', 'CP', 'Ville', 'Nom du contact', 'Fonction', 'Courriel', 'Tél.', 'Membre CDLP', 'Mis à jour le'];
export const GIRONDE_ROWS: string[][] = [
  ['Préfecture de la Gironde', 'Préfecture', '2, esplanade Charles-de-Gaulle', '33000', 'Bordeaux', 'Mme Claire Dubreuil', 'Sous-préfète chargée de mission', 'claire.dubreuil@gironde.gouv.fr', '05 56 90 60 60', 'oui', '12/01/2026'],
  ['DDETS de la Gironde', 'DDETS', '118, cours du Maréchal-Juin', '33000', 'Bordeaux', 'Mme Nadia Benali', 'Déléguée départementale aux droits des femmes', 'nadia.benali@gironde.gouv.fr', '05 56 00 01 02', 'oui', '15/01/26'],
  ['Amicale du Nid 33', 'Association agréée', '12, rue Élie-Gintrac\nBâtiment B', '33000', 'Bordeaux', 'Dr Béatrice Lœuillet', 'Médecin coordinatrice', 'b.loeuillet@amicaledunid.org', '05 56 00 00 01', 'oui', '3 décembre 2025'],
  ['Amicale du Nid 33', 'Association agréée', '12, rue Élie-Gintrac\nBâtiment B', '33000', 'Bordeaux', 'M. Karim Haddad', 'Éducateur spécialisé', 'k.haddad@amicaledunid.org', '05 56 00 00 02', 'non', '03.12.2025'],
  ['Tribunal judiciaire de Bordeaux – parquet', 'Tribunal judiciaire', '30, rue des Frères-Bonie', '33000', 'Bordeaux', 'M. Jean-Marc de La Tour', 'Procureur adjoint', 'jean-marc.de-la-tour@justice.fr', '05 47 33 90 00', 'oui', '1er février 2026'],
  ['Groupement de gendarmerie de la Gironde', 'Gendarmerie', '29, rue Ferdinand-Buisson', '33130', 'Bègles', 'LEROY Thomas', 'Commandant de la maison de protection des familles', 'thomas.leroy@gendarmerie.interieur.gouv.fr', '05 56 00 03 04', 'oui', ''],
  ['CHU de Bordeaux – UAPED', 'Hôpital', 'Place Amélie-Raba-Léon', '33000', 'Bordeaux', 'Pr Olivier Brissaud', 'Pédiatre, responsable de l’UAPED', 'olivier.brissaud@chu-bordeaux.fr', '05 56 79 56 79', 'non', '20/11/2025'],
  ['CHRS Le Lien', 'CHRS', '4, allée des Pins', '33700', 'Mérignac', '', '', '', '', '', ''],
  ['Ordre des avocats de Bordeaux', 'Barreau', '1, rue de Cursol', '33000', 'Bordeaux', 'Me Laure Cassagne', 'Avocate référente mineurs', 'l.cassagne@barreau-bordeaux.fr', '', 'non', '05/01/2026'],
];

/** The directory saved by French Excel as « CSV (séparateur : point-virgule) »: Windows-1252 bytes. */
export function girondeCsv(): Buffer {
  const cell = (v: string) => (v.includes(';') || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [...GIRONDE_TITLE.map((t) => [t]), [], GIRONDE_HEADERS, ...GIRONDE_ROWS].map((r) => r.map(cell).join(';'));
  return windows1252(lines.join('\r\n') + '\r\n');
}

/** The same directory as an .xlsx: real dates in the « Mis à jour le » column, postcodes as numbers. */
export async function girondeXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Partenaires CDLP');
  for (const title of GIRONDE_TITLE) ws.addRow([title]);
  ws.addRow([]);
  ws.addRow(GIRONDE_HEADERS);
  for (const r of GIRONDE_ROWS) {
    const cells: (string | number | Date)[] = [...r];
    cells[3] = Number(r[3]);
    const date = r[10] ? girondeDate(r[10]) : '';
    cells[10] = date ? new Date(`${date}T00:00:00Z`) : '';
    ws.addRow(cells);
  }
  ws.getColumn(11).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The ISO date each Gironde row was checked, as the import should read it. */
export function girondeDate(text: string): string {
  const known: Record<string, string> = {
    '12/01/2026': '2026-01-12',
    '15/01/26': '2026-01-15',
    '3 décembre 2025': '2025-12-03',
    '03.12.2025': '2025-12-03',
    '1er février 2026': '2026-02-01',
    '20/11/2025': '2025-11-20',
    '05/01/2026': '2026-01-05',
  };
  return known[text] ?? '';
}
