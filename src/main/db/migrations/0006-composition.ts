import { randomUUID } from 'node:crypto';
import type { Migration } from './index';

/**
 * The composition of the commission as a record of its own, and the rules of its acts.
 *
 * - `seats`: the seats of the préfet's arrêté, each in a college and held under a title (« membre de la
 *   commission » or « au titre de la protection de l’enfance », the members the decree of 30 December
 *   2025 added), sitting or not at the coordination of minors' situations. `seat_members`: who holds
 *   each seat, titulaire or suppléant, from and until when (exclusive), under which arrêté. A past
 *   meeting's composition is the memberships of its day; a deleted or erased contact's membership
 *   keeps its name, and the attendances it made keep their link (`meeting_attendees.seat_member_id`).
 * - Existing members become seats: one per titulaire, their structure's suppléants attached to its
 *   first seat. What the former flags meant is made explicit: members of structures the former
 *   version kept out of examining meetings (conseil départemental, PJJ, child-protection
 *   associations) sit « au titre de la protection de l’enfance »; « siège en formation restreinte »
 *   becomes « siège à la coordination des situations de mineurs ». The secretary confirms it once
 *   (`commission.composition_to_confirm`). Formations restreintes that examined parcours requests
 *   become examining meetings. The per-session snapshots of migration 0005 (counts of titulaires
 *   holding the former flags) are dropped: the quorum is now counted on the seats of the day.
 * - The préfet's civility and name; a structure's agrément (date, years, préfecture); a meeting's new
 *   convocation without quorum and its minutes signed by the chair; the vote on each avis; the
 *   interests members declare in a request.
 */
const SQL = `
CREATE TABLE seats (
  id TEXT PRIMARY KEY,
  college TEXT NOT NULL,
  title TEXT NOT NULL CHECK (title IN ('commission', 'protection_enfance')),
  minors_coordination INTEGER NOT NULL DEFAULT 0 CHECK (minors_coordination IN (0, 1)),
  -- The seat as the arrêté words it (« Le directeur départemental de la sécurité publique ou son représentant »).
  label TEXT NOT NULL,
  partner_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX seats_partner ON seats(partner_id);
CREATE TABLE seat_members (
  id TEXT PRIMARY KEY,
  seat_id TEXT NOT NULL REFERENCES seats(id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('titulaire', 'suppleant')),
  -- Sits from from_on (NULL: before the record began) until the day before to_on (NULL: still sitting).
  from_on TEXT,
  to_on TEXT,
  arrete_ref TEXT,
  arrete_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (from_on IS NULL OR to_on IS NULL OR to_on >= from_on)
) STRICT;
CREATE INDEX seat_members_seat ON seat_members(seat_id);
CREATE INDEX seat_members_contact ON seat_members(contact_id);

ALTER TABLE meeting_attendees ADD COLUMN seat_member_id TEXT REFERENCES seat_members(id) ON DELETE SET NULL;
ALTER TABLE meetings ADD COLUMN second_convocation_of TEXT REFERENCES meetings(id) ON DELETE SET NULL;
ALTER TABLE meetings ADD COLUMN minutes_signed_on TEXT;
CREATE INDEX meetings_second_convocation ON meetings(second_convocation_of) WHERE second_convocation_of IS NOT NULL;

ALTER TABLE commission ADD COLUMN prefect_civility TEXT CHECK (prefect_civility IN ('M.', 'Mme'));
ALTER TABLE commission ADD COLUMN prefect_name TEXT;
ALTER TABLE commission ADD COLUMN composition_to_confirm INTEGER NOT NULL DEFAULT 0 CHECK (composition_to_confirm IN (0, 1));

ALTER TABLE partners ADD COLUMN agrement_on TEXT;
ALTER TABLE partners ADD COLUMN agrement_years INTEGER CHECK (agrement_years BETWEEN 1 AND 10);
ALTER TABLE partners ADD COLUMN agrement_prefecture TEXT;

ALTER TABLE parcours_requests ADD COLUMN votes_for INTEGER CHECK (votes_for >= 0);
ALTER TABLE parcours_requests ADD COLUMN votes_against INTEGER CHECK (votes_against >= 0);
ALTER TABLE parcours_requests ADD COLUMN votes_abstention INTEGER CHECK (votes_abstention >= 0);
ALTER TABLE parcours_requests ADD COLUMN casting_vote TEXT CHECK (casting_vote IN ('pour', 'contre'));
CREATE TABLE avis_interests (
  request_id TEXT NOT NULL REFERENCES parcours_requests(id) ON DELETE CASCADE,
  attendee_id TEXT NOT NULL REFERENCES meeting_attendees(id) ON DELETE CASCADE,
  reason TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (request_id, attendee_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX avis_interests_attendee ON avis_interests(attendee_id);
`;

/** Frozen here: the structures the former version kept out of examining meetings, and the colleges of each type. */
const CHILD_PROTECTION_TYPES = ['conseil_departemental', 'pjj', 'association_enfance'];
const COLLEGES: Record<string, string> = {
  prefecture: 'etat',
  ddfe_ddets: 'etat',
  police: 'etat',
  gendarmerie: 'etat',
  education: 'etat',
  sante: 'etat',
  parquet: 'justice',
  pjj: 'justice',
  conseil_departemental: 'collectivites',
  commune: 'collectivites',
  association_sortie: 'associations',
  association_enfance: 'associations',
  hebergement: 'associations',
};

interface MemberRow {
  id: string;
  partner_id: string;
  partner_name: string;
  partner_type: string;
  civility: string | null;
  first_name: string | null;
  last_name: string;
  member_role: string | null;
  restricted_member: number;
}

function migrateMembers(db: Parameters<Migration['up']>[0], at: string): void {
  const members = db
    .prepare(
      `SELECT c.id, c.partner_id, p.name AS partner_name, p.type AS partner_type, c.civility, c.first_name, c.last_name, c.member_role, c.restricted_member
       FROM contacts c JOIN partners p ON p.id = c.partner_id WHERE c.is_member = 1
       ORDER BY p.name COLLATE NOCASE, c.member_role = 'suppleant', c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE`,
    )
    .all() as MemberRow[];
  const insertSeat = db.prepare(
    `INSERT INTO seats (id, college, title, minors_coordination, label, partner_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMember = db.prepare(
    `INSERT INTO seat_members (id, seat_id, contact_id, name, role, from_on, to_on, arrete_ref, arrete_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)`,
  );
  const coordination = db.prepare('UPDATE seats SET minors_coordination = 1 WHERE id = ?');
  const log = db.prepare(`INSERT INTO change_log (at, entity, entity_id, op, before, after) VALUES (?, 'seat', ?, 'create', NULL, ?)`);
  const firstSeat = new Map<string, string>();
  let position = 0;
  for (const m of members) {
    const name = [m.civility, m.first_name, m.last_name].filter(Boolean).join(' ');
    let seatId = m.member_role === 'suppleant' ? firstSeat.get(m.partner_id) : undefined;
    if (!seatId) {
      seatId = randomUUID();
      const title = CHILD_PROTECTION_TYPES.includes(m.partner_type) ? 'protection_enfance' : 'commission';
      const college = COLLEGES[m.partner_type] ?? 'personnalites';
      insertSeat.run(seatId, college, title, m.restricted_member, m.partner_name, m.partner_id, position++, at, at);
      log.run(at, seatId, JSON.stringify({ label: m.partner_name, partnerId: m.partner_id, college, title, minorsCoordination: m.restricted_member === 1, migrated: true }));
      if (!firstSeat.has(m.partner_id)) firstSeat.set(m.partner_id, seatId);
    } else if (m.restricted_member === 1) {
      coordination.run(seatId);
    }
    const memberId = randomUUID();
    insertMember.run(memberId, seatId, m.id, name, m.member_role === 'suppleant' ? 'suppleant' : 'titulaire', at, at);
    db.prepare(`INSERT INTO change_log (at, entity, entity_id, op, before, after) VALUES (?, 'seat_member', ?, 'create', NULL, ?)`).run(
      at,
      memberId,
      JSON.stringify({ seatId, contactId: m.id, name, role: m.member_role === 'suppleant' ? 'suppleant' : 'titulaire', migrated: true }),
    );
  }
  if (members.length > 0) db.prepare('UPDATE commission SET composition_to_confirm = 1').run();
}

const migration: Migration = {
  name: 'composition',
  up(db) {
    const at = new Date().toISOString();
    db.exec(SQL);
    migrateMembers(db, at);
    // Before the examining kind existed, requests were examined in « formation restreinte ».
    db.exec(`UPDATE meetings SET kind = 'examen_parcours' WHERE kind = 'restreinte' AND id IN (SELECT meeting_id FROM parcours_requests WHERE meeting_id IS NOT NULL)`);
    db.exec(`
      ALTER TABLE contacts DROP COLUMN is_member;
      ALTER TABLE contacts DROP COLUMN member_role;
      ALTER TABLE contacts DROP COLUMN restricted_member;
      ALTER TABLE meetings DROP COLUMN members_commission;
      ALTER TABLE meetings DROP COLUMN members_restreinte;
      ALTER TABLE meeting_attendees DROP COLUMN is_member;
      ALTER TABLE meeting_attendees DROP COLUMN member_role;
      ALTER TABLE meeting_attendees DROP COLUMN restricted_member;
    `);
  },
};

export default migration;
