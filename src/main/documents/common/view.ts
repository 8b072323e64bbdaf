/** View-model pieces shared by every Maillage document. */

export interface Logo {
  bytes: Uint8Array;
  type: 'png' | 'jpg';
}

export interface DocumentHeader {
  logo: Logo | null;
  commissionName: string;
  departmentName: string;
  /** « Compte rendu », « Relevé de décisions », « Convocation », « Feuille d’émargement ». */
  documentTitle: string;
  /** « Séance plénière du jeudi 12 mars 2026 ». */
  sessionTitle: string;
  /** A mention in capitals above the title: « Diffusion restreinte », « Projet ». */
  mentions?: string[];
}
