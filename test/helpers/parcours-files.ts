/**
 * The parcours register a secretary keeps in Excel before Maillage: a title, then columns of her own
 * wording, some of which identify the person (and must never be imported). Shared by the integration,
 * e2e and bench runs.
 */
import ExcelJS from 'exceljs';

export const REGISTER_TITLE = 'CDLP Gironde – suivi des parcours de sortie (secrétariat DDETS)';

export const REGISTER_HEADERS = [
  'N° dossier',
  'Nom',
  'Prénom',
  'Date de naissance',
  'Référence',
  'Association',
  'Nature',
  'Demande renouvelée',
  'Reçue le',
  'Date de la commission',
  'Avis',
  'Décision',
  'Date de la décision',
  'Arrêté',
  'Début',
  'Fin',
  'AFIS',
  'Titre de séjour',
  'État',
  'Motif de sortie',
  'Date de sortie',
  'Sexe',
  'Tranche d’âge',
  'Nationalité',
  'Observations',
];

type Row = Record<(typeof REGISTER_HEADERS)[number], string>;

/** One row of the register, by header. */
export function row(values: Partial<Row>): string[] {
  return REGISTER_HEADERS.map((h) => values[h] ?? '');
}

/** Eight requests over two years: two chains with renewals, a refusal, an exit, one waiting, one adjourned, one without reference. */
export const REGISTER_ROWS: string[][] = [
  row({ 'N° dossier': 'AGDREF 3301234567', Nom: 'FICTIVE', Prénom: 'Alice', 'Date de naissance': '12/04/1996', Référence: 'AN-2024-01', Association: 'AMICALE DU NID - GIRONDE', Nature: 'Première demande', 'Reçue le': '15/01/2024', 'Date de la commission': '05/02/2024', Avis: 'Favorable', Décision: 'Autorisé', 'Date de la décision': '12/02/2024', Arrêté: '2024-033', Début: '12/02/2024', AFIS: 'oui', 'Titre de séjour': 'oui', État: 'Terminé', 'Motif de sortie': 'Renouvelé', Sexe: 'F', 'Tranche d’âge': '25-34', Nationalité: 'Hors UE' }),
  row({ 'N° dossier': 'AGDREF 3301234567', Nom: 'FICTIVE', Prénom: 'Alice', 'Date de naissance': '12/04/1996', Référence: 'AN-2024-07', Association: 'Amicale du Nid – Gironde', Nature: 'Renouvellement n° 1', 'Demande renouvelée': 'AN-2024-01', 'Reçue le': '15/07/2024', 'Date de la commission': '05/08/2024', Avis: 'Favorable', Décision: 'Autorisée', 'Date de la décision': '09/08/2024', AFIS: 'x', 'Titre de séjour': 'x', État: 'Terminé', 'Motif de sortie': 'Renouvelé', Sexe: 'F', 'Tranche d’âge': '25-34', Nationalité: 'Hors UE' }),
  row({ Nom: 'FICTIVE', Prénom: 'Alice', Référence: 'AN-2025-02', Association: 'Amicale du Nid – Gironde', Nature: 'Renouvellement n° 2', 'Demande renouvelée': 'AN-2024-07', 'Reçue le': '20/01/2025', 'Date de la commission': '03/02/2025', Avis: 'Favorable', Décision: 'Autorisé', 'Date de la décision': '10/02/2025', AFIS: 'oui', État: 'En cours', Sexe: 'F', 'Tranche d’âge': '25-34', Nationalité: 'Hors UE' }),
  row({ 'N° dossier': 'CAF 7788990', Nom: 'EXEMPLE', Prénom: 'Bea', Référence: 'MN-2024-03', Association: 'Mouvement du Nid', Nature: 'Première demande', 'Reçue le': '10 avril 2024', 'Date de la commission': '06/05/2024', Avis: 'Défavorable', Décision: 'Refusé', 'Date de la décision': '20/05/2024', État: 'Terminé', Sexe: 'Femme', Nationalité: 'UE', Observations: 'Pièces incomplètes au moment de l’examen' }),
  row({ Nom: 'MODELE', Prénom: 'Chloé', Référence: 'AN-2024-11', Association: 'Amicale du Nid – Gironde', Nature: 'Première demande', 'Reçue le': '02/09/2024', 'Date de la commission': '30/09/2024', Avis: 'Favorable', Décision: 'Autorisé', 'Date de la décision': '07/10/2024', 'Titre de séjour': 'oui', État: 'Terminé', 'Motif de sortie': 'Sortie anticipée', 'Date de sortie': '15/12/2024', Sexe: 'Femme', 'Tranche d’âge': '18–24 ans', Nationalité: 'Hors Union européenne' }),
  row({ Nom: 'TEMOIN', Prénom: 'Dana', Association: 'Amicale du Nid – Gironde', Nature: 'Première demande', 'Reçue le': '14/11/2025', État: 'En instruction', Sexe: 'Femme', Nationalité: 'Française' }),
  row({ Nom: 'ESSAI', Prénom: 'Eva', Référence: 'CIDFF-2025-4', Association: 'CIDFF de la Gironde', Nature: 'Première demande', 'Reçue le': '01/10/2025', 'Date de la commission': '03/11/2025', Avis: 'Ajourné', État: 'En instruction', 'Tranche d’âge': '35-44' }),
  row({ Nom: 'PROTO', Prénom: 'Fanny', Référence: 'AN-2025-09', Association: 'Amicale du Nid – Gironde', Nature: 'Première demande', 'Reçue le': '08/09/2025', 'Date de la commission': '06/10/2025', Avis: 'Favorable', Décision: 'Autorisé', 'Date de la décision': '13/10/2025', AFIS: 'oui', État: 'En cours', 'Tranche d’âge': '45 ans et plus' }),
];

/** The same register with two rows a secretary would have to fix: a renewal past 24 months, an impossible date. */
export function registerRowsWithErrors(): string[][] {
  const rows = REGISTER_ROWS.map((r) => [...r]);
  const at = (name: string) => REGISTER_HEADERS.indexOf(name);
  // The third request of Alice's chain asks to run to the end of 2026: 24 months from 12/02/2024 end on 11/02/2026.
  rows[2]![at('Fin')] = '31/12/2026';
  rows[7]![at('Reçue le')] = '31/02/2025';
  return rows;
}

export async function registerXlsx(rows: string[][] = REGISTER_ROWS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Registre PSP');
  sheet.addRow([REGISTER_TITLE]);
  sheet.addRow([]);
  sheet.addRow(REGISTER_HEADERS);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** French Excel's CSV: `;`, the header on the first line. */
export function registerCsv(rows: string[][] = REGISTER_ROWS): string {
  const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [REGISTER_HEADERS, ...rows].map((r) => r.map(cell).join(';')).join('\r\n');
}
