/**
 * Takes a checked return in, in one transaction per file: the lines the secretary accepted, and on
 * each conflict the side she chose. Each fiche gets one journal entry attributed to the structure
 * (« Remontée de … du … ») carrying the status, météo and progress taken and the texts written; each
 * indicator a dated value; the history records every change. The same answers are never taken in
 * twice, and a file whose changes moved since its preview is refused: it is previewed again.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import type { ActionStatus, Meteo } from '../../../shared/labels';
import type { ReturnApplyReport } from '../../../shared/model/returns';
import { parisToday } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { addJournalEntry } from '../measures/actions';
import { linesSignature, returnChanges, type Change } from './changes';
import type { CheckedReturn, ReadReturn } from './intake';

export interface Decisions {
  /** Lines (without conflict) taken in. */
  accepted: readonly string[];
  /** The side chosen on each conflict; a conflict without a choice is never settled here. */
  choices: Readonly<Record<string, 'structure' | 'maillage'>>;
}

type FileReport = ReturnApplyReport['files'][number];

/** Every line taken as it is, conflicts left to the secretary (what « tout accepter » means). */
export function acceptAll(db: Db, read: CheckedReturn): Decisions {
  return { accepted: returnChanges(db, read).changes.filter((c) => !c.line.conflict).map((c) => c.line.id), choices: {} };
}

export function applyReturn(db: Db, key: string, read: ReadReturn, previewed: string | null, decisions: Decisions, now: Date): FileReport {
  const report = (outcome: FileReport['outcome'], reason: string | null, journalEntries = 0, indicatorValues = 0): FileReport => ({
    key,
    fileName: read.fileName,
    structure: read.ok ? read.request.partner_name : read.structure,
    outcome,
    reason,
    journalEntries,
    indicatorValues,
  });
  if (!read.ok) return report('refused', read.reason);
  const at = now.toISOString();
  const today = parisToday(now);
  try {
    return db.transaction(() => {
      const taken = db.prepare('SELECT taken_in_at FROM return_intakes WHERE fingerprint = ?').pluck().get(read.fingerprint) as string | undefined;
      if (taken) return report('unchanged', `Ce classeur a déjà été pris en compte le ${formatDate(taken)} : rien n’a changé.`);
      const { changes } = returnChanges(db, read);
      if (previewed !== null && linesSignature(changes) !== previewed)
        throw new ApiError('conflict', 'Maillage a changé depuis l’aperçu de ce classeur (une fiche ou un indicateur a été modifié) : rien n’a été pris, déposez-le de nouveau pour voir ses changements à jour.');
      const undecided = changes.filter((c) => c.line.conflict && !decisions.choices[c.line.id]);
      if (undecided.length > 0)
        throw new ApiError('conflict', `${undecided.length === 1 ? 'Un conflit reste' : `${undecided.length} conflits restent`} à trancher (${undecided.map((c) => c.line.label).join(', ')}) : rien n’a été pris de ce classeur.`);
      const chosen = changes.filter((c) => (c.line.conflict ? decisions.choices[c.line.id] === 'structure' : decisions.accepted.includes(c.line.id)));
      const request = read.request;
      const receivedOn = request.answered_on ?? today;
      const intakeId = randomUUID();
      const heading = `Remontée de ${request.partner_name} du ${formatDate(receivedOn)}`;
      db.prepare('INSERT INTO return_intakes (id, request_id, fingerprint, file_name, taken_in_at, summary) VALUES (?, ?, ?, ?, ?, ?)').run(
        intakeId,
        request.id,
        read.fingerprint,
        read.fileName,
        at,
        JSON.stringify({ lines: chosen.map((c) => c.line.id), declined: changes.filter((c) => !chosen.includes(c)).map((c) => c.line.id) }),
      );
      const entries = journalEntries(db, chosen, heading, receivedOn, at, { intakeId, structure: request.partner_name });
      const values = indicatorValues(db, chosen, heading, at, intakeId);
      db.prepare('UPDATE return_requests SET answered_on = coalesce(answered_on, ?), taken_in_on = ? WHERE id = ?').run(today, today, request.id);
      recordChange(db, at, 'return_intake', intakeId, 'create', null, { requestId: request.id, structure: request.partner_name, fileName: read.fileName, journalEntries: entries, indicatorValues: values });
      return report(entries + values > 0 ? 'taken' : 'unchanged', entries + values > 0 ? null : 'Aucune modification retenue : la réponse est enregistrée, rien d’autre n’a changé.', entries, values);
    })();
  } catch (error) {
    if (error instanceof ApiError) return report('refused', error.message);
    throw error;
  }
}

/** One entry per fiche with something taken: the state fields taken, the texts below the heading. */
function journalEntries(db: Db, chosen: Change[], heading: string, entryOn: string, at: string, source: { intakeId: string; structure: string }): number {
  const byFiche = new Map<string, Change[]>();
  for (const change of chosen) if (change.apply.field !== 'indicator') byFiche.set(change.actionId, [...(byFiche.get(change.actionId) ?? []), change]);
  const before = db.prepare('SELECT status, meteo, progress FROM actions WHERE id = ?');
  for (const [actionId, list] of byFiche) {
    let status: ActionStatus | null = null;
    let meteo: Meteo | null = null;
    let progress: number | null = null;
    const texts: string[] = [];
    for (const { apply, line } of list) {
      if (apply.field === 'status') status = apply.value;
      else if (apply.field === 'meteo') meteo = apply.value;
      else if (apply.field === 'progress') progress = apply.value;
      else if (apply.field === 'text') texts.push(`${line.label} : ${apply.value}`);
    }
    const state = before.get(actionId) as Record<string, unknown>;
    addJournalEntry(db, { actionId, entryOn, text: [heading, ...texts].join('\n'), status, meteo, meteoReason: null, progress }, at, source);
    const after = before.get(actionId) as Record<string, unknown>;
    if (JSON.stringify(state) !== JSON.stringify(after)) recordChange(db, at, 'action', actionId, 'update', state, { ...after, returnedBy: source.structure });
  }
  return byFiche.size;
}

function indicatorValues(db: Db, chosen: Change[], heading: string, at: string, intakeId: string): number {
  const insert = db.prepare('INSERT INTO indicator_values (id, indicator_id, measured_on, value, note, return_intake_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let count = 0;
  for (const { apply } of chosen) {
    if (apply.field !== 'indicator') continue;
    const id = randomUUID();
    const note = apply.comment ? `${heading} : ${apply.comment}` : heading;
    insert.run(id, apply.indicatorId, apply.on, apply.value, note.slice(0, 1000), intakeId, at);
    recordChange(db, at, 'indicator_value', id, 'create', null, { id, indicatorId: apply.indicatorId, measuredOn: apply.on, value: apply.value, note });
    count++;
  }
  return count;
}

/** Marks the structures of checked files as having answered (the day their file came in), without taking anything in. */
export function recordAnswers(db: Db, reads: readonly ReadReturn[], now: Date): void {
  const today = parisToday(now);
  const mark = db.prepare('UPDATE return_requests SET answered_on = coalesce(answered_on, ?) WHERE id = ?');
  db.transaction(() => {
    for (const read of reads) if (read.ok) mark.run(today, read.request.id);
  })();
}
