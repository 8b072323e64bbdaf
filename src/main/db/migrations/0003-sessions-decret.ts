import type { Migration } from './index';

/**
 * Sessions under décret 2006-672: members are titulaires or suppléants (and may sit in the formation
 * restreinte); an absent member is either replaced by their suppléant or gives a mandate to another
 * member; a session's minutes are approved by a later session's « Approbation du compte rendu »;
 * the convocation is signed for the préfet and lists the documents attached to the session.
 *
 * Existing attendance « représenté par X » is migrated as follows: when X names another member invited
 * to the same session, the member gave that member a mandate (« mandat »); otherwise X stood in for
 * them, which the décret calls being represented by one's suppléant (« supplee », X kept as the name).
 * Members already invited to a formation restreinte are marked as sitting in it.
 */
const SQL = `
ALTER TABLE contacts ADD COLUMN member_role TEXT;
UPDATE contacts SET member_role = 'titulaire' WHERE is_member = 1;
ALTER TABLE contacts ADD COLUMN restricted_member INTEGER NOT NULL DEFAULT 0 CHECK (restricted_member IN (0, 1));

ALTER TABLE meeting_attendees ADD COLUMN mandate_to TEXT REFERENCES meeting_attendees(id) ON DELETE SET NULL;

ALTER TABLE meetings ADD COLUMN signatory_name TEXT;
ALTER TABLE meetings ADD COLUMN signatory_title TEXT;
ALTER TABLE meetings ADD COLUMN signs_by_delegation INTEGER CHECK (signs_by_delegation IN (0, 1));

ALTER TABLE agenda_items ADD COLUMN approves_meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL;
CREATE INDEX agenda_items_approves ON agenda_items(approves_meeting_id) WHERE approves_meeting_id IS NOT NULL;

ALTER TABLE commission ADD COLUMN prefecture_city TEXT;
ALTER TABLE commission ADD COLUMN secretariat_contact TEXT;
ALTER TABLE commission ADD COLUMN signatory_name TEXT;
ALTER TABLE commission ADD COLUMN signatory_title TEXT;
ALTER TABLE commission ADD COLUMN signs_by_delegation INTEGER NOT NULL DEFAULT 0 CHECK (signs_by_delegation IN (0, 1));

CREATE TABLE meeting_files (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  -- Relative to the commission's files folder, like protocols' signed files.
  file_name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_files_meeting ON meeting_files(meeting_id, position);
`;

const migration: Migration = {
  name: 'sessions-decret',
  up(db) {
    db.exec(SQL);

    // « représenté par » → a mandate when the representative is another member of the same session.
    const represented = db
      .prepare("SELECT id, meeting_id, represented_by FROM meeting_attendees WHERE status = 'represente'")
      .all() as { id: string; meeting_id: string; represented_by: string | null }[];
    const members = db.prepare("SELECT id, name FROM meeting_attendees WHERE meeting_id = ? AND is_member = 1 AND id <> ? AND status IN ('present', 'invite')");
    const toMandate = db.prepare("UPDATE meeting_attendees SET status = 'mandat', mandate_to = ?, represented_by = NULL WHERE id = ?");
    const toDeputy = db.prepare("UPDATE meeting_attendees SET status = 'supplee' WHERE id = ?");
    const normalise = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const a of represented) {
      const by = normalise(a.represented_by ?? '');
      const holder = by ? (members.all(a.meeting_id, a.id) as { id: string; name: string }[]).find((m) => by.includes(normalise(m.name))) : undefined;
      if (holder) toMandate.run(holder.id, a.id);
      else toDeputy.run(a.id);
    }

    // The formation restreinte is composed of the members it has invited so far.
    db.exec(`UPDATE contacts SET restricted_member = 1 WHERE is_member = 1 AND id IN (
      SELECT a.contact_id FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id WHERE m.kind = 'restreinte' AND a.contact_id IS NOT NULL)`);

    // The « Approbation du compte rendu » items approve the previous session of the same kind.
    db.exec(`
      UPDATE agenda_items SET kind = 'approbation' WHERE kind = 'libre' AND title LIKE 'Approbation du compte rendu%';
      UPDATE agenda_items SET approves_meeting_id = (
        SELECT p.id FROM meetings m JOIN meetings p ON p.kind = m.kind AND p.starts_at < m.starts_at
        WHERE m.id = agenda_items.meeting_id ORDER BY p.starts_at DESC LIMIT 1
      ) WHERE kind = 'approbation';
    `);
  },
};

export default migration;
