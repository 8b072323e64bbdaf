/**
 * Import drafts: what an import read from a file (a spreadsheet of partners or of the parcours
 * register, a catalogue of measures, an exchange package), kept in main between its steps — preview,
 * then confirmation — under a token, so that the renderer never hands a path or a file's content
 * back to main. The one store of every import: a draft answers only to its own kind, goes when its
 * import ends or is abandoned (with its temporary folder, if it has one), and at most a few are kept
 * (the oldest goes first).
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/errors';

interface Draft {
  kind: string;
  value: unknown;
  /** Removes what the draft holds outside memory (the folder a package was unpacked into). */
  dispose?: () => void;
}

const drafts = new Map<string, Draft>();
const MAX_DRAFTS = 3;

export interface DraftsOf<T> {
  /** Keeps `value` for the next steps; returns its token. */
  keep(value: T, dispose?: () => void): string;
  /** The draft of a token, refused when it is gone or of another kind. */
  get(token: string): T;
  /** Ends a draft (done with, or abandoned); a token already gone is no error. */
  discard(token: string): void;
}

/** The drafts of one kind of import (« partners », « catalogue »…), typed. */
export function draftsOf<T>(kind: string): DraftsOf<T> {
  return {
    keep(value, dispose) {
      const token = randomUUID();
      drafts.set(token, { kind, value, dispose });
      while (drafts.size > MAX_DRAFTS) discardDraft(drafts.keys().next().value!);
      return token;
    },
    get(token) {
      const found = drafts.get(token);
      if (!found || found.kind !== kind) throw new ApiError('not_found', 'Cet import n’est plus en cours : choisissez de nouveau le fichier.');
      return found.value as T;
    },
    discard: discardDraft,
  };
}

function discardDraft(token: string): void {
  const found = drafts.get(token);
  drafts.delete(token);
  found?.dispose?.();
}
