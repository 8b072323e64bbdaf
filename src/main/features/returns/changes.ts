/**
 * What taking a checked return in would change, read against Maillage as it is now: one line per
 * value the structure wrote that differs from what Maillage holds (old → new), and a conflict on
 * each line where Maillage itself changed after the workbook was made, so that the secretary sees
 * the three values (then, now, the structure's) and chooses. Nothing here writes.
 */
import { formatDate } from '../../../shared/format';
import { actionStatuses, meteoText, type ActionStatus, type Meteo } from '../../../shared/labels';
import type { ReturnFichePreview, ReturnFilePreview, ReturnLine, ReturnProblem } from '../../../shared/model/returns';
import type { Db } from '../../db/connection';
import { SHEETS, shownNumber } from './layout';
import type { CheckedReturn, ReadReturn } from './intake';

export interface Change {
  line: ReturnLine;
  actionId: string;
  /** What taking the line in writes. */
  apply: { field: 'status'; value: ActionStatus } | { field: 'meteo'; value: Meteo } | { field: 'progress'; value: number } | { field: 'text'; value: string } | { field: 'indicator'; indicatorId: string; value: number; on: string; comment: string | null };
}

const statusText = (s: ActionStatus | null) => (s ? actionStatuses.labels[s] : 'Non renseigné');
const meteoShown = (m: Meteo | null) => (m ? meteoText(m) : 'Non renseignée');
const valueShown = (value: number | null, on: string | null, unit: string | null) => (value === null ? 'Aucune valeur' : `${shownNumber(value, unit)} au ${formatDate(on)}`);

/** The changes of a checked return, and the problems of rows whose fiche or indicator is gone. */
export function returnChanges(db: Db, checked: CheckedReturn): { changes: Change[]; problems: ReturnProblem[] } {
  const changes: Change[] = [];
  const problems: ReturnProblem[] = [];
  const fiche = db.prepare('SELECT status, meteo, progress FROM actions WHERE id = ?');
  for (const answers of checked.fiches) {
    const { state } = answers;
    const now = fiche.get(state.id) as { status: ActionStatus; meteo: Meteo | null; progress: number } | undefined;
    const written = answers.status || answers.meteo || answers.progress || answers.done || answers.difficulties || answers.next;
    if (!now) {
      if (written) problems.push({ sheet: SHEETS.fiches, row: answers.row, column: 'A (Référence)', message: `La fiche ${state.code ?? state.title} a été supprimée depuis l’envoi du classeur : sa ligne n’est pas prise en compte.` });
      continue;
    }
    const add = (kind: ReturnLine['kind'], label: string, before: string | null, after: string, conflict: ReturnLine['conflict'], note: string | null, apply: Change['apply']) =>
      changes.push({ actionId: state.id, line: { id: `${state.id}:${kind}`, kind, label, before, after, conflict, note }, apply });
    if (answers.status && answers.status.value !== now.status) {
      const conflict = now.status !== state.status ? { whenMade: statusText(state.status) } : null;
      add('status', 'Statut', statusText(now.status), statusText(answers.status.value), conflict, answers.status.note, { field: 'status', value: answers.status.value });
    }
    if (answers.meteo && answers.meteo.value !== now.meteo) {
      const conflict = now.meteo !== state.meteo ? { whenMade: meteoShown(state.meteo) } : null;
      add('meteo', 'Météo', meteoShown(now.meteo), meteoShown(answers.meteo.value), conflict, answers.meteo.note, { field: 'meteo', value: answers.meteo.value });
    }
    if (answers.progress && answers.progress.value !== now.progress) {
      const conflict = now.progress !== state.progress ? { whenMade: `${state.progress} %` } : null;
      add('progress', 'Avancement', `${now.progress} %`, `${answers.progress.value} %`, conflict, answers.progress.note, { field: 'progress', value: answers.progress.value });
    }
    for (const [kind, label] of [
      ['done', 'Ce qui a été fait'],
      ['difficulties', 'Difficultés rencontrées'],
      ['next', 'Prochaines étapes'],
    ] as const) {
      const answer = answers[kind];
      if (answer) add(kind, label, null, answer.value, null, answer.note, { field: 'text', value: answer.value });
    }
  }
  const indicator = db.prepare(
    `SELECT i.id, i.action_id, i.unit,
       (SELECT v.value FROM indicator_values v WHERE v.indicator_id = i.id ORDER BY v.measured_on DESC, v.created_at DESC LIMIT 1) AS last_value,
       (SELECT v.measured_on FROM indicator_values v WHERE v.indicator_id = i.id ORDER BY v.measured_on DESC, v.created_at DESC LIMIT 1) AS last_on
     FROM indicators i WHERE i.id = ?`,
  );
  const sameValue = db.prepare('SELECT 1 FROM indicator_values WHERE indicator_id = ? AND measured_on = ? AND value = ?');
  for (const answer of checked.indicators) {
    const { state } = answer;
    const now = indicator.get(state.id) as { id: string; action_id: string; unit: string | null; last_value: number | null; last_on: string | null } | undefined;
    if (!now) {
      problems.push({ sheet: SHEETS.indicators, row: answer.row, column: 'B (Indicateur)', message: `L’indicateur « ${state.name} » a été supprimé depuis l’envoi du classeur : sa valeur n’est pas prise en compte.` });
      continue;
    }
    // Maillage already holds this very value at this date: nothing to add.
    if (sameValue.get(state.id, answer.on, answer.value)) continue;
    const changedSince = now.last_value !== state.lastValue || now.last_on !== state.lastOn;
    changes.push({
      actionId: now.action_id,
      line: {
        id: `${state.id}:indicator`,
        kind: 'indicator',
        label: state.name,
        before: valueShown(now.last_value, now.last_on, now.unit),
        after: valueShown(answer.value, answer.on, now.unit) + (answer.comment ? ` (${answer.comment})` : ''),
        conflict: changedSince ? { whenMade: valueShown(state.lastValue, state.lastOn, now.unit) } : null,
        note: answer.note,
      },
      apply: { field: 'indicator', indicatorId: state.id, value: answer.value, on: answer.on, comment: answer.comment },
    });
  }
  return { changes, problems };
}

/** The preview of one file, as the secretary sees it. */
export function filePreview(db: Db, key: string, read: ReadReturn): ReturnFilePreview {
  if (!read.ok) {
    return { key, fileName: read.fileName, outcome: 'refused', reason: read.reason, structure: read.structure, campaign: read.campaign, madeOn: null, fiches: [], problems: [], warnings: [] };
  }
  const { changes, problems } = returnChanges(db, read);
  const taken = db.prepare('SELECT taken_in_at FROM return_intakes WHERE fingerprint = ?').pluck().get(read.fingerprint) as string | undefined;
  const byFiche = new Map<string, ReturnFichePreview>();
  const fiches = db.prepare('SELECT code, title FROM actions WHERE id = ?');
  for (const change of changes) {
    let entry = byFiche.get(change.actionId);
    if (!entry) {
      const { code, title } = fiches.get(change.actionId) as { code: string | null; title: string };
      entry = { actionId: change.actionId, code, title, lines: [] };
      byFiche.set(change.actionId, entry);
    }
    entry.lines.push(change.line);
  }
  return {
    key,
    fileName: read.fileName,
    outcome: taken ? 'already' : 'ready',
    reason: taken ? `Ce classeur a déjà été pris en compte le ${formatDate(taken)} : le reprendre ne changerait rien.` : null,
    structure: read.request.partner_name,
    campaign: { id: read.stamp.header.campaignId, name: read.campaignName },
    madeOn: read.stamp.header.madeAt,
    fiches: [...byFiche.values()],
    problems: [...read.problems, ...problems],
    warnings: read.warnings,
  };
}

/** How a preview's lines are compared at the time of taking them in: anything that moved means Maillage changed meanwhile. */
export function linesSignature(changes: Change[]): string {
  return JSON.stringify(changes.map((c) => [c.line.id, c.line.before, c.line.after, c.line.conflict]));
}
