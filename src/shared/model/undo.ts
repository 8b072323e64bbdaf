/** « Annuler » after a deletion (src/main/commission-file/undo.ts). */
export interface UndoOffer {
  /** Names, in main, what the deletion removed; main alone keeps the rows. */
  token: string;
  /** How long the message offers « Annuler ». */
  seconds: number;
}

/** A deletion's answer: its result, and the offer to undo it, or null when it cannot be undone (files removed from the disk). */
export type Undoable<T> = T & { undo: UndoOffer | null };
