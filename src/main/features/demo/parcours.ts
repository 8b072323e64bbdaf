/**
 * Parcours de sortie in the demo: examining meetings every few months over two years (or the large
 * demo's six), and the requests the approved associations presented, as a secretary would have
 * recorded them: first requests, renewals up to the 24-month cap, refusals, exits, requests still
 * waiting for an avis or a decision. Every request goes through the register's own rules.
 */
import { joinFrench, plural } from '../../../shared/format';
import { childProtectionPartnerTypes, parcoursOpinions, type ParcoursOpinion } from '../../../shared/labels';
import type { Db } from '../../db/connection';
import { capDate, periodEnd } from '../../../shared/parcours';
import { lowerFirst } from '../../../shared/text';
import { AGENDA_TITLE, EXAMINING_KIND, insertParcours } from '../parcours/parcours';
import { addDays, addMonths, workingDay, type Day } from './calendar';
import type { Random } from './random';

interface Meeting {
  id: string;
  on: Day;
  examined: { opinion: ParcoursOpinion }[];
}

const EXITS = [
  ['sortie_anticipee', 3],
  ['abandon', 2],
  ['depart', 2],
  ['autre', 1],
] as const;

export function insertParcoursDemo(db: Db, rng: Random, size: 'small' | 'large', today: Day): void {
  const months = size === 'small' ? 24 : 72;
  const gapDays = size === 'small' ? 80 : 40;
  const chains = size === 'small' ? 12 : 110;
  const at = (day: Day) => `${day}T09:00:00.000Z`;
  const associations = db.prepare(`SELECT id, name FROM partners WHERE type = 'association_sortie' ORDER BY name`).all() as { id: string; name: string }[];
  if (associations.length === 0) return;
  const prefecture = db.prepare(`SELECT name FROM partners WHERE type = 'prefecture' ORDER BY name LIMIT 1`).pluck().get() as string | undefined;

  // Past examining meetings, from the oldest.
  const meetings: Meeting[] = [];
  const start = addMonths(today, -months);
  for (let on = workingDay(addDays(start, 20), 1); on < addDays(today, -7); on = workingDay(addDays(on, gapDays + rng.int(-10, 10)), 1)) {
    meetings.push({ id: rng.uuid(), on, examined: [] });
  }
  const meetingAfter = (day: Day) => meetings.find((m) => m.on >= addDays(day, 10)) ?? null;

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

  const members = db
    .prepare(
      `SELECT c.id, c.partner_id, c.civility, c.first_name, c.last_name, c.role, p.name AS partner_name FROM contacts c JOIN partners p ON p.id = c.partner_id
       WHERE c.is_member = 1 AND p.type NOT IN (${childProtectionPartnerTypes.map((t) => `'${t}'`).join(', ')}) ORDER BY p.name, c.last_name`,
    )
    .all() as { id: string; partner_id: string; civility: string | null; first_name: string | null; last_name: string; role: string | null; partner_name: string }[];
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, kind, title, starts_at, ends_at, place, video_link, chair, next_meeting_note, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, ?)`,
  );
  const insertAttendee = db.prepare(
    `INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, structure, status, represented_by, is_member, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?)`,
  );
  for (const m of meetings) {
    insertMeeting.run(m.id, EXAMINING_KIND, 'Examen des demandes de parcours de sortie', `${m.on}T14:00`, `${m.on}T16:00`, prefecture ? `${prefecture}, salle de réunion` : 'Préfecture', 'Le directeur de cabinet', at(addDays(m.on, -20)), at(m.on));
    members.forEach((c, i) =>
      insertAttendee.run(rng.uuid(), m.id, c.id, c.partner_id, c.civility, [c.first_name, c.last_name].filter(Boolean).join(' '), c.role, c.partner_name, rng.chance(0.85) ? 'present' : 'excuse', i),
    );
    db.prepare('INSERT INTO meeting_parcours (meeting_id, minors_situations, updated_at) VALUES (?, ?, ?)').run(m.id, rng.int(0, 3), at(m.on));
  }
  // Requests in the order they arrived, so that a renewal always finds the request it renews.
  const ordered = requests.map((r, i) => ({ ...r, i })).sort((a, b) => a.input.receivedOn.localeCompare(b.input.receivedOn) || a.i - b.i);
  for (const r of ordered) insertParcours(db, r.input, at(r.input.receivedOn), today, r.id);

  // Each past meeting's agenda item and the avis it gave, as its minutes record them.
  for (const m of meetings) {
    const refs = db.prepare('SELECT reference FROM parcours_requests WHERE meeting_id = ? ORDER BY reference').pluck().all(m.id) as string[];
    const itemId = rng.uuid();
    db.prepare(`INSERT INTO agenda_items (id, meeting_id, position, kind, title, presenter, duration_min, notes, created_at, updated_at) VALUES (?, ?, 1, 'libre', ?, NULL, 90, ?, ?, ?)`).run(
      itemId,
      m.id,
      AGENDA_TITLE,
      refs.length ? `Demandes examinées : ${refs.join(', ')}.` : 'Aucune demande à examiner.',
      at(addDays(m.on, -20)),
      at(m.on),
    );
    // « 5 avis : 4 favorables et 1 ajourné », the opinions given only.
    const counts = parcoursOpinions.codes.map((o) => [m.examined.filter((e) => e.opinion === o).length, lowerFirst(parcoursOpinions.labels[o])] as const);
    const total = counts.reduce((sum, [n]) => sum + n, 0);
    const given = counts.filter(([n]) => n > 0).map(([n, word]) => plural(n, word));
    db.prepare(`INSERT INTO decisions (id, meeting_id, agenda_item_id, text, action_id, journal_entry_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, 0, ?, ?)`).run(
      rng.uuid(),
      m.id,
      itemId,
      total === 0
        ? 'La commission n’a rendu aucun avis.'
        : `La commission a rendu ${plural(total, 'avis', 'avis')} : ${joinFrench(given)}.`,
      at(m.on),
      at(m.on),
    );
  }
}
