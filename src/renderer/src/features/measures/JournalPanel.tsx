import { useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { parisToday } from '../../../../shared/wallclock';
import { actionStatuses, meteos } from '../../../../shared/labels';
import type { ActionDetail, JournalEntry } from '../../../../shared/model/measures';
import { journalFields } from '../../../../shared/schemas/actions';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog, FormDialog } from '../../components/Dialog';
import { Field, FormError, pickFields, PRIVACY_HINT, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import { PanelCard } from '../../components/PanelCard';
import { useUndoableDelete } from '../../components/Toast';
import { METEO_COLORS, MeteoBadge, StatusBadge } from './badges';
import { MeteoChoice } from './MeteoChoice';
import { Writes } from '../../components/ReadOnly';

/** The fiche's history, newest first: what was done, and how status, météo and progress moved. */
export function JournalPanel({ action, onChange }: { action: ActionDetail; onChange: (detail: ActionDetail, message: string) => void }) {
  const [editing, setEditing] = useState<JournalEntry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<JournalEntry | null>(null);
  const undoableDelete = useUndoableDelete();

  async function remove(entry: JournalEntry) {
    setDeleting(null);
    const detail = await undoableDelete(() => api.journal.delete({ id: entry.id }), 'Entrée retirée du journal.', async () =>
      onChange(await api.actions.get({ id: action.id }), ''),
    );
    if (detail) onChange(detail, '');
  }

  return (
    <PanelCard
      title="Journal"
      count={action.journal.length}
      add={{ label: 'Nouvelle entrée', onClick: () => setEditing('new') }}
      empty="Aucune entrée : notez ici chaque étape, réunion ou difficulté, avec la météo du moment."
      dialogs={
        <>
          {editing && (
            <JournalDialog
              action={action}
              entry={editing === 'new' ? null : editing}
              onClose={() => setEditing(null)}
              onSaved={(detail, created) => {
                setEditing(null);
                onChange(detail, created ? 'Entrée ajoutée au journal.' : 'Entrée modifiée.');
              }}
            />
          )}
          <ConfirmDialog open={deleting !== null} title="Supprimer cette entrée ?" confirmLabel="Supprimer" danger onConfirm={() => deleting && remove(deleting)} onCancel={() => setDeleting(null)}>
            <p>L’entrée du {formatDate(deleting?.entryOn)} sera supprimée. Si elle fixait le statut, la météo ou l’avancement, la fiche reprendra ceux de l’entrée précédente.</p>
          </ConfirmDialog>
        </>
      }
    >
      <ol className="timeline">
        {action.journal.map((entry) => (
          <li key={entry.id} className="timeline-entry">
            <span className="timeline-dot" style={{ background: entry.meteo ? METEO_COLORS[entry.meteo] : '#c5cdd9' }} aria-hidden="true" />
            <div className="timeline-head">
              <time dateTime={entry.entryOn}>{formatDate(entry.entryOn)}</time>
              {entry.status && <StatusBadge status={entry.status} />}
              {entry.meteo && <MeteoBadge meteo={entry.meteo} />}
              {entry.progress !== null && <span className="progress-chip">{entry.progress} %</span>}
              <Writes>
                <span className="timeline-actions">
                  <button type="button" className="icon-button" title="Modifier" aria-label={`Modifier l’entrée du ${formatDate(entry.entryOn)}`} onClick={() => setEditing(entry)}>
                    <Icon name="edit" size={16} />
                  </button>
                  <button type="button" className="icon-button" title="Supprimer" aria-label={`Supprimer l’entrée du ${formatDate(entry.entryOn)}`} onClick={() => setDeleting(entry)}>
                    <Icon name="trash" size={16} />
                  </button>
                </span>
              </Writes>
            </div>
            <p className="timeline-text">{entry.text}</p>
            {entry.meteoReason && <p className="timeline-reason">Météo : {entry.meteoReason}</p>}
          </li>
        ))}
      </ol>
    </PanelCard>
  );
}

export function JournalDialog({
  action,
  entry,
  onClose,
  onSaved,
}: {
  action: ActionDetail;
  entry: JournalEntry | null;
  onClose: () => void;
  onSaved: (detail: ActionDetail, created: boolean) => void;
}) {
  const form = useForm(
    journalFields,
    entry ? pickFields(journalFields, entry) : { actionId: action.id, entryOn: parisToday(new Date()), text: '', status: null, meteo: null, meteoReason: '', progress: null },
  );
  const v = form.values;

  const save = form.submit(async (input) => {
    const { actionId: _a, ...fields } = input;
    onSaved(entry ? await api.journal.update({ ...fields, id: entry.id }) : await api.journal.create(input), !entry);
  });

  return (
    <FormDialog title={entry ? 'Modifier l’entrée du journal' : 'Nouvelle entrée du journal'} formId="journal-form" width={640} saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer l’entrée" onClose={onClose}>
      <form id="journal-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Date" required error={form.errors.entryOn}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.entryOn} onChange={(value) => form.set('entryOn', value as string)} />}
          </Field>
          <div />
          <Field label="Ce qui a avancé (ou non)" required error={form.errors.text} hint={PRIVACY_HINT} wide>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={4} value={text(v.text)} onChange={(e) => form.set('text', e.target.value)} autoFocus />}
          </Field>
          <Field label="Nouveau statut" error={form.errors.status}>
            {(id, d) => (
              <CodeSelect
                id={id}
                aria-describedby={d}
                codes={actionStatuses.codes}
                labels={actionStatuses.labels}
                value={v.status}
                onChange={(status) => form.set('status', status)}
                empty={`Inchangé (${actionStatuses.labels[action.status]})`}
              />
            )}
          </Field>
          <Field label="Nouvel avancement (%)" error={form.errors.progress} hint={`Actuellement ${action.progress} %. Laissez vide s’il ne change pas.`}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                type="number"
                min={0}
                max={100}
                step={5}
                value={v.progress ?? ''}
                onChange={(e) => form.set('progress', e.target.value === '' ? null : Number(e.target.value))}
              />
            )}
          </Field>
          <MeteoChoice
            value={v.meteo ?? null}
            onChange={(m) => form.set('meteo', m)}
            error={form.errors.meteo}
            emptyLabel={`Inchangée${action.meteo ? ` (${meteos.labels[action.meteo]})` : ''}`}
          />
          <Field label="Motif de la météo" error={form.errors.meteoReason} wide>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.meteoReason)} onChange={(e) => form.set('meteoReason', e.target.value)} />}
          </Field>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}
