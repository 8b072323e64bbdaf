import { useMemo } from 'react';
import { followUpStatuses } from '../../../../shared/labels';
import type { AgendaItem, Decision, FollowUp, MeetingDetail, MeetingFile } from '../../../../shared/model/meetings';
import {
  agendaItemFields,
  decisionFields,
  followUpFields,
  meetingFileRename,
  type AgendaItemFields,
  type DecisionFields,
  type FollowUpFields,
} from '../../../../shared/schemas/meetings';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { FormDialog } from '../../components/Dialog';
import { Field, FormError, pickFields, PRIVACY_HINT, text, useForm } from '../../components/form';
import { actionItems, partnerItems } from '../../components/pickerItems';
import { SearchMultiSelect, SearchSelect, type PickerItem } from '../../components/SearchPicker';
import type { SessionContext } from './context';

/** The onSubmit of a session dialog: writes, shows the session it returns and closes; errors stay in the form. */
function submitTo<T>(
  ctx: SessionContext,
  form: { submit: (write: (input: T) => Promise<unknown>) => (event?: React.FormEvent) => Promise<void> },
  write: (input: T) => Promise<MeetingDetail>,
  onClose: () => void,
  done: string,
) {
  return form.submit(async (input) => {
    const updated = await write(input);
    await ctx.apply(async () => updated, done);
    onClose();
  });
}

/** Fiches or protocols linked to a point: chips, and a search (a commission may hold hundreds). */
function LinkPicker({ label, options, chosen, onChange }: { label: string; options: readonly PickerItem[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  return (
    <Field label={label} wide>
      {(id, d) => <SearchMultiSelect id={id} describedBy={d} items={options} value={chosen} onChange={onChange} placeholder="Rechercher par code ou intitulé…" />}
    </Field>
  );
}

export function AgendaItemDialog({ ctx, item, onClose }: { ctx: SessionContext; item: AgendaItem | null; onClose: () => void }) {
  const initial: AgendaItemFields = item
    ? {
        meetingId: ctx.meeting.id,
        title: item.title,
        presenter: item.presenter,
        durationMin: item.durationMin,
        notes: item.notes,
        links: { actionIds: item.links.filter((l) => l.kind === 'action').map((l) => l.id), protocolIds: item.links.filter((l) => l.kind === 'protocol').map((l) => l.id) },
      }
    : { meetingId: ctx.meeting.id, title: '', presenter: '', durationMin: null, notes: '', links: { actionIds: [], protocolIds: [] } };
  const form = useForm(agendaItemFields, initial);
  const submit = submitTo(
    ctx,
    form,
    (input) => {
      const { meetingId: _meetingId, ...fields } = input;
      return item ? api.agenda.update({ ...fields, id: item.id }) : api.agenda.create(input);
    },
    onClose,
    item ? 'Point enregistré.' : 'Point ajouté à l’ordre du jour.',
  );
  const actionChoices = useMemo(() => actionItems(ctx.options?.actions ?? []), [ctx.options]);
  const v = form.values;
  const links = v.links ?? { actionIds: [], protocolIds: [] };
  return (
    <FormDialog width={660} title={item ? 'Modifier le point' : 'Nouveau point de l’ordre du jour'} formId="agenda-form" saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer le point" onClose={onClose}>
      <form id="agenda-form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Intitulé du point" required error={form.errors.title} wide>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.title)} onChange={(e) => form.set('title', e.target.value)} autoFocus />}
          </Field>
          <Field label="Présenté par" error={form.errors.presenter}>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.presenter)} onChange={(e) => form.set('presenter', e.target.value)} />}
          </Field>
          <Field label="Durée (minutes)" error={form.errors.durationMin}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                inputMode="numeric"
                value={v.durationMin ?? ''}
                onChange={(e) => form.set('durationMin', e.target.value.trim() === '' ? null : Number(e.target.value.replace(',', '.')))}
              />
            )}
          </Field>
          <LinkPicker label="Fiches actions concernées" options={actionChoices} chosen={links.actionIds ?? []} onChange={(ids) => form.set('links', { ...links, actionIds: ids })} />
          <LinkPicker label="Protocoles concernés" options={ctx.options?.protocols ?? []} chosen={links.protocolIds ?? []} onChange={(ids) => form.set('links', { ...links, protocolIds: ids })} />
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

export function DecisionDialog({ ctx, decision, agendaItemId, onClose }: { ctx: SessionContext; decision: Decision | null; agendaItemId: string | null; onClose: () => void }) {
  const initial: DecisionFields = decision
    ? { meetingId: ctx.meeting.id, agendaItemId: decision.agendaItemId, text: decision.text, actionId: decision.actionId, addToJournal: decision.journalEntryId !== null }
    : { meetingId: ctx.meeting.id, agendaItemId, text: '', actionId: null, addToJournal: true };
  const form = useForm(decisionFields, initial);
  const actionChoices = useMemo(() => actionItems(ctx.options?.actions ?? []), [ctx.options]);
  const submit = submitTo(
    ctx,
    form,
    (input) => {
      const { meetingId: _meetingId, ...fields } = input;
      return decision ? api.decisions.update({ ...fields, id: decision.id }) : api.decisions.create(input);
    },
    onClose,
    decision ? 'Décision enregistrée.' : 'Décision ajoutée.',
  );
  const v = form.values;
  return (
    <FormDialog width={660} title={decision ? 'Modifier la décision' : 'Nouvelle décision'} formId="decision-form" saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer la décision" onClose={onClose}>
      <form id="decision-form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Décision" required error={form.errors.text} wide hint={PRIVACY_HINT}>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={4} value={text(v.text)} onChange={(e) => form.set('text', e.target.value)} autoFocus />}
          </Field>
          <Field label="Point de l’ordre du jour" error={form.errors.agendaItemId} wide>
            {(id, d) => (
              <CodeSelect
                id={id}
                aria-describedby={d}
                codes={ctx.meeting.agenda.map((i) => i.id)}
                labels={(itemId) => {
                  const index = ctx.meeting.agenda.findIndex((i) => i.id === itemId);
                  return `${index + 1}. ${ctx.meeting.agenda[index]?.title ?? ''}`;
                }}
                value={v.agendaItemId}
                onChange={(itemId) => form.set('agendaItemId', itemId)}
                empty="Hors ordre du jour"
              />
            )}
          </Field>
          <Field label="Fiche action concernée" error={form.errors.actionId} wide>
            {(id, d) => (
              <SearchSelect
                id={id}
                describedBy={d}
                items={actionChoices}
                value={v.actionId ?? null}
                onChange={(actionId) => form.set('actionId', actionId)}
                noun="la fiche action"
                placeholder="Aucune : rechercher une fiche par code ou intitulé…"
              />
            )}
          </Field>
          {v.actionId && (
            <div className="field wide">
              <label className="checkbox">
                <input type="checkbox" checked={v.addToJournal ?? false} onChange={(e) => form.set('addToJournal', e.target.checked)} />
                Inscrire la décision au journal de la fiche action, à la date de la séance
              </label>
            </div>
          )}
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

export function FollowUpDialog({ ctx, followUp, decisionId, onClose }: { ctx: SessionContext; followUp: FollowUp | null; decisionId: string | null; onClose: () => void }) {
  const initial: FollowUpFields = followUp
    ? pickFields(followUpFields, followUp)
    : { meetingId: ctx.meeting.id, decisionId, text: '', ownerPartnerId: null, ownerName: '', dueOn: null, status: 'ouverte' };
  const form = useForm(followUpFields, initial);
  const partnerChoices = useMemo(() => partnerItems(ctx.options?.partners ?? []), [ctx.options]);
  const fromThisSession = (followUp?.meetingId ?? ctx.meeting.id) === ctx.meeting.id;
  const submit = submitTo(
    ctx,
    form,
    async (input) => {
      const { meetingId: _meetingId, ...fields } = input;
      if (!followUp) return api.followUps.create(input);
      await api.followUps.update({ ...fields, id: followUp.id });
      return api.meetings.get({ id: ctx.meeting.id });
    },
    onClose,
    followUp ? 'Suite à donner enregistrée.' : 'Suite à donner ajoutée.',
  );
  const v = form.values;
  const people = (ctx.options?.contacts ?? []).filter((c) => c.partnerId === v.ownerPartnerId);
  return (
    <FormDialog width={660} title={followUp ? 'Modifier la suite à donner' : 'Nouvelle suite à donner'} formId="follow-up-form" saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer" onClose={onClose}>
      <form id="follow-up-form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Action à mener" required error={form.errors.text} wide>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.text)} onChange={(e) => form.set('text', e.target.value)} autoFocus />}
          </Field>
          <Field label="Structure responsable" error={form.errors.ownerPartnerId}>
            {(id, d) => (
              <SearchSelect
                id={id}
                describedBy={d}
                items={partnerChoices}
                value={v.ownerPartnerId ?? null}
                onChange={(partnerId) => form.set('ownerPartnerId', partnerId)}
                noun="la structure responsable"
                placeholder="À désigner : rechercher une structure…"
              />
            )}
          </Field>
          <Field label="Personne responsable" error={form.errors.ownerName}>
            {(id, d) => <input id={id} aria-describedby={d} list="follow-up-people" value={text(v.ownerName)} onChange={(e) => form.set('ownerName', e.target.value)} />}
          </Field>
          <datalist id="follow-up-people">
            {people.map((c) => (
              <option key={c.id} value={c.name} />
            ))}
          </datalist>
          <Field label="Échéance" error={form.errors.dueOn}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.dueOn} onChange={(value) => form.set('dueOn', value)} />}
          </Field>
          <Field label="État" error={form.errors.status}>
            {(id, d) => (
              <CodeSelect
                id={id}
                aria-describedby={d}
                codes={followUpStatuses.codes}
                labels={followUpStatuses.labels}
                value={v.status ?? 'ouverte'}
                onChange={(status) => form.set('status', status ?? 'ouverte')}
              />
            )}
          </Field>
          {fromThisSession && (
            <Field label="Décision d’origine" error={form.errors.decisionId} wide>
              {(id, d) => (
                <CodeSelect
                  id={id}
                  aria-describedby={d}
                  codes={ctx.meeting.decisions.map((dec) => dec.id)}
                  labels={(decisionId) => {
                    const dec = ctx.meeting.decisions.find((x) => x.id === decisionId)?.text ?? '';
                    return dec.length > 90 ? `${dec.slice(0, 90)}…` : dec;
                  }}
                  value={v.decisionId}
                  onChange={(decisionId) => form.set('decisionId', decisionId)}
                  empty="Aucune en particulier"
                />
              )}
            </Field>
          )}
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

export function MeetingFileDialog({ ctx, file, onClose }: { ctx: SessionContext; file: MeetingFile; onClose: () => void }) {
  const form = useForm(meetingFileRename, { id: file.id, title: file.title });
  const submit = submitTo(ctx, form, (input) => api.meetingFiles.rename(input), onClose, 'Pièce jointe renommée.');
  return (
    <FormDialog width={520} title="Renommer la pièce jointe" formId="meeting-file-form" saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer" onClose={onClose}>
      <form id="meeting-file-form" onSubmit={submit} noValidate>
        <Field label="Titre dans la convocation" required error={form.errors.title} wide>
          {(id, d) => <input id={id} aria-describedby={d} value={text(form.values.title)} onChange={(e) => form.set('title', e.target.value)} autoFocus />}
        </Field>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}
