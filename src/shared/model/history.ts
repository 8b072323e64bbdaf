export type HistoryOp = 'create' | 'update' | 'delete';

/** One field of a recorded change, formatted for reading (dates dd/mm/yyyy, codes as labels). */
export interface HistoryChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
  /** False for a field shown for context only (unchanged in an update). */
  changed: boolean;
}

export interface HistoryEntry {
  seq: number;
  /** ISO UTC timestamp. */
  at: string;
  op: HistoryOp;
  entity: string;
  entityId: string;
  /** « Structure », « Contact »… */
  entityLabel: string;
  /** The record's name at that time (« Marie Dupont »), when it is not the record asked about itself. */
  subject: string | null;
  changes: HistoryChange[];
  /** A record put back by « Annuler » after its deletion (shown « Suppression annulée »). */
  undoesDeletion: boolean;
}
