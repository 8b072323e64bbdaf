/**
 * A spreadsheet being imported, as main read it (partners, the parcours register): enough for the wizard
 * to show the columns and a few sample rows. The file itself stays in main, behind the token.
 */
export interface TableFile<F extends string> {
  token: string;
  fileName: string;
  formatLabel: string;
  /** Row number (1-based, as Excel shows it) of the header line. */
  headerLine: number;
  headers: string[];
  /** The first rows under the header, to help the user recognise each column. */
  samples: string[][];
  rowCount: number;
  /** Field suggested for each column, null when it is not recognised. */
  mapping: (F | null)[];
  /** About the whole file (its encoding, characters removed): shown until the import ends. */
  warnings: string[];
  /** Columns that identify a person: shown, never read, never mappable. */
  identityColumns?: IdentityColumn[];
  /**
   * For each column, the free-text field its header names (« Observations »), which main never
   * suggests: only the user may choose it, having checked what the column holds.
   */
  freeText?: (F | null)[];
}

/** A column left aside because it identifies a person. */
export interface IdentityColumn {
  column: number;
  header: string;
  /** Why, when its values gave it away (« ressemble à un IBAN, ligne 4 »); null when its header did. */
  reason: string | null;
}

/** « Nom, Infos (ressemble à un IBAN, ligne 4) »: the columns left aside, as the wizard and the CLI name them. */
export function identityList(columns: readonly IdentityColumn[]): string {
  return columns.map((c) => (c.reason ? `${c.header} (${c.reason})` : c.header)).join(', ');
}
