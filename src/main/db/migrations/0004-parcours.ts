import type { Migration } from './index';

/**
 * The anonymous register of parcours de sortie requests. No column can hold an identity: a request
 * is known by its reference and counted. `chain_id` is the first request of a chain of renewals (one
 * person, never named); `renewal_number` is 0 for a first request.
 *
 * `parcours_archive` keeps, for requests deleted after five years, only the dates and codes the
 * figures need, so past figures do not change when the register is purged.
 * `meeting_parcours` holds what an examining meeting records beyond the session itself: the number
 * of minors' situations coordinated (a count, never a list).
 */
const SQL = `
CREATE TABLE parcours_requests (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE COLLATE NOCASE,
  chain_id TEXT NOT NULL,
  previous_id TEXT REFERENCES parcours_requests(id) ON DELETE RESTRICT,
  renewal_number INTEGER NOT NULL DEFAULT 0 CHECK (renewal_number >= 0),
  association_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
  association_name TEXT NOT NULL,
  received_on TEXT NOT NULL,
  meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
  opinion TEXT,
  opinion_on TEXT,
  opinion_reasons TEXT,
  decision TEXT,
  decision_on TEXT,
  decree_ref TEXT,
  starts_on TEXT,
  ends_on TEXT,
  rights TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rights)),
  state TEXT NOT NULL,
  end_reason TEXT,
  closed_on TEXT,
  sex TEXT,
  age_band TEXT,
  nationality TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX parcours_requests_chain ON parcours_requests(chain_id);
CREATE INDEX parcours_requests_previous ON parcours_requests(previous_id);
CREATE INDEX parcours_requests_meeting ON parcours_requests(meeting_id);
CREATE INDEX parcours_requests_association ON parcours_requests(association_id);

CREATE TABLE parcours_archive (
  id TEXT PRIMARY KEY,
  chain_id TEXT NOT NULL,
  renewal_number INTEGER NOT NULL,
  received_on TEXT NOT NULL,
  opinion TEXT,
  opinion_on TEXT,
  decision TEXT,
  decision_on TEXT,
  starts_on TEXT,
  ends_on TEXT,
  end_reason TEXT,
  closed_on TEXT,
  archived_at TEXT NOT NULL
) STRICT;

CREATE TABLE meeting_parcours (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  minors_situations INTEGER NOT NULL DEFAULT 0 CHECK (minors_situations >= 0),
  updated_at TEXT NOT NULL
) STRICT;
`;

const migration: Migration = {
  name: 'parcours',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
