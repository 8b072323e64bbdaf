/** What the Rapports channels return. */

/** What a report for the chosen period will contain, shown before generating it. */
export interface ReportPreview {
  /** « Année 2025 », « 1er semestre 2026 », « du 1er mars 2025 au 28 février 2026 ». */
  periodLabel: string;
  previousLabel: string;
  frameworks: { code: string; shortTitle: string; title: string; actions: number }[];
  counts: {
    actions: number;
    /** Fiches suspended, late or under a troubled météo at the end of the period. */
    difficulties: number;
    journalEntries: number;
    /** Parcours de sortie requests received in the period, first requests and renewals. */
    parcoursRequests: number;
    indicators: number;
    protocolsSigned: number;
    protocolsDue: number;
    protocolsEnded: number;
    sessions: number;
    decisions: number;
    openFollowUps: number;
    partners: number;
    members: number;
    contacts: number;
  };
}

export interface ReportListItem {
  id: string;
  title: string;
  fromOn: string;
  toOn: string;
  filePath: string;
  generatedAt: string;
  /** False when the file was moved or deleted since: it can no longer be opened from the list. */
  fileExists: boolean;
}
