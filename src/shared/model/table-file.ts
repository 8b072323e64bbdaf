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
  identityColumns?: number[];
}
