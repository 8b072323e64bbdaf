import './composition.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import { colleges, seatTitles, type College, type SeatTitle } from '../../../../shared/labels';
import type { Composition, CompositionCandidate, Seat, SeatMember } from '../../../../shared/model/composition';
import { addDays, parisToday } from '../../../../shared/wallclock';
import { api, errorMessage } from '../../api';
import { DateInput } from '../../components/DateInput';
import { EmptyState } from '../../components/EmptyState';
import { HistoryDialog } from '../../components/HistoryDialog';
import { Icon } from '../../components/icons';
import { LoadError } from '../../components/LoadError';
import { ExportMenu } from '../../components/MenuButton';
import { useToast } from '../../components/Toast';
import { PartnersTabs } from '../partners/PartnersTabs';
import { AppointDialog, ArreteDialog, EndDialog, MemberDialog, SeatDialog, SeatMemberDialog } from './dialogs';

type Open =
  | { kind: 'appoint' }
  | { kind: 'seat'; seat: Seat }
  | { kind: 'seat-member'; seat: Seat; role: 'titulaire' | 'suppleant' }
  | { kind: 'member'; member: SeatMember }
  | { kind: 'arrete'; memberIds: string[] }
  | { kind: 'end'; memberIds: string[] }
  | { kind: 'history' };

/** « Mme Hélène Martin », her function, « depuis le 01/02/2026 » (the name as appointed, civility included). */
function MemberLine({ member, onEdit }: { member: SeatMember; onEdit: () => void }) {
  return (
    <div className="member-line">
      <button type="button" className="link-button" onClick={onEdit} title="Modifier la nomination (qualité, dates, arrêté)">
        {member.name}
      </button>
      {member.function && <div className="muted">{member.function}</div>}
      <div className="muted small">{member.fromOn ? `depuis le ${formatDate(member.fromOn)}` : 'date de nomination non renseignée'}</div>
    </div>
  );
}

/**
 * Partenaires › Composition: the seats of the commission by college, as the préfet's arrêtés make
 * them, with their titulaires and suppléants on a chosen day; changes one seat at a time or many at
 * once (ten members marked « au titre de la protection de l’enfance » without opening ten pages).
 */
export function CompositionPage() {
  const today = parisToday(new Date());
  const [on, setOn] = useState(today);
  const [composition, setComposition] = useState<Composition | null>(null);
  const [candidates, setCandidates] = useState<CompositionCandidate[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Open | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const toast = useToast();

  const load = useCallback(async (day: string) => {
    try {
      const [c, people] = await Promise.all([api.composition.get({ on: day }), api.composition.candidates()]);
      setComposition(c);
      setCandidates(people);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void load(on);
  }, [load, on]);

  /** Every write answers with today's composition; the page shows the day it was looking at. */
  const done = useCallback(
    async (_c: Composition, message: string) => {
      setOpen(null);
      toast(message);
      await load(on);
    },
    [load, on, toast],
  );

  async function run(write: () => Promise<Composition>, message: string) {
    try {
      await done(await write(), message);
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  }

  const groups = useMemo(() => colleges.codes.map((code) => ({ code, seats: (composition?.seats ?? []).filter((s) => s.college === code) })).filter((g) => g.seats.length > 0), [composition]);
  if (loadError) return <LoadError message={loadError} />;
  if (!composition) return <div className="loading">Chargement…</div>;

  const seats = composition.seats;
  const chosen = seats.filter((s) => selected.has(s.id));
  const chosenMembers = chosen.flatMap((s) => [s.titulaire, ...s.suppleants]).filter((m): m is SeatMember => m !== null);
  const held = seats.filter((s) => s.titulaire);
  const counts = [
    plural(held.length, 'siège pourvu', 'sièges pourvus'),
    `${held.filter((s) => s.title === 'protection_enfance').length} au titre de la protection de l’enfance`,
    `${held.filter((s) => s.minorsCoordination).length} à la coordination des situations de mineurs`,
    ...(seats.length > held.length ? [plural(seats.length - held.length, 'siège vacant', 'sièges vacants')] : []),
  ];
  const toggle = (id: string, on: boolean) => setSelected((current) => new Set(on ? [...current, id] : [...current].filter((x) => x !== id)));
  const bulk = (change: { title?: SeatTitle; college?: College; minorsCoordination?: boolean }, message: string) =>
    void run(async () => {
      const updated = await api.composition.updateSeats({ seatIds: [...selected], ...change });
      setSelected(new Set());
      return updated;
    }, message);

  return (
    <div className="page composition-page">
      <header className="page-header">
        <div>
          <h1>Composition de la commission</h1>
          <p className="subtitle">Sièges et membres nommés par arrêté préfectoral{on === today ? ', aujourd’hui' : `, au ${formatDate(on)}`}</p>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={() => setOpen({ kind: 'history' })}>
            <Icon name="history" size={18} />
            Historique
          </button>
          <ExportMenu write={(format) => api.composition.export({ format, on })} done="Composition exportée" />
          <button type="button" className="button primary" onClick={() => setOpen({ kind: 'appoint' })}>
            <Icon name="plus" size={18} />
            Nommer des membres
          </button>
        </div>
      </header>
      <PartnersTabs current="composition" />
      {composition.toConfirm && (
        <div className="banner banner-warning" role="note">
          <Icon name="alert" size={18} />
          <span>
            Composition reprise de la version précédente : les membres des structures de protection de l’enfance (conseil départemental, PJJ, associations de protection de
            l’enfance) y siègent « au titre de la protection de l’enfance » et ne sont pas convoqués à l’examen des demandes ; la case « siège en formation restreinte » est
            devenue « siège à la coordination des situations de mineurs ». Vérifiez ces titres (un conseil départemental qui siégeait avant le décret du 30 décembre 2025 est
            membre de la commission), puis confirmez.
          </span>
          <button type="button" className="button primary" onClick={() => void run(() => api.composition.confirm(), 'Composition confirmée.')}>
            Confirmer la composition
          </button>
        </div>
      )}
      <section className="card composition-tools" aria-label="Jour et sélection">
        <div className="field composition-day">
          <label htmlFor="composition-on">Composition au</label>
          <DateInput id="composition-on" value={on} onChange={(value) => value && setOn(value)} />
        </div>
        <p className="muted">{counts.join(' · ')}</p>
        {selected.size > 0 && (
          <div className="bulk-bar" role="toolbar" aria-label={`Modifier les ${plural(selected.size, 'siège sélectionné', 'sièges sélectionnés')}`}>
            <strong>{plural(selected.size, 'siège sélectionné', 'sièges sélectionnés')}</strong>
            <button type="button" className="button" onClick={() => bulk({ title: 'protection_enfance' }, `${plural(selected.size, 'siège', 'sièges')} au titre de la protection de l’enfance.`)}>
              Au titre de la protection de l’enfance
            </button>
            <button type="button" className="button" onClick={() => bulk({ title: 'commission' }, `${plural(selected.size, 'siège', 'sièges')} au titre de membre de la commission.`)}>
              Membres de la commission
            </button>
            <button type="button" className="button" onClick={() => bulk({ minorsCoordination: true }, 'Ces sièges siègent à la coordination des situations de mineurs.')}>
              Siègent à la coordination
            </button>
            <button type="button" className="button" onClick={() => bulk({ minorsCoordination: false }, 'Ces sièges ne siègent plus à la coordination des situations de mineurs.')}>
              Ne siègent pas à la coordination
            </button>
            <select aria-label="Changer de collège" value="" onChange={(e) => e.target.value && bulk({ college: e.target.value as College }, `Collège : ${colleges.labels[e.target.value as College]}.`)}>
              <option value="">Collège…</option>
              {colleges.codes.map((c) => (
                <option key={c} value={c}>
                  {colleges.labels[c]}
                </option>
              ))}
            </select>
            <button type="button" className="button" disabled={chosenMembers.length === 0} onClick={() => setOpen({ kind: 'arrete', memberIds: chosenMembers.map((m) => m.id) })}>
              Arrêté de nomination…
            </button>
            <button type="button" className="button danger-outline" disabled={chosenMembers.length === 0} onClick={() => setOpen({ kind: 'end', memberIds: chosenMembers.map((m) => m.id) })}>
              Fin de mandat…
            </button>
            <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
              Tout désélectionner
            </button>
          </div>
        )}
      </section>
      {seats.length === 0 ? (
        <EmptyState title="Aucun membre nommé" icon="partners">
          <p>Nommez les membres désignés par l’arrêté préfectoral de composition : chaque personne devient titulaire d’un siège de sa structure.</p>
        </EmptyState>
      ) : (
        groups.map(({ code, seats: inCollege }) => {
          const all = inCollege.every((s) => selected.has(s.id));
          return (
            <section key={code} className="card" aria-labelledby={`college-${code}`}>
              <table className="table composition">
                <caption id={`college-${code}`}>
                  {colleges.labels[code]} <span className="count">{inCollege.length}</span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="select-cell">
                      <input type="checkbox" aria-label={`Sélectionner les sièges du collège ${colleges.labels[code]}`} checked={all} onChange={(e) => inCollege.forEach((s) => toggle(s.id, e.target.checked))} />
                    </th>
                    <th scope="col">Siège</th>
                    <th scope="col">Titre</th>
                    <th scope="col">Titulaire</th>
                    <th scope="col">Suppléants</th>
                    <th scope="col">Arrêté</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {inCollege.map((seat) => (
                    <SeatRow key={seat.id} seat={seat} selected={selected.has(seat.id)} onSelect={(checked) => toggle(seat.id, checked)} onOpen={setOpen} />
                  ))}
                </tbody>
              </table>
            </section>
          );
        })
      )}
      {open?.kind === 'appoint' && <AppointDialog candidates={candidates} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'seat' && <SeatDialog seat={open.seat} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'seat-member' && <SeatMemberDialog seat={open.seat} role={open.role} candidates={candidates} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'member' && <MemberDialog member={open.member} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'arrete' && <ArreteDialog memberIds={open.memberIds} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'end' && <EndDialog memberIds={open.memberIds} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'history' && <HistoryDialog entity="composition" id="1" title="Composition de la commission" onClose={() => setOpen(null)} />}
    </div>
  );
}

function SeatRow({ seat, selected, onSelect, onOpen }: { seat: Seat; selected: boolean; onSelect: (checked: boolean) => void; onOpen: (o: Open) => void }) {
  const arretes = [...new Set([seat.titulaire, ...seat.suppleants].filter((m): m is SeatMember => m !== null).map((m) => [m.arreteRef, m.arreteOn && `du ${formatDate(m.arreteOn)}`].filter(Boolean).join(' ')))].filter(Boolean);
  const former = seat.others.filter((m) => m.toOn !== null);
  return (
    <tr aria-label={seat.label} className={selected ? 'selected' : undefined}>
      <td className="select-cell">
        <input type="checkbox" aria-label={`Sélectionner le siège ${seat.label}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
      </td>
      <th scope="row">
        <div className="cell-strong">{seat.label}</div>
        {seat.partnerName && seat.partnerName !== seat.label && <div className="muted small">{seat.partnerName}</div>}
        {former.length > 0 && (
          <details className="former">
            <summary>{plural(former.length, 'ancien membre', 'anciens membres')}</summary>
            <ul>
              {former.map((m) => (
                <li key={m.id}>
                  {m.name} ({m.role === 'titulaire' ? 'titulaire' : 'suppléant'}
                  {m.fromOn ? ` du ${formatDate(m.fromOn)}` : ''} jusqu’au {formatDate(addDays(m.toOn!, -1))})
                </li>
              ))}
            </ul>
          </details>
        )}
      </th>
      <td>
        <span className={seat.title === 'protection_enfance' ? 'badge warning seat-title' : 'badge seat-title'}>{seatTitles.labels[seat.title]}</span>
        {seat.minorsCoordination && <div className="muted small">Siège à la coordination des situations de mineurs</div>}
      </td>
      <td>{seat.titulaire ? <MemberLine member={seat.titulaire} onEdit={() => onOpen({ kind: 'member', member: seat.titulaire! })} /> : <span className="badge danger">Vacant</span>}</td>
      <td>
        {seat.suppleants.length === 0 && <span className="muted">Aucun</span>}
        {seat.suppleants.map((m) => (
          <MemberLine key={m.id} member={m} onEdit={() => onOpen({ kind: 'member', member: m })} />
        ))}
      </td>
      <td className="small">{arretes.length ? arretes.join(' ; ') : <span className="muted">Non renseigné</span>}</td>
      <td className="actions-cell">
        <div className="row-actions">
          <button type="button" className="icon-button" onClick={() => onOpen({ kind: 'seat', seat })} aria-label={`Modifier le siège ${seat.label}`} title="Modifier le siège">
            <Icon name="edit" size={18} />
          </button>
          <button type="button" className="icon-button" onClick={() => onOpen({ kind: 'seat-member', seat, role: 'suppleant' })} aria-label={`Ajouter un suppléant au siège ${seat.label}`} title="Ajouter un suppléant">
            <Icon name="plus" size={18} />
          </button>
          <button type="button" className="icon-button" onClick={() => onOpen({ kind: 'seat-member', seat, role: 'titulaire' })} aria-label={`Nommer un nouveau titulaire au siège ${seat.label}`} title="Nommer un nouveau titulaire">
            <Icon name="partners" size={18} />
          </button>
        </div>
      </td>
    </tr>
  );
}
