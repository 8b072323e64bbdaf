import type { Migration } from './index';

/**
 * The quorum of a session is judged on the members composing the commission when it was held, not on
 * today's: a session records, once it has begun and before the membership changes, how many titulaires
 * composed the commission and the formation restreinte, and each invited person's membership (titulaire
 * or suppléant, sitting in the formation restreinte or not). Until it has recorded them (columns NULL),
 * a session reads the current membership. Nothing is recorded here: a session already held records
 * today's membership at the first change after the upgrade, which is what it shows now.
 */
const SQL = `
ALTER TABLE meetings ADD COLUMN members_commission INTEGER CHECK (members_commission >= 0);
ALTER TABLE meetings ADD COLUMN members_restreinte INTEGER CHECK (members_restreinte >= 0);
ALTER TABLE meeting_attendees ADD COLUMN member_role TEXT CHECK (member_role IN ('titulaire', 'suppleant'));
ALTER TABLE meeting_attendees ADD COLUMN restricted_member INTEGER CHECK (restricted_member IN (0, 1));
`;

const migration: Migration = {
  name: 'session-composition',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
