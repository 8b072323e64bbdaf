/**
 * Parcours de sortie in the demo: examining meetings every few months over two years (or the large
 * demo's six), and the requests the approved associations presented, as a secretary would have
 * recorded them: first requests, renewals up to the 24-month cap, refusals, exits, requests still
 * waiting for an avis or a decision. Every request goes through the register's own rules, and every
 * avis through the meeting's: the members the rule seats, the quorum of each item without the
 * association that presents it, a meeting without quorum convened again on the same agenda, a
 * declared interest, votes and a casting vote, an association whose agrément has lapsed.
 */
import { joinFrench, plural } from '../../../shared/format';
import { parcoursOpinions, type AttendanceStatus, type ParcoursOpinion } from '../../../shared/labels';
import { voteProblem } from '../../../shared/meeting-rules';
import type { Db } from '../../db/connection';
import { agrementState, agrementWarning, capDate, parcoursKind, periodEnd } from '../../../shared/parcours';
import { lowerFirst } from '../../../shared/text';
import { AGENDA_TITLE, EXAMINING_KIND, insertParcours } from '../parcours/parcours';
import { itemSittings } from '../parcours/interests';
import { addDays, addMonths, longDate, workingDay, type Day } from './calendar';
import { convened, drawAttendance, suppleantsOn } from './composition';
import type { Network } from './network';
import type { Random } from './random';
import { civilName, fullName } from './territory';

interface Meeting {
  id: string;
  on: Day;
  examined: { opinion: ParcoursOpinion }[];
  /** Held without quorum: no avis, a new convocation. */
  failed: boolean;
  /** The meeting without quorum this one convenes again. */
  reconvenes: Meeting | null;
}

const EXITS = [
  ['sortie_anticipee', 3],
  ['abandon', 2],
  ['depart', 2],
  ['autre', 1],
] as const;

export function insertParcoursDemo(db: Db, rng: Random, network: Network, size: 'small' | 'large', today: Day): void {
  const months = size === 'small' ? 24 : 72;
  const gapDays = size === 'small' ? 80 : 40;
  const chains = size === 'small' ? 12 : 110;
  const at = (day: Day) => `${day}T09:00:00.000Z`;
  const associations = db.prepare(`SELECT id, name FROM partners WHERE type = 'association_sortie' ORDER BY name`).all() as { id: string; name: string }[];
  if (associations.length === 0) return;

  // Past examining meetings, from the oldest; now and then one lacks its quorum and is convened again two weeks later.
  const meetings: Meeting[] = [];
  const start = addMonths(today, -months);
  for (let on = workingDay(addDays(start, 20), 1); on < addDays(today, -7); on = workingDay(addDays(on, gapDays + rng.int(-10, 10)), 1)) {
    const meeting: Meeting = { id: rng.uuid(), on, examined: [], failed: false, reconvenes: null };
    meetings.push(meeting);
    const again = workingDay(addDays(on, 14), 1);
    if ((size === 'small' ? meetings.length === 3 : meetings.length % 12 === 0) && again < addDays(today, -7)) {
      meeting.failed = true;
      meetings.push({ id: rng.uuid(), on: again, examined: [], failed: false, reconvenes: meeting });
      on = again;
    }
  }
  // A meeting convened again examines the agenda of the first: the requests that were on it.
  const meetingAfter = (day: Day) => meetings.find((m) => !m.failed && (m.reconvenes ?? m).on >= addDays(day, 10)) ?? null;

  type Req = Parameters<typeof insertParcours>[1];
  const base = (association: { id: string; name: string }, receivedOn: Day): Req => ({
    reference: null,
    associationId: association.id,
    associationName: association.name,
    previousId: null,
    receivedOn,
    meetingId: null,
    opinion: null,
    opinionOn: null,
    opinionReasons: null,
    decision: null,
    decisionOn: null,
    decreeRef: null,
    startsOn: null,
    endsOn: null,
    rights: [],
    endReason: null,
    closedOn: null,
    sex: rng.chance(0.9) ? 'femme' : rng.pick(['homme', 'autre'] as const),
    ageBand: rng.pick(['18_24', '25_34', '25_34', '35_44', '45_plus'] as const),
    nationality: rng.weighted([
      ['hors_ue', 6],
      ['ue', 2],
      ['francaise', 2],
    ] as const),
    notes: null,
  });

  const requests: { input: Req; id: string }[] = [];
  let decreeNumber = 0;
  // Each chain is one person: a first request, then renewals while the parcours goes on.
  for (let c = 0; c < chains; c++) {
    const association = rng.pick(associations);
    let receivedOn = addDays(start, rng.int(0, months * 30 - 20));
    let previousId: string | null = null;
    let previousEnd: Day | null = null;
    let chainStart: Day | null = null as Day | null;
    const periods = rng.weighted([
      [1, 3],
      [2, 3],
      [3, 2],
      [4, 2],
    ] as const);
    for (let k = 0; k < periods; k++) {
      if (receivedOn > today) break;
      const id = rng.uuid();
      const input: Req = { ...base(association, receivedOn), previousId };
      const meeting = meetingAfter(receivedOn);
      requests.push({ id, input });
      if (!meeting) break;
      const last = meeting === meetings.at(-1);
      // About one first request in six is turned down (18 % nationally in 2024).
      const turnedDown = k === 0 && c % 6 === 5;
      const opinion: ParcoursOpinion = last && rng.chance(0.15) ? 'ajourne' : !turnedDown && rng.chance(k === 0 ? 0.9 : 0.92) ? 'favorable' : 'defavorable';
      input.meetingId = meeting.id;
      input.opinion = opinion;
      if (opinion === 'defavorable') input.opinionReasons = rng.pick(['Projet d’insertion à construire', 'Engagement dans l’accompagnement insuffisant', 'Situation relevant d’un autre dispositif']);
      if (opinion === 'ajourne') input.opinionReasons = 'Pièces complémentaires attendues de l’association';
      meeting.examined.push({ opinion });
      if (opinion === 'ajourne') break;
      const decisionOn = addDays(meeting.on, rng.int(8, 25));
      if (decisionOn > today) break;
      input.decision = opinion === 'favorable' ? 'autorise' : 'refuse';
      input.decisionOn = decisionOn;
      input.decreeRef = `Arrêté préfectoral n° ${decisionOn.slice(0, 4)}-PS-${String(++decreeNumber).padStart(3, '0')}`;
      if (input.decision === 'refuse') break;
      input.rights = rng.sample(['afis', 'titre_sejour', 'hebergement', 'insertion'] as const, rng.int(1, 4));
      if (input.rights.includes('titre_sejour') && input.nationality === 'francaise') input.rights = input.rights.filter((r) => r !== 'titre_sejour');
      const startsOn = previousEnd && previousEnd >= decisionOn ? addDays(previousEnd, 1) : decisionOn;
      chainStart ??= startsOn;
      // A renewal decided late still ends within 24 months of the first start, as the register requires.
      const cap = capDate(chainStart);
      if (startsOn > cap) {
        input.decision = 'refuse';
        input.rights = [];
        break;
      }
      const endsOn: Day = periodEnd(startsOn) < cap ? periodEnd(startsOn) : cap;
      input.endsOn = endsOn;
      previousId = id;
      previousEnd = endsOn;
      const renewal = k + 1 < periods ? addDays(endsOn, -rng.int(35, 60)) : null;
      if (renewal && renewal <= today) {
        receivedOn = renewal;
        continue;
      }
      // The person leaves: at the end of the parcours, or earlier.
      if (endsOn < today || rng.chance(0.1)) {
        const early = rng.chance(0.25);
        const closedOn = early ? addDays(startsOn, rng.int(40, 150)) : endsOn;
        if (closedOn <= today) {
          input.endReason = early ? rng.weighted(EXITS) : 'fin_parcours';
          input.closedOn = closedOn;
        }
      }
      break;
    }
  }

  // Some request received since the last examining meeting always awaits the next one, as in a living commission.
  const lastOn = meetings.at(-1)?.on ?? start;
  if (!requests.some((r) => r.input.meetingId === null && r.input.receivedOn > lastOn)) {
    requests.push({ id: rng.uuid(), input: base(rng.pick(associations), addDays(today, -rng.int(2, 6))) });
  }

  insertMeetings(db, rng, network, meetings, new Set(associations.map((a) => a.id)));
  // Requests in the order they arrived, so that a renewal always finds the request it renews.
  const ordered = requests.map((r, i) => ({ ...r, i })).sort((a, b) => a.input.receivedOn.localeCompare(b.input.receivedOn) || a.i - b.i);
  for (const r of ordered) insertParcours(db, r.input, at(r.input.receivedOn), today, r.id);

  recordAgendas(db, rng, meetings, today);
  declareInterest(db, meetings);
  recordVotes(db, rng, meetings);
}

/** The meetings, with the members the rule convenes and their attendance; the directeur de cabinet chairs in the préfet's stead. */
function insertMeetings(db: Db, rng: Random, network: Network, meetings: readonly Meeting[], associations: ReadonlySet<string>): void {
  const cabinet = network.get('prefecture').contacts[1] ?? network.head('prefecture');
  const chair = `${civilName(cabinet)}, ${lowerFirst(cabinet.role)}`;
  const place = `${network.get('prefecture').name}, salle de réunion du cabinet`;
  const at = (day: Day) => `${day}T09:00:00.000Z`;
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, kind, title, starts_at, ends_at, place, video_link, chair, next_meeting_note, notes, second_convocation_of, minutes_signed_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, NULL, ?, ?)`,
  );
  const insertAttendee = db.prepare(
    `INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, structure, status, represented_by, mandate_to, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of meetings) {
    insertMeeting.run(m.id, EXAMINING_KIND, 'Examen des demandes de parcours de sortie', `${m.on}T14:00`, `${m.on}T16:00`, place, chair, m.reconvenes?.id ?? null, at(addDays(m.on, -20)), at(m.on));
    const members = convened(db, EXAMINING_KIND, m.on);
    // The associations that present requests take no part in their avis: the quorum must hold without them.
    const leftOut = new Set(members.filter((x) => associations.has(network.partnerOf(network.contact(x.contactId!)).id)).map((x) => x.seatId));
    const weights: readonly (readonly [AttendanceStatus, number])[] = m.failed
      ? [['present', 15], ['excuse', 60], ['absent', 25]]
      : m.reconvenes
        ? [['present', 45], ['excuse', 40], ['absent', 15]]
        : [['present', 75], ['excuse', 12], ['supplee', 8], ['absent', 5]];
    const statuses = m.failed || m.reconvenes ? new Map(members.map((x) => [x.memberId, rng.weighted(weights)])) : drawAttendance(rng, EXAMINING_KIND, members, m.on, db, { weights, leftOut });
    const isPrefecture = (x: (typeof members)[number]) => network.partnerOf(network.contact(x.contactId!)).key === 'prefecture';
    if (m.failed) {
      // Without quorum: with the préfet's seat, fewer than half of the seats are there.
      let room = Math.ceil(members.length / 2) - 2;
      for (const x of members) if (!isPrefecture(x) && statuses.get(x.memberId) === 'present' && room-- <= 0) statuses.set(x.memberId, 'excuse');
    }
    const deputies = suppleantsOn(db, m.on);
    const ids = new Map(members.map((x) => [x.memberId, rng.uuid()]));
    // A member who cannot come gives a mandate to one who does, now and then (one mandate each at most).
    const mandates = new Map<string, string>();
    if (!m.failed && rng.chance(0.4)) {
      const giver = members.find((x) => statuses.get(x.memberId) === 'excuse' && !leftOut.has(x.seatId) && !isPrefecture(x));
      const holder = members.find((x) => statuses.get(x.memberId) === 'present' && !isPrefecture(x));
      if (giver && holder) mandates.set(giver.memberId, ids.get(holder.memberId)!);
    }
    members.forEach((x, order) => {
      const contact = network.contact(x.contactId!);
      const partner = network.partnerOf(contact);
      // The préfet's seat: the directeur de cabinet, suppléant, sits and chairs.
      const status: AttendanceStatus = partner.key === 'prefecture' && contact !== cabinet ? 'supplee' : mandates.has(x.memberId) ? 'mandat' : statuses.get(x.memberId)!;
      const representedBy = status === 'supplee' ? (partner.key === 'prefecture' ? civilName(cabinet) : (deputies.get(x.seatId) ?? null)) : null;
      const mark = status === 'supplee' && !representedBy ? 'excuse' : status;
      insertAttendee.run(ids.get(x.memberId), m.id, contact.id, partner.id, contact.civility, fullName(contact), contact.role, partner.name, mark, representedBy, null, order);
    });
    // The mandate points at its holder, inserted above.
    for (const [giver, holder] of mandates) db.prepare('UPDATE meeting_attendees SET mandate_to = ? WHERE id = ?').run(holder, ids.get(giver));
  }
}

/**
 * Each meeting's agenda as its minutes record it: the approval of the previous examining meeting's
 * minutes, then the requests examined with their association's agrément and the avis given. A meeting
 * without quorum gives none and says when the commission meets again.
 */
function recordAgendas(db: Db, rng: Random, meetings: readonly Meeting[], today: Day): void {
  const at = (day: Day) => `${day}T09:00:00.000Z`;
  const insertItem = db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, kind, approves_meeting_id, title, presenter, duration_min, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const insertDecision = db.prepare(
    `INSERT INTO decisions (id, meeting_id, agenda_item_id, text, action_id, journal_entry_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
  );
  let previous: Meeting | null = null;
  for (const m of meetings) {
    const source = m.failed ? meetings.find((x) => x.reconvenes === m)! : m;
    const requests = db
      .prepare('SELECT r.reference, r.renewal_number, r.association_name, p.agrement_on, p.agrement_years FROM parcours_requests r LEFT JOIN partners p ON p.id = r.association_id WHERE r.meeting_id = ? ORDER BY r.reference')
      .all(source.id) as { reference: string; renewal_number: number; association_name: string; agrement_on: string | null; agrement_years: number | null }[];
    let position = 1;
    const approves = m.reconvenes ? m.reconvenes.reconvenes : previous;
    if (approves) {
      const itemId = rng.uuid();
      insertItem.run(itemId, m.id, position++, 'approbation', approves.id, `Approbation du compte rendu de la séance du ${longDate(approves.on)}`, 5, null, at(addDays(m.on, -20)), at(m.on));
      // A meeting without quorum approves nothing: the one convened again does.
      if (!m.failed) insertDecision.run(rng.uuid(), m.id, itemId, `Le compte rendu de la séance du ${longDate(approves.on)} est approuvé sans modification.`, 0, at(m.on), at(m.on));
    }
    const described = requests.map((r) => {
      const warning = agrementWarning(agrementState({ agrementOn: r.agrement_on, agrementYears: r.agrement_years }, m.on));
      return `${r.reference} (${lowerFirst(parcoursKind(r.renewal_number))}, ${r.association_name}${warning ? ` : ${warning}` : ''})`;
    });
    const itemId = rng.uuid();
    insertItem.run(itemId, m.id, position, 'libre', null, AGENDA_TITLE, 90, described.length ? `Demandes examinées : ${described.join(' ; ')}.` : 'Aucune demande à examiner.', at(addDays(m.on, -20)), at(m.on));
    if (m.failed) {
      insertDecision.run(rng.uuid(), m.id, itemId, `Le quorum n’étant pas atteint, la commission n’a pu rendre d’avis. Elle est convoquée de nouveau le ${longDate(source.on)} sur le même ordre du jour, sans condition de quorum.`, 1, at(m.on), at(m.on));
    } else {
      // « 5 avis : 4 favorables et 1 ajourné », the opinions given only.
      const counts = parcoursOpinions.codes.map((o) => [m.examined.filter((e) => e.opinion === o).length, lowerFirst(parcoursOpinions.labels[o])] as const);
      const total = counts.reduce((sum, [n]) => sum + n, 0);
      const given = counts.filter(([n]) => n > 0).map(([n, word]) => plural(n, word));
      insertDecision.run(rng.uuid(), m.id, itemId, total === 0 ? 'La commission n’a rendu aucun avis.' : `La commission a rendu ${plural(total, 'avis', 'avis')} : ${joinFrench(given)}.`, 1, at(m.on), at(m.on));
    }
    if (!m.failed) previous = m;
  }
  // The latest examining meeting has no later one to approve its minutes: its chair signs them.
  const last = meetings.at(-1);
  if (last && addDays(last.on, 7) < today) db.prepare('UPDATE meetings SET minutes_signed_on = ? WHERE id = ?').run(addDays(last.on, 7), last.id);
}

/** A member who declares an interest in a request takes no part in its avis: the first one the quorum of the item can spare. */
function declareInterest(db: Db, meetings: readonly Meeting[]): void {
  for (const m of meetings.filter((x) => !x.failed && !x.reconvenes).reverse()) {
    const requests = db.prepare('SELECT id, association_id AS associationId FROM parcours_requests WHERE meeting_id = ? AND opinion IS NOT NULL ORDER BY reference').all(m.id) as { id: string; associationId: string | null }[];
    const candidates = db
      .prepare(`SELECT a.id FROM meeting_attendees a JOIN partners p ON p.id = a.partner_id WHERE a.meeting_id = ? AND a.status = 'present' AND p.type IN ('ddfe_ddets', 'hebergement') ORDER BY a.name`)
      .pluck()
      .all(m.id) as string[];
    for (const request of requests) {
      for (const attendeeId of candidates) {
        db.prepare('INSERT INTO avis_interests (request_id, attendee_id, reason, created_at) VALUES (?, ?, ?, ?)').run(request.id, attendeeId, 'Sa structure assure l’hébergement de la personne', `${m.on}T09:00:00.000Z`);
        if (itemSittings(db, m.id, [request]).sittings[0]!.valid) return;
        db.prepare('DELETE FROM avis_interests WHERE request_id = ? AND attendee_id = ?').run(request.id, attendeeId);
      }
    }
  }
}

/** The vote counted on some avis (R. 133-11): a majority of the members who take part, and once the chair's casting vote on a tie. */
function recordVotes(db: Db, rng: Random, meetings: readonly Meeting[]): void {
  const setVotes = db.prepare('UPDATE parcours_requests SET votes_for = ?, votes_against = ?, votes_abstention = ?, casting_vote = ? WHERE id = ?');
  let tie = false;
  for (const m of meetings.filter((x) => !x.failed && !x.reconvenes)) {
    const requests = db.prepare(`SELECT id, association_id AS associationId, opinion FROM parcours_requests WHERE meeting_id = ? AND opinion IN ('favorable', 'defavorable') ORDER BY reference`).all(m.id) as {
      id: string;
      associationId: string | null;
      opinion: ParcoursOpinion;
    }[];
    const { sittings } = itemSittings(db, m.id, requests);
    requests.forEach((r, i) => {
      const voters = sittings[i]!.quorum.counted;
      const against = r.opinion === 'defavorable';
      if (!tie && against && voters >= 4) {
        // A tie the chair settles.
        const half = Math.floor(voters / 2);
        const votes = { for: half, against: half, abstention: voters - 2 * half, casting: 'contre' as const };
        if (voteProblem(votes, voters, r.opinion) === null) {
          setVotes.run(votes.for, votes.against, votes.abstention, votes.casting, r.id);
          tie = true;
          return;
        }
      }
      if (!against && !rng.chance(0.4)) return;
      const minority = rng.int(0, Math.floor((voters - 1) / 3));
      const abstention = voters - minority > 2 ? rng.int(0, 1) : 0;
      const majority = voters - minority - abstention;
      const votes = { for: against ? minority : majority, against: against ? majority : minority, abstention, casting: null };
      if (voteProblem(votes, voters, r.opinion) === null) setVotes.run(votes.for, votes.against, votes.abstention, null, r.id);
    });
  }
}
