import { useState } from 'react';
import { formatDate, formatNumber, plural } from '../../../../shared/format';
import { parisToday } from '../../../../shared/wallclock';
import { shownExpected } from '../../../../shared/progress';
import type { ActionDetail, Indicator, IndicatorValue } from '../../../../shared/model/measures';
import type { Undoable } from '../../../../shared/model/undo';
import { indicatorFields, indicatorValueFields, type IndicatorFields } from '../../../../shared/schemas/actions';
import { api } from '../../api';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog, FormDialog } from '../../components/Dialog';
import { Field, FormError, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import { PanelCard } from '../../components/PanelCard';
import { useUndoableDelete } from '../../components/Toast';
import { IndicatorChart } from './IndicatorChart';
import { Writes } from '../../components/ReadOnly';

type OnChange = (detail: ActionDetail, message: string) => void;

const withUnit = (value: number, unit: string | null) => `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;

/** The fiche's figures: baseline, target, dated values, a small chart and the « en retard » flag. */
export function IndicatorsPanel({ action, onChange }: { action: ActionDetail; onChange: OnChange }) {
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [valueDialog, setValueDialog] = useState<{ indicator: Indicator; value: IndicatorValue | null } | null>(null);
  const [deleting, setDeleting] = useState<Indicator | null>(null);
  const deletedValues = deleting?.values.length ?? 0;
  const [deletingValue, setDeletingValue] = useState<{ indicator: Indicator; value: IndicatorValue } | null>(null);

  const undoableDelete = useUndoableDelete();
  /** A deletion says itself, with « Annuler », which brings the fiche back as it was. */
  async function deleted(write: () => Promise<Undoable<ActionDetail>>, done: string) {
    const detail = await undoableDelete(write, done, async () => onChange(await api.actions.get({ id: action.id }), ''));
    if (detail) onChange(detail, '');
  }

  async function remove(indicator: Indicator) {
    setDeleting(null);
    await deleted(() => api.indicators.delete({ id: indicator.id }), `Indicateur « ${indicator.name} » supprimé.`);
  }

  async function removeValue(id: string) {
    setDeletingValue(null);
    await deleted(() => api.indicators.deleteValue({ id }), 'Valeur supprimée.');
  }

  return (
    <PanelCard
      title="Indicateurs"
      count={action.indicators.length}
      add={{ label: 'Nouvel indicateur', onClick: () => setEditing('new') }}
      empty="Aucun indicateur : ajoutez par exemple le nombre de professionnels formés, avec une valeur de référence et une cible datée."
      dialogs={
        <>
          {editing && (
            <IndicatorDialog
              actionId={action.id}
              indicator={editing === 'new' ? null : editing}
              onClose={() => setEditing(null)}
              onSaved={(detail, created) => {
                setEditing(null);
                onChange(detail, created ? 'Indicateur ajouté.' : 'Indicateur enregistré.');
              }}
            />
          )}
          {valueDialog && (
            <ValueDialog
              indicator={valueDialog.indicator}
              value={valueDialog.value}
              onClose={() => setValueDialog(null)}
              onSaved={(detail) => {
                setValueDialog(null);
                onChange(detail, 'Valeur enregistrée.');
              }}
            />
          )}
          <ConfirmDialog open={deleting !== null} title="Supprimer cet indicateur ?" confirmLabel="Supprimer" danger onConfirm={() => deleting && remove(deleting)} onCancel={() => setDeleting(null)}>
            <p>
              L’indicateur <strong>« {deleting?.name} »</strong> sera supprimé
              {deletedValues === 0 ? '' : deletedValues === 1 ? ' avec sa valeur mesurée' : ` avec ses ${plural(deletedValues, 'valeur mesurée', 'valeurs mesurées')}`}.
            </p>
          </ConfirmDialog>
          <ConfirmDialog
            open={deletingValue !== null}
            title="Supprimer cette valeur ?"
            confirmLabel="Supprimer"
            danger
            onConfirm={() => deletingValue && removeValue(deletingValue.value.id)}
            onCancel={() => setDeletingValue(null)}
          >
            {deletingValue && (
              <p>
                La valeur du {formatDate(deletingValue.value.measuredOn)} de l’indicateur <strong>« {deletingValue.indicator.name} »</strong> (
                {withUnit(deletingValue.value.value, deletingValue.indicator.unit)}) sera supprimée.
              </p>
            )}
          </ConfirmDialog>
        </>
      }
    >
      {action.indicators.map((indicator) => {
        const a = indicator.assessment;
        return (
          <article key={indicator.id} className="indicator" aria-label={`Indicateur ${indicator.name}`}>
            <header className="indicator-head">
              <div>
                <h3>{indicator.name}</h3>
                <p className="muted indicator-plan">
                  {indicator.baseline !== null && `Référence ${withUnit(indicator.baseline, indicator.unit)}${indicator.baselineOn ? ` (${formatDate(indicator.baselineOn)})` : ''}`}
                  {indicator.baseline !== null && indicator.target !== null && ' → '}
                  {indicator.target !== null && `cible ${withUnit(indicator.target, indicator.unit)} au ${formatDate(indicator.targetOn)}`}
                  {indicator.baseline === null && indicator.target === null && 'Ni référence ni cible'}
                </p>
              </div>
              <Writes>
                <div className="indicator-actions">
                  <button type="button" className="icon-button" title="Modifier" aria-label={`Modifier l’indicateur ${indicator.name}`} onClick={() => setEditing(indicator)}>
                    <Icon name="edit" size={16} />
                  </button>
                  <button type="button" className="icon-button" title="Supprimer" aria-label={`Supprimer l’indicateur ${indicator.name}`} onClick={() => setDeleting(indicator)}>
                    <Icon name="trash" size={16} />
                  </button>
                </div>
              </Writes>
            </header>
            <div className="indicator-status">
              {a.kind === 'behind' && (
                <span className="badge badge-danger">
                  <Icon name="alert" size={13} /> En retard sur la trajectoire : {formatNumber(a.latest.value)} au lieu de {formatNumber(shownExpected(a.expected, a.latest.value))} attendus
                </span>
              )}
              {a.kind === 'on_track' && <span className="badge">Dans la trajectoire</span>}
              {a.kind === 'reached' && <span className="badge">Cible atteinte</span>}
              {a.kind === 'no_target' && <span className="muted">Sans cible datée : pas de trajectoire à suivre.</span>}
            </div>
            <IndicatorChart indicator={indicator} />
            {indicator.values.length > 0 && (
              <details className="indicator-values">
                <summary>
                  {plural(indicator.values.length, 'valeur')} · dernière :{' '}
                  {withUnit(indicator.values[indicator.values.length - 1]!.value, indicator.unit)} le {formatDate(indicator.values[indicator.values.length - 1]!.measuredOn)}
                </summary>
                <ul>
                  {[...indicator.values].reverse().map((value) => (
                    <li key={value.id}>
                      <span>{formatDate(value.measuredOn)}</span>
                      <strong>{withUnit(value.value, indicator.unit)}</strong>
                      {value.note && <span className="muted">{value.note}</span>}
                      <Writes>
                        <button type="button" className="icon-button" aria-label={`Modifier la valeur du ${formatDate(value.measuredOn)}`} title="Modifier" onClick={() => setValueDialog({ indicator, value })}>
                          <Icon name="edit" size={14} />
                        </button>
                      </Writes>
                      <Writes>
                        <button type="button" className="icon-button" aria-label={`Supprimer la valeur du ${formatDate(value.measuredOn)}`} title="Supprimer" onClick={() => setDeletingValue({ indicator, value })}>
                          <Icon name="trash" size={14} />
                        </button>
                      </Writes>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <Writes>
              <button type="button" className="link-button" onClick={() => setValueDialog({ indicator, value: null })}>
                <Icon name="plus" size={16} />
                Saisir une valeur
              </button>
            </Writes>
          </article>
        );
      })}
    </PanelCard>
  );
}

const numberText = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

function IndicatorDialog({
  actionId,
  indicator,
  onClose,
  onSaved,
}: {
  actionId: string;
  indicator: Indicator | null;
  onClose: () => void;
  onSaved: (detail: ActionDetail, created: boolean) => void;
}) {
  const form = useForm(indicatorFields, {
    actionId,
    name: indicator?.name ?? '',
    unit: indicator?.unit ?? '',
    baseline: numberText(indicator?.baseline ?? null),
    baselineOn: indicator?.baselineOn ?? null,
    target: numberText(indicator?.target ?? null),
    targetOn: indicator?.targetOn ?? null,
  });
  const v = form.values;

  const save = form.submit(async (input) => {
    const { actionId: _a, ...fields } = input;
    onSaved(indicator ? await api.indicators.update({ ...fields, id: indicator.id }) : await api.indicators.create(input), !indicator);
  });

  const set = (key: keyof IndicatorFields) => (e: React.ChangeEvent<HTMLInputElement>) => form.set(key, e.target.value);
  return (
    <FormDialog title={indicator ? 'Modifier l’indicateur' : 'Nouvel indicateur'} formId="indicator-form" width={600} saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer l’indicateur" onClose={onClose}>
      <form id="indicator-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Nom de l’indicateur" required error={form.errors.name} wide>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.name)} onChange={set('name')} autoFocus placeholder="Professionnels formés au repérage" />}
          </Field>
          <Field label="Unité" error={form.errors.unit} hint="personnes, élèves, places, signalements…">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.unit)} onChange={set('unit')} />}
          </Field>
          <div />
          <Field label="Valeur de référence" error={form.errors.baseline}>
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={text(v.baseline as string)} onChange={set('baseline')} />}
          </Field>
          <Field label="Date de référence" error={form.errors.baselineOn}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.baselineOn} onChange={(value) => form.set('baselineOn', value)} />}
          </Field>
          <Field label="Cible" error={form.errors.target}>
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={text(v.target as string)} onChange={set('target')} />}
          </Field>
          <Field label="À atteindre le" error={form.errors.targetOn}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.targetOn} onChange={(value) => form.set('targetOn', value)} />}
          </Field>
        </div>
        <p className="hint">L’indicateur est signalé « en retard » quand sa dernière valeur est en deçà de la droite qui va de la référence à la cible.</p>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

function ValueDialog({ indicator, value, onClose, onSaved }: { indicator: Indicator; value: IndicatorValue | null; onClose: () => void; onSaved: (detail: ActionDetail) => void }) {
  const form = useForm(
    indicatorValueFields,
    value
      ? { indicatorId: indicator.id, measuredOn: value.measuredOn, value: numberText(value.value), note: value.note }
      : { indicatorId: indicator.id, measuredOn: parisToday(new Date()), value: '', note: '' },
  );
  const v = form.values;

  const save = form.submit(async (input) => {
    const { indicatorId: _indicatorId, ...fields } = input;
    onSaved(value ? await api.indicators.updateValue({ ...fields, id: value.id }) : await api.indicators.addValue(input));
  });

  return (
    <FormDialog title={`${value ? 'Modifier la valeur' : 'Nouvelle valeur'} : ${indicator.name}`} formId="value-form" width={520} saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer la valeur" onClose={onClose}>
      <form id="value-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Date de la mesure" required error={form.errors.measuredOn}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.measuredOn} onChange={(value) => form.set('measuredOn', value as string)} />}
          </Field>
          <Field label={`Valeur${indicator.unit ? ` (${indicator.unit})` : ''}`} required error={form.errors.value}>
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={text(v.value as string)} onChange={(e) => form.set('value', e.target.value)} autoFocus />}
          </Field>
          <Field label="Note" error={form.errors.note} wide hint="Source du chiffre, périmètre… Jamais de donnée permettant d’identifier une personne.">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.note)} onChange={(e) => form.set('note', e.target.value)} />}
          </Field>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}
