import { plural } from '../../../../shared/format';
import type * as z from 'zod';
import { meetingKinds } from '../../../../shared/labels';
import type { MeetingDetail } from '../../../../shared/model/meetings';
import { meetingCreate, meetingFields, type MeetingCreateFields, type MeetingFields } from '../../../../shared/schemas/meetings';
import { splitWallClock } from '../../../../shared/wallclock';
import { ParcoursDeadlinesCard } from '../dashboard/ParcoursDeadlinesCard';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { TimeInput } from '../../components/TimeInput';
import { FormDialog } from '../../components/Dialog';
import { Field, FormError, PRIVACY_HINT, text, useForm } from '../../components/form';
import { useToast } from '../../components/Toast';

type Form<S extends z.ZodType> = ReturnType<typeof useForm<S>>;

export function toSessionFields(m: MeetingDetail): MeetingFields {
  return {
    kind: m.kind,
    title: m.title,
    date: splitWallClock(m.startsAt).date,
    startTime: splitWallClock(m.startsAt).time,
    endTime: m.endsAt ? splitWallClock(m.endsAt).time : '',
    place: m.place,
    videoLink: m.videoLink,
    chair: m.chair,
    signatoryName: m.signatoryName,
    signatoryTitle: m.signatoryTitle,
    signsByDelegation: m.signsByDelegation,
    nextMeetingNote: m.nextMeetingNote,
    notes: m.notes,
    minutesSignedOn: m.minutesSignedOn,
  };
}

/** The fields shared by the creation dialog and the « Informations » tab. */
export function SessionFields<S extends typeof meetingFields | typeof meetingCreate>({ form, withNotes, autoFocus }: { form: Form<S>; withNotes?: boolean; autoFocus?: boolean }) {
  const v = form.values as MeetingFields;
  const set = form.set as <K extends keyof MeetingFields>(key: K, value: MeetingFields[K]) => void;
  return (
    <div className="form-grid">
      <Field label="Type de séance" required error={form.errors.kind}>
        {(id, d) => (
          <CodeSelect
            id={id}
            aria-describedby={d}
            codes={meetingKinds.codes}
            labels={meetingKinds.labels}
            value={v.kind}
            onChange={(kind) => set('kind', kind as MeetingFields['kind'])}
            empty="Choisissez…"
            autoFocus={autoFocus}
          />
        )}
      </Field>
      <Field label="Intitulé particulier" error={form.errors.title} hint="Facultatif, par exemple « Bilan annuel ».">
        {(id, d) => <input id={id} aria-describedby={d} value={text(v.title)} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label="Date" required error={form.errors.date}>
        {(id, d) => <DateInput id={id} aria-describedby={d} value={v.date} onChange={(value) => set('date', value as string)} />}
      </Field>
      <div className="field-pair">
        <Field label="Début" required error={form.errors.startTime}>
          {(id, d) => <TimeInput id={id} aria-describedby={d} value={v.startTime} onChange={(value) => set('startTime', value)} />}
        </Field>
        <Field label="Fin" error={form.errors.endTime}>
          {(id, d) => <TimeInput id={id} aria-describedby={d} value={v.endTime} onChange={(value) => set('endTime', value)} />}
        </Field>
      </div>
      <Field label="Lieu" error={form.errors.place} wide>
        {(id, d) => <input id={id} aria-describedby={d} placeholder="Préfecture, salle…" value={text(v.place)} onChange={(e) => set('place', e.target.value)} />}
      </Field>
      <Field label="Lien de visioconférence" error={form.errors.videoLink} wide>
        {(id, d) => <input id={id} aria-describedby={d} placeholder="https://…" value={text(v.videoLink)} onChange={(e) => set('videoLink', e.target.value)} />}
      </Field>
      <Field label="Présidence" error={form.errors.chair} wide hint="Nom, puis fonction : « Mme Léa Vincent, directrice de cabinet », ou « Mme la préfète ». Qui préside signe la convocation.">
        {(id, d) => <input id={id} aria-describedby={d} value={text(v.chair)} onChange={(e) => set('chair', e.target.value)} />}
      </Field>
      {withNotes && (
        <>
          <Field label="Prochaine séance" error={form.errors.nextMeetingNote} wide hint="Repris dans le compte rendu ; sinon, la séance suivante enregistrée est annoncée.">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.nextMeetingNote)} onChange={(e) => set('nextMeetingNote', e.target.value)} />}
          </Field>
          <Field label="Signature de la convocation" error={form.errors.signsByDelegation} hint="Par défaut, qui préside la séance signe (la préfète ou le préfet en personne, sinon par délégation).">
            {(id, d) => (
              <select
                id={id}
                aria-describedby={d}
                value={v.signsByDelegation === null || v.signsByDelegation === undefined ? '' : v.signsByDelegation ? 'delegation' : 'prefet'}
                onChange={(e) => set('signsByDelegation', e.target.value === '' ? null : e.target.value === 'delegation')}
              >
                <option value="">Par la présidence de séance</option>
                <option value="prefet">Par la préfète ou le préfet en personne</option>
                <option value="delegation">Par délégation de la préfète ou du préfet</option>
              </select>
            )}
          </Field>
          <Field label="Signataire" error={form.errors.signatoryName} hint="Nom ; vide : la présidence de séance.">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.signatoryName)} onChange={(e) => set('signatoryName', e.target.value)} />}
          </Field>
          <Field label="Qualité du signataire" error={form.errors.signatoryTitle} wide hint="Par exemple : « La directrice de cabinet » ; vide : la fonction de la présidence de séance.">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.signatoryTitle)} onChange={(e) => set('signatoryTitle', e.target.value)} />}
          </Field>
          <Field label="Compte rendu signé par la présidence le" error={form.errors.minutesSignedOn} hint="Le compte rendu est alors approuvé, comme par l’« Approbation du compte rendu » d’une séance suivante.">
            {(id, d) => <DateInput id={id} aria-describedby={d} value={(v as MeetingFields).minutesSignedOn ?? null} onChange={(value) => set('minutesSignedOn', value)} />}
          </Field>
          <Field label="Notes internes" error={form.errors.notes} wide hint={PRIVACY_HINT}>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.notes)} onChange={(e) => set('notes', e.target.value)} />}
          </Field>
        </>
      )}
    </div>
  );
}

const emptySession: MeetingCreateFields = {
  kind: 'pleniere',
  title: '',
  date: '',
  startTime: '14:00',
  endTime: '',
  place: '',
  videoLink: '',
  chair: '',
  inviteMembers: true,
  proposeAgenda: true,
};

export function NewSessionDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (m: MeetingDetail) => void }) {
  const form = useForm(meetingCreate, emptySession);
  const toast = useToast();
  const v = form.values;

  const save = form.submit(async (input) => {
    const created = await api.meetings.create(input);
    toast(`Séance créée : ${plural(created.attendees.length, 'personne invitée', 'personnes invitées', 'personne n’est encore invitée')}.`);
    onCreated(created);
  });

  return (
    <FormDialog title="Nouvelle séance" formId="session-form" width={680} saving={form.saving} dirty={form.dirty} submitLabel="Créer la séance" savingLabel="Création…" onClose={onClose}>
      <form id="session-form" onSubmit={save} noValidate>
        <SessionFields form={form} autoFocus />
        <div className="option-list">
          <label className="checkbox">
            <input type="checkbox" checked={v.inviteMembers ?? true} onChange={(e) => form.set('inviteMembers', e.target.checked)} />
            Inviter les membres de la commission
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={v.proposeAgenda ?? true} onChange={(e) => form.set('proposeAgenda', e.target.checked)} />
            Proposer « Approbation du compte rendu » et « Suivi des décisions » d’après la séance précédente
          </label>
        </div>
        {/* Planning an examining meeting: what it will have to examine, and the decisions still awaited. */}
        {v.kind === 'examen_parcours' && <ParcoursDeadlinesCard />}
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}
