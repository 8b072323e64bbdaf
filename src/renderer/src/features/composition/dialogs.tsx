import { useMemo, useState } from 'react';
import { plural } from '../../../../shared/format';
import { colleges, memberRoles, seatTitles } from '../../../../shared/labels';
import type { Composition, CompositionCandidate, Seat, SeatMember } from '../../../../shared/model/composition';
import {
  appointMembers,
  appointToSeat,
  memberUpdate,
  membersArrete,
  membersEnd,
  seatUpdate,
  type AppointMembersFields,
  type AppointToSeatFields,
  type MemberUpdateFields,
  type SeatUpdateFields,
} from '../../../../shared/schemas/composition';
import { foldText, queryWords } from '../../../../shared/search';
import { parisToday } from '../../../../shared/wallclock';
import { api } from '../../api';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog, FormDialog } from '../../components/Dialog';
import { Field, FormError, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';

type Done = (composition: Composition, message: string) => void;

type AppointmentValues = { fromOn?: string | null; arreteRef?: string | null; arreteOn?: string | null };

/** The arrêté that appoints: its reference and date, and from when the members sit. */
function AppointmentFields({ values: v, errors, set }: { values: AppointmentValues; errors: Record<string, string>; set: (key: keyof AppointmentValues, value: string | null) => void }) {
  return (
    <>
      <Field label="Siège à compter du" error={errors.fromOn} hint="Vide : depuis avant le début du registre.">
        {(id, d) => <DateInput id={id} aria-describedby={d} value={v.fromOn} onChange={(value) => set('fromOn', value)} />}
      </Field>
      <Field label="Arrêté du" error={errors.arreteOn}>
        {(id, d) => <DateInput id={id} aria-describedby={d} value={v.arreteOn} onChange={(value) => set('arreteOn', value)} />}
      </Field>
      <Field label="Référence de l’arrêté préfectoral" error={errors.arreteRef} wide hint="Par exemple : Arrêté préfectoral n° 2026-CDLP-004.">
        {(id, d) => <input id={id} aria-describedby={d} value={text(v.arreteRef)} onChange={(e) => set('arreteRef', e.target.value)} />}
      </Field>
    </>
  );
}

/** Contacts to choose, by name, structure or function, accents and case ignored. */
function ContactChoice({ candidates, chosen, onChange, single }: { candidates: CompositionCandidate[]; chosen: string[]; onChange: (ids: string[]) => void; single?: boolean }) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const words = queryWords(search);
    return candidates.filter((c) => words.every((w) => foldText(`${c.name} ${c.partnerName} ${c.role ?? ''}`).includes(w))).slice(0, 80);
  }, [candidates, search]);
  return (
    <div className="contact-choice">
      <label className="search wide-search">
        <Icon name="search" size={18} />
        <span className="visually-hidden">Rechercher un contact</span>
        <input type="search" placeholder="Nom, structure, fonction…" value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />
      </label>
      <ul className="pick-list" aria-label="Contacts de l’annuaire">
        {shown.length === 0 && <li className="muted">Aucun contact ne correspond.</li>}
        {shown.map((c) => (
          <li key={c.id}>
            <label className="checkbox">
              <input
                type={single ? 'radio' : 'checkbox'}
                name="contact-choice"
                checked={chosen.includes(c.id)}
                onChange={(e) => onChange(single ? [c.id] : e.target.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id))}
              />
              <span>
                <strong>{[c.civility, c.name].filter(Boolean).join(' ')}</strong>
                <span className="muted"> · {c.partnerName}</span>
                {c.role && <span className="muted"> · {c.role}</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Appoints several contacts at once, each titulaire of a new seat held by their structure. */
export function AppointDialog({ candidates, onClose, onDone }: { candidates: CompositionCandidate[]; onClose: () => void; onDone: Done }) {
  const free = candidates.filter((c) => c.seatId === null);
  const form = useForm(appointMembers, { contactIds: [], title: 'commission', college: null, fromOn: parisToday(new Date()), arreteRef: '', arreteOn: null } satisfies AppointMembersFields);
  const v = form.values;
  const save = form.submit(async (input) => onDone(await api.composition.appoint(input), `${plural(input.contactIds.length, 'membre nommé', 'membres nommés')}.`));
  return (
    <FormDialog title="Nommer des membres" formId="appoint-form" width={760} saving={form.saving} dirty={form.dirty} submitLabel={`Nommer ${v.contactIds?.length ? plural(v.contactIds.length, 'membre') : 'les membres'}`} onClose={onClose}>
      <form id="appoint-form" onSubmit={save} noValidate>
        <p className="muted">Chaque personne choisie devient titulaire d’un siège de sa structure ; ajoutez ensuite les suppléants depuis la composition.</p>
        <ContactChoice candidates={free} chosen={v.contactIds ?? []} onChange={(ids) => form.set('contactIds', ids)} />
        {form.errors.contactIds && <p className="form-error">{form.errors.contactIds}</p>}
        <div className="form-grid">
          <Field label="Titre" required error={form.errors.title} hint="Les membres ajoutés par le décret du 30 décembre 2025 ne siègent pas à l’examen des demandes de parcours de sortie.">
            {(id, d) => (
              <select id={id} aria-describedby={d} value={v.title} onChange={(e) => form.set('title', e.target.value as AppointMembersFields['title'])}>
                {seatTitles.codes.map((c) => (
                  <option key={c} value={c}>
                    {seatTitles.labels[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Collège" error={form.errors.college}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={v.college ?? ''} onChange={(e) => form.set('college', (e.target.value || null) as AppointMembersFields['college'])}>
                <option value="">Selon le type de chaque structure</option>
                {colleges.codes.map((c) => (
                  <option key={c} value={c}>
                    {colleges.labels[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <AppointmentFields values={v} errors={form.errors} set={(key, value) => form.set(key, value)} />
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

/** A suppléant for a seat, or a new titulaire who replaces the current one from a date. */
export function SeatMemberDialog({ seat, role, candidates, onClose, onDone }: { seat: Seat; role: 'titulaire' | 'suppleant'; candidates: CompositionCandidate[]; onClose: () => void; onDone: Done }) {
  const form = useForm(appointToSeat, { seatId: seat.id, contactId: '', role, fromOn: parisToday(new Date()), arreteRef: '', arreteOn: null } satisfies AppointToSeatFields);
  const v = form.values;
  const title = role === 'suppleant' ? `Ajouter un suppléant – ${seat.label}` : `Remplacer le titulaire – ${seat.label}`;
  const save = form.submit(async (input) => onDone(await api.composition.appointToSeat(input), role === 'suppleant' ? 'Suppléant nommé.' : 'Nouveau titulaire nommé.'));
  // Colleagues of the structure first: a suppléant usually comes from the same service.
  const sorted = [...candidates.filter((c) => c.seatId === null && c.partnerId === seat.partnerId), ...candidates.filter((c) => c.seatId === null && c.partnerId !== seat.partnerId)];
  return (
    <FormDialog title={title} formId="seat-member-form" width={720} saving={form.saving} dirty={form.dirty} submitLabel={role === 'suppleant' ? 'Nommer le suppléant' : 'Nommer le titulaire'} onClose={onClose}>
      <form id="seat-member-form" onSubmit={save} noValidate>
        {role === 'titulaire' && seat.titulaire && <p>{seat.titulaire.name} cesse de siéger le jour où son remplaçant est nommé.</p>}
        <ContactChoice candidates={sorted} chosen={v.contactId ? [v.contactId] : []} onChange={(ids) => form.set('contactId', ids[0] ?? '')} single />
        {form.errors.contactId && <p className="form-error">Choisissez la personne nommée.</p>}
        <div className="form-grid">
          <AppointmentFields values={v} errors={form.errors} set={(key, value) => form.set(key, value)} />
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

export function SeatDialog({ seat, onClose, onDone }: { seat: Seat; onClose: () => void; onDone: Done }) {
  const form = useForm(seatUpdate, { id: seat.id, label: seat.label, college: seat.college, title: seat.title, minorsCoordination: seat.minorsCoordination } satisfies SeatUpdateFields);
  const v = form.values;
  const save = form.submit(async (input) => onDone(await api.composition.updateSeat(input), 'Siège enregistré.'));
  return (
    <FormDialog title="Modifier le siège" formId="seat-form" saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer le siège" onClose={onClose}>
      <form id="seat-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Siège, tel que l’arrêté le nomme" required error={form.errors.label} wide>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.label)} onChange={(e) => form.set('label', e.target.value)} />}
          </Field>
          <Field label="Collège" error={form.errors.college}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={v.college} onChange={(e) => form.set('college', e.target.value as SeatUpdateFields['college'])}>
                {colleges.codes.map((c) => (
                  <option key={c} value={c}>
                    {colleges.labels[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Titre" error={form.errors.title}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={v.title} onChange={(e) => form.set('title', e.target.value as SeatUpdateFields['title'])}>
                {seatTitles.codes.map((c) => (
                  <option key={c} value={c}>
                    {seatTitles.labels[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field wide">
            <label className="checkbox">
              <input type="checkbox" checked={v.minorsCoordination ?? false} onChange={(e) => form.set('minorsCoordination', e.target.checked)} />
              Siège à la coordination des situations individuelles de mineurs
            </label>
          </div>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

/** Corrects an appointment (its quality, dates or arrêté), or removes one entered by mistake. */
export function MemberDialog({ member, onClose, onDone }: { member: SeatMember; onClose: () => void; onDone: Done }) {
  const form = useForm(memberUpdate, { id: member.id, role: member.role, fromOn: member.fromOn, toOn: member.toOn, arreteRef: member.arreteRef, arreteOn: member.arreteOn } satisfies MemberUpdateFields);
  const [deleting, setDeleting] = useState(false);
  const v = form.values;
  const save = form.submit(async (input) => onDone(await api.composition.updateMember(input), 'Nomination enregistrée.'));
  return (
    <FormDialog title={`Nomination de ${member.name}`} formId="member-form" saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer" onClose={onClose}>
      <form id="member-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Qualité" error={form.errors.role}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={v.role} onChange={(e) => form.set('role', e.target.value as MemberUpdateFields['role'])}>
                {memberRoles.codes.map((c) => (
                  <option key={c} value={c}>
                    {memberRoles.labels[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Ne siège plus depuis le" error={form.errors.toOn} hint="Vide : siège toujours.">
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.toOn} onChange={(value) => form.set('toOn', value)} />}
          </Field>
          <AppointmentFields values={v} errors={form.errors} set={(key, value) => form.set(key, value)} />
        </div>
        <FormError message={form.formError} />
        <button type="button" className="button danger-outline" onClick={() => setDeleting(true)}>
          <Icon name="trash" size={18} />
          Supprimer cette nomination (saisie par erreur)
        </button>
      </form>
      <ConfirmDialog
        open={deleting}
        title="Supprimer cette nomination ?"
        confirmLabel="Supprimer"
        danger
        onCancel={() => setDeleting(false)}
        onConfirm={async () => {
          setDeleting(false);
          onDone(await api.composition.deleteMember({ id: member.id }), `Nomination de ${member.name} supprimée.`);
        }}
      >
        <p>
          Les séances déjà tenues ne compteront plus <strong>{member.name}</strong> parmi leurs membres. Pour un membre qui quitte la commission, indiquez plutôt la date à
          laquelle il ne siège plus : la composition garde alors son passé.
        </p>
      </ConfirmDialog>
    </FormDialog>
  );
}

/** The arrêté that appoints the selected members, in one go. */
export function ArreteDialog({ memberIds, onClose, onDone }: { memberIds: string[]; onClose: () => void; onDone: Done }) {
  const form = useForm(membersArrete, { memberIds, arreteRef: '', arreteOn: null });
  const v = form.values;
  const save = form.submit(async (input) => onDone(await api.composition.setArrete(input), `Arrêté reporté sur ${plural(input.memberIds.length, 'nomination')}.`));
  return (
    <FormDialog title={`Arrêté de nomination – ${plural(memberIds.length, 'membre')}`} formId="arrete-form" saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer l’arrêté" onClose={onClose}>
      <form id="arrete-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Référence de l’arrêté préfectoral" required error={form.errors.arreteRef} wide>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.arreteRef)} onChange={(e) => form.set('arreteRef', e.target.value)} autoFocus />}
          </Field>
          <Field label="Arrêté du" error={form.errors.arreteOn}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.arreteOn} onChange={(value) => form.set('arreteOn', value)} />}
          </Field>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

/** The selected members no longer sit from a date; their seats stay, for the next appointment. */
export function EndDialog({ memberIds, onClose, onDone }: { memberIds: string[]; onClose: () => void; onDone: Done }) {
  const form = useForm(membersEnd, { memberIds, on: parisToday(new Date()) });
  const v = form.values;
  const save = form.submit(async (input) => onDone(await api.composition.endMembers(input), `${plural(input.memberIds.length, 'membre ne siège', 'membres ne siègent')} plus.`));
  return (
    <FormDialog title={`Fin de mandat – ${plural(memberIds.length, 'membre')}`} formId="end-form" saving={form.saving} dirty={form.dirty} submitLabel="Mettre fin au mandat" onClose={onClose}>
      <form id="end-form" onSubmit={save} noValidate>
        <p>Les séances déjà tenues les comptent toujours ; les séances à partir de cette date ne les convoquent plus.</p>
        <div className="form-grid">
          <Field label="Ne siègent plus depuis le" required error={form.errors.on}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.on} onChange={(value) => form.set('on', value ?? '')} />}
          </Field>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}
