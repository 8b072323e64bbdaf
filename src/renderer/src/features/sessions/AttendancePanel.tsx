import { useMemo, useRef, useState } from 'react';
import { plural } from '../../../../shared/format';
import { matchesText } from '../../../../shared/search';
import { attendanceStatuses, type AttendanceStatus } from '../../../../shared/labels';
import type { Attendee, Quorum } from '../../../../shared/model/meetings';
import { addPerson, type AddPersonFields } from '../../../../shared/schemas/meetings';
import { civilities } from '../../../../shared/schemas/partners';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { Field, FormError, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import type { SessionContext } from './context';
import { EditableFields, Writes } from '../../components/ReadOnly';

/** The quorum of CRPA R. 133-10, for the sessions that judge it (plénière, examen des demandes). */
export function QuorumBadge({ quorum }: { quorum: Quorum }) {
  if (!quorum.applies) return null;
  if (quorum.waived) return <span className="quorum reached">Sans condition de quorum · nouvelle convocation</span>;
  if (quorum.composition === 0) return <span className="quorum neutral">Quorum : aucun membre titulaire dans la composition</span>;
  const detail = `${quorum.counted} / ${quorum.composition} membres présents, suppléés ou ayant donné mandat, ${quorum.required} requis`;
  if (quorum.reached)
    return (
      <span className="quorum reached" title={detail}>
        Quorum atteint · {detail}
      </span>
    );
  return (
    <span className={`quorum ${quorum.pending > 0 ? 'pending' : 'missing'}`} title={detail}>
      {quorum.pending > 0 ? 'Quorum non atteint pour l’instant' : 'Quorum non atteint'} · {detail}
    </span>
  );
}

const MARKS: AttendanceStatus[] = ['present', 'distance', 'supplee', 'mandat', 'excuse', 'absent'];
/** Short labels for the buttons; the full wording (« Représenté par son suppléant ») is their title. */
const SHORT: Record<AttendanceStatus, string> = { invite: 'Invité', present: 'Présent', distance: 'À distance', supplee: 'Suppléant', mandat: 'Mandat', excuse: 'Excusé', absent: 'Absent' };
/** Only a member who sits is replaced by their suppléant (a titulaire) or gives a mandate. */
const marksOf = (a: Attendee) => MARKS.filter((s) => (s !== 'supplee' || (a.sits && a.memberRole === 'titulaire')) && (s !== 'mandat' || a.sits));

function displayName(a: Pick<Attendee, 'civility' | 'name'>): string {
  return [a.civility, a.name].filter(Boolean).join(' ');
}

export function AttendancePanel({ ctx }: { ctx: SessionContext }) {
  const { meeting, apply, remove } = ctx;
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Attendee | null>(null);
  const counts = MARKS.map((s) => [s, meeting.attendees.filter((a) => a.status === s).length] as const).filter(([, n]) => n > 0);
  const pending = meeting.attendees.filter((a) => a.status === 'invite').length;
  const summary = [...counts.map(([s, n]) => `${attendanceStatuses.labels[s]} : ${n}`), ...(pending > 0 ? [plural(pending, 'présence à noter', 'présences à noter')] : [])].join(' · ');

  return (
    <section className="card" aria-label="Participants">
      <div className="card-header">
        <div>
          <h2>Invités et présences</h2>
          <p className="muted small">{summary}</p>
        </div>
        <Writes>
          <div className="toolbar">
            <button type="button" className="button" onClick={() => apply(() => api.attendees.addMembers({ id: meeting.id }), 'Membres qui siègent à cette séance invités.')}>
              Inviter les membres qui siègent
            </button>
            <button type="button" className="button primary" onClick={() => setAdding(true)}>
              <Icon name="plus" size={18} />
              Ajouter des personnes
            </button>
          </div>
        </Writes>
      </div>
      {meeting.attendees.length === 0 ? (
        <p className="muted">
          Personne n’est invité. Ajoutez les membres qui siègent à cette séance (Partenaires › Composition) ou des personnes extérieures.
        </p>
      ) : (
        <table className="table attendance">
          <thead>
            <tr>
              <th>Personne, structure et fonction</th>
              <th>Présence</th>
              <th style={{ width: 44 }}>
                <span className="visually-hidden">Retirer</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {meeting.attendees.map((a) => (
              <AttendeeRow key={a.id} attendee={a} ctx={ctx} onRemove={() => setRemoving(a)} />
            ))}
          </tbody>
        </table>
      )}
      {adding && <AddPeopleDialog ctx={ctx} onClose={() => setAdding(false)} />}
      <ConfirmDialog
        open={removing !== null}
        title="Retirer cette personne ?"
        confirmLabel="Retirer"
        danger
        onConfirm={() => {
          const a = removing!;
          setRemoving(null);
          void remove(() => api.attendees.remove({ id: a.id }), `${displayName(a)} ne figure plus dans la liste.`);
        }}
        onCancel={() => setRemoving(null)}
      >
        <p>
          <strong>{removing && displayName(removing)}</strong> ne figurera plus sur la convocation, la feuille d’émargement ni le compte rendu de cette séance.
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** How long a choice reached with the arrow keys must stay before it is written. */
const ARROW_PAUSE_MS = 700;

function AttendeeRow({ attendee: a, ctx, onRemove }: { attendee: Attendee; ctx: SessionContext; onRemove: () => void }) {
  const [chosen, setChosen] = useState<AttendanceStatus>(a.status);
  const [deputy, setDeputy] = useState(a.representedBy ?? '');
  const name = displayName(a);
  // Who can hold this member's mandate: another member attending, who holds none yet.
  const holders = ctx.meeting.attendees.filter(
    (h) => h.sits && h.id !== a.id && (h.status === 'present' || h.status === 'distance' || h.status === 'invite') && !ctx.meeting.attendees.some((x) => x.status === 'mandat' && x.mandateTo === h.id && x.id !== a.id),
  );

  async function mark(status: AttendanceStatus) {
    setChosen(status);
    // A mandate is recorded once its holder is chosen.
    if (status === 'mandat') return;
    const ok = await ctx.apply(() => api.attendees.setAttendance({ id: a.id, status, representedBy: status === 'supplee' ? deputy : null }));
    if (!ok) setChosen(a.status);
  }

  // The arrow keys walk through the choices, each one checked on the way: only the one the secretary stops on is
  // written, not every status passed over (each would be a line of the history).
  const byArrows = useRef(false);
  const pending = useRef<number | undefined>(undefined);
  function choose(status: AttendanceStatus) {
    window.clearTimeout(pending.current);
    if (!byArrows.current) return void mark(status);
    byArrows.current = false;
    setChosen(status);
    pending.current = window.setTimeout(() => void mark(status), ARROW_PAUSE_MS);
  }

  async function saveDeputy() {
    if (a.status === 'supplee' && (a.representedBy ?? '') === deputy.trim()) return;
    await ctx.apply(() => api.attendees.setAttendance({ id: a.id, status: 'supplee', representedBy: deputy }));
  }

  async function giveMandate(holderId: string) {
    if (!holderId) return;
    const ok = await ctx.apply(() => api.attendees.setAttendance({ id: a.id, status: 'mandat', mandateTo: holderId }));
    if (!ok) setChosen(a.status);
  }

  return (
    <tr aria-label={name}>
      <td>
        <div className="cell-strong">{name}</div>
        {/* One column with the person: the six choices of presence take the width a second one would need at 1024 px. */}
        <div>{a.structure ?? <span className="muted">Structure non précisée</span>}</div>
        {a.role && <div className="muted small">{a.role}</div>}
        {a.isMember && <span className="badge">{a.memberRole === 'suppleant' ? 'Membre suppléant' : 'Membre titulaire'}</span>}
        {a.isMember && !a.sits && (
          <span className="badge warning" title="Son siège ne siège pas à ce type de séance : ni quorum, ni mandat, ni diffusion.">
            Ne siège pas à cette séance
          </span>
        )}
      </td>
      <td>
        <EditableFields>
          <div className="segmented" role="radiogroup" aria-label={`Présence de ${name}`} onKeyDown={(e) => (byArrows.current = e.key.startsWith('Arrow'))}>
            {marksOf(a).map((s) => (
              <label key={s} className={chosen === s ? 'checked' : undefined} title={attendanceStatuses.labels[s]}>
                <input type="radio" name={`presence-${a.id}`} checked={chosen === s} onChange={() => choose(s)} />
                {SHORT[s]}
              </label>
            ))}
          </div>
          {chosen === 'supplee' && (
            <div className="delegate">
              <input
                aria-label={`Suppléant de ${name}`}
                placeholder="Nom du suppléant (facultatif)"
                value={deputy}
                onChange={(e) => setDeputy(e.target.value)}
                onBlur={() => void saveDeputy()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void saveDeputy();
                  }
                }}
              />
            </div>
          )}
          {chosen === 'mandat' && (
            <div className="delegate">
              <select aria-label={`Membre à qui ${name} donne mandat`} value={a.status === 'mandat' ? (a.mandateTo ?? '') : ''} onChange={(e) => void giveMandate(e.target.value)}>
                <option value="">A donné mandat à…</option>
                {holders.map((h) => (
                  <option key={h.id} value={h.id}>
                    {displayName(h)}
                    {h.structure ? ` – ${h.structure}` : ''}
                  </option>
                ))}
              </select>
              {holders.length === 0 && <div className="muted small">Aucun autre membre présent ne peut recevoir de mandat (nul ne peut en détenir plus d’un).</div>}
            </div>
          )}
        </EditableFields>
      </td>
      <td>
        <Writes>
          <button type="button" className="icon-button" onClick={onRemove} aria-label={`Retirer ${name}`} title="Retirer de la liste">
            <Icon name="trash" size={18} />
          </button>
        </Writes>
      </td>
    </tr>
  );
}

const emptyPerson = (meetingId: string): AddPersonFields => ({ meetingId, civility: null, name: '', role: '', structure: '', partnerId: null });

function AddPeopleDialog({ ctx, onClose }: { ctx: SessionContext; onClose: () => void }) {
  const { meeting, options, apply } = ctx;
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const form = useForm(addPerson, emptyPerson(meeting.id));
  const invited = useMemo(() => new Set(meeting.attendees.map((a) => a.contactId).filter(Boolean)), [meeting.attendees]);
  const candidates = useMemo(() => {
    return (options?.contacts ?? [])
      .filter((c) => !invited.has(c.id))
      .filter((c) => matchesText(search, `${c.name} ${c.partnerName} ${c.role ?? ''}`))
      .slice(0, 60);
  }, [options, invited, search]);
  const v = form.values;

  async function addContacts() {
    if (chosen.size === 0) return;
    if (await apply(() => api.attendees.addContacts({ meetingId: meeting.id, contactIds: [...chosen] }), `${plural(chosen.size, 'personne ajoutée', 'personnes ajoutées')}.`)) onClose();
  }

  async function addByHand(event: React.FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    try {
      // A structure typed exactly as in the directory links the person to it.
      const partnerId = options?.partners.find((p) => p.name === input.structure)?.id ?? null;
      const updated = await api.attendees.addPerson({ ...input, partnerId });
      await apply(async () => updated, `${input.name} figure désormais dans la liste.`);
      form.reset(emptyPerson(meeting.id));
    } catch (error) {
      form.showError(error);
    }
  }

  return (
    <Dialog
      title="Ajouter des personnes"
      open
      onClose={onClose}
      width={760}
      // The contacts ticked are added from the footer, in sight however long the list (200 % zoom).
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Fermer
          </button>
          <button type="button" className="button primary" disabled={chosen.size === 0} onClick={() => void addContacts()}>
            Ajouter {chosen.size > 0 ? plural(chosen.size, 'personne') : 'la sélection'}
          </button>
        </>
      }
    >
      <div className="add-people">
        <section aria-label="Contacts de l’annuaire">
          <h3>Depuis l’annuaire des partenaires</h3>
          <label className="search wide-search">
            <Icon name="search" size={18} />
            <span className="visually-hidden">Rechercher un contact</span>
            <input type="search" placeholder="Nom, structure, fonction…" value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />
          </label>
          <ul className="pick-list">
            {candidates.length === 0 && <li className="muted">Aucun contact ne correspond (ou tous sont déjà invités).</li>}
            {candidates.map((c) => (
              <li key={c.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.has(c.id)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(c.id);
                      else next.delete(c.id);
                      setChosen(next);
                    }}
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
        </section>
        <form onSubmit={addByHand} noValidate aria-label="Personne hors annuaire">
          <h3>Une personne hors annuaire</h3>
          <div className="form-grid single">
            <Field label="Civilité" error={form.errors.civility}>
              {(id, d) => (
                <CodeSelect id={id} aria-describedby={d} codes={civilities} value={v.civility} onChange={(c) => form.set('civility', c)} empty="—" />
              )}
            </Field>
            <Field label="Prénom et nom" required error={form.errors.name}>
              {(id, d) => <input id={id} aria-describedby={d} value={text(v.name)} onChange={(e) => form.set('name', e.target.value)} />}
            </Field>
            <Field label="Fonction" error={form.errors.role}>
              {(id, d) => <input id={id} aria-describedby={d} value={text(v.role)} onChange={(e) => form.set('role', e.target.value)} />}
            </Field>
            <Field label="Structure" error={form.errors.structure}>
              {(id, d) => <input id={id} aria-describedby={d} list="structures" value={text(v.structure)} onChange={(e) => form.set('structure', e.target.value)} />}
            </Field>
            <datalist id="structures">
              {options?.partners.map((p) => (
                <option key={p.id} value={p.name} />
              ))}
            </datalist>
          </div>
          <FormError message={form.formError} />
          <div className="actions">
            <button type="submit" className="button">
              Ajouter cette personne
            </button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
