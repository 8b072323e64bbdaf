/**
 * The composition the préfet's arrêtés gave the demo commission: one seat per member structure, its
 * head titulaire and a colleague suppléant, appointed when the commission was set up; the members the
 * decree of 30 December 2025 added « au titre de la protection de l’enfance », appointed by a later
 * arrêté; a titulaire replaced along the way; the associations' agréments, one of them lapsed. And the
 * attendance every meeting of the demo draws, with the quorum it must reach.
 */
import type { AttendanceStatus, MeetingKind } from '../../../shared/labels';
import { computeQuorum, sitsAt } from '../../../shared/meeting-rules';
import type { Db } from '../../db/connection';
import { appointMember, insertSeatWithTitulaire } from '../composition/composition';
import { membershipsOn, seatsComposing, type Membership } from '../composition/sitting';
import { insertContact } from '../partners/partners';
import { addDays, addMonths, maxDay, minDay, stamp, workingDay, type Day } from './calendar';
import type { SizeProfile } from './index';
import type { DemoContact, DemoPartner, Network } from './network';
import type { Random } from './random';
import { civilName, gendered, randomPerson, type Territory } from './territory';

/** The arrêté that brought in the members the decree of 30 December 2025 added. */
const DECREE_ARRETE_ON = '2026-02-16';

/** The day the commission's first arrêté of composition was signed: before the oldest meeting of the demo (the register's go back two years at least). */
function establishedOn(size: SizeProfile, today: Day): Day {
  return workingDay(addMonths(today, -Math.max(size.historyMonths, 24) - 3), 1);
}

const arrete = (year: string, n: number, on: Day) => ({ arreteRef: `Arrêté préfectoral n° ${year}-CDLP-${String(n).padStart(3, '0')}`, arreteOn: on });

export function insertComposition(db: Db, rng: Random, t: Territory, network: Network, size: SizeProfile, today: Day): void {
  const established = establishedOn(size, today);
  const first = arrete(established.slice(0, 4), 1, established);
  // The decree's members arrived in February 2026, or a few weeks ago for a demo generated earlier.
  const decreeOn = workingDay(maxDay(addDays(established, 30), minDay(DECREE_ARRETE_ON, addDays(today, -21))), -1);
  const decree = arrete(decreeOn.slice(0, 4), 2, decreeOn);
  const replacedOn = workingDay(maxDay(addDays(established, 60), addMonths(today, -10)), -1);

  for (const partner of network.partners) {
    if (!partner.seat) continue;
    const [head, colleague] = partner.contacts;
    if (!head) continue;
    const added = partner.seat.title === 'protection_enfance';
    const appointment = added ? { fromOn: decreeOn, ...decree } : { fromOn: established, ...first };
    const at = stamp(rng, appointment.fromOn);
    // The gendarmerie's commander changes with his posting: the seat keeps its past titulaire.
    const former = partner.key === 'gendarmerie' ? formerHead(db, rng, partner, head, established) : null;
    const newId = () => rng.uuid();
    const seatId = insertSeatWithTitulaire(db, (former ?? head).id, { title: partner.seat.title, college: null, minorsCoordination: partner.seat.minorsCoordination }, appointment, at, newId);
    if (former) appointMember(db, { seatId, contactId: head.id, role: 'titulaire', fromOn: replacedOn, ...arrete(replacedOn.slice(0, 4), 3, replacedOn) }, stamp(rng, replacedOn), newId);
    if (colleague) appointMember(db, { seatId, contactId: colleague.id, role: 'suppleant', ...appointment }, at, newId);
  }

  // Agréments of three years, renewed in turn; one association let its agrément lapse and still presents requests.
  const prefecture = `Préfecture ${t.of}`;
  const setAgrement = db.prepare('UPDATE partners SET agrement_on = ?, agrement_years = 3, agrement_prefecture = ? WHERE id = ?');
  for (const partner of network.partners.filter((p) => p.type === 'association_sortie')) {
    const lapsed = partner.key === 'cidff';
    setAgrement.run(addMonths(today, lapsed ? -rng.int(38, 44) : -rng.int(3, 30)), prefecture, partner.id);
  }
}

/** The head a structure had until its current one, kept in the directory as the composition's past. */
function formerHead(db: Db, rng: Random, partner: DemoPartner, head: DemoContact, since: Day): DemoContact {
  const person = randomPerson(rng);
  const former: DemoContact = { ...person, id: rng.uuid(), partnerId: partner.id, role: gendered('Ancien commandant du groupement|Ancienne commandante du groupement', person.civility), isMember: false };
  insertContact(
    db,
    former.id,
    { partnerId: partner.id, civility: person.civility, firstName: person.firstName, lastName: person.lastName, role: former.role, email: null, phone: null, isMember: false, source: 'Arrêté de composition', confirmedOn: null, notes: `A quitté ses fonctions ; remplacé par ${civilName(head)}.` },
    stamp(rng, since),
  );
  partner.contacts.push(former);
  return former;
}

/** The members convened to a meeting of this kind on its day: the titulaires whose seat sits at it. */
export function convened(db: Db, kind: MeetingKind, day: Day): Membership[] {
  return membershipsOn(db, day).filter((m) => m.role === 'titulaire' && m.contactId !== null && sitsAt(kind, m));
}

/** The suppléants of each seat on a day, who stand in for an absent titulaire. */
export function suppleantsOn(db: Db, day: Day): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of membershipsOn(db, day)) {
    if (m.role !== 'suppleant' || names.has(m.seatId) || !m.contactId) continue;
    const c = db.prepare('SELECT civility, first_name, last_name, role FROM contacts WHERE id = ?').get(m.contactId) as { civility: string | null; first_name: string | null; last_name: string; role: string | null };
    names.set(m.seatId, [[c.civility, c.first_name, c.last_name].filter(Boolean).join(' '), c.role?.toLowerCase()].filter(Boolean).join(', '));
  }
  return names;
}

/**
 * Draws the attendance of the convened members, then makes sure the meeting reaches its quorum even
 * without `leftOut` seats (those of the associations that present requests, which take no part in
 * their avis): absent members are marked present until it does.
 */
export function drawAttendance(
  rng: Random,
  kind: MeetingKind,
  members: readonly Membership[],
  day: Day,
  db: Db,
  options: { weights: readonly (readonly [AttendanceStatus, number])[]; leftOut?: ReadonlySet<string>; chair?: string | null },
): Map<string, AttendanceStatus> {
  const statuses = new Map(members.map((m) => [m.memberId, m.contactId === options.chair ? ('present' as AttendanceStatus) : rng.weighted(options.weights)]));
  const seats = seatsComposing(membershipsOn(db, day));
  const quorum = () =>
    computeQuorum(kind, {
      waived: false,
      seats,
      attendees: members.filter((m) => !options.leftOut?.has(m.seatId)).map((m) => ({ seatId: m.seatId, memberRole: m.role, status: statuses.get(m.memberId)! })),
      leftOut: options.leftOut,
    });
  for (const m of members) {
    const q = quorum();
    if (!q.applies || q.reached) break;
    if (!options.leftOut?.has(m.seatId) && statuses.get(m.memberId) !== 'present') statuses.set(m.memberId, 'present');
  }
  return statuses;
}
