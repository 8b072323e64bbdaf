import type { Migration } from './index';

/**
 * Returns from partners (« campagnes de remontées »): a campaign asks the pilot (and optionally the
 * contributing) structures of some fiches where they stand; each structure asked is a request, with
 * the fiches it is asked about; each workbook taken back in is an intake. `return_keys` holds the
 * commission's identity in workbooks and the secret their stamps are signed with (HMAC-SHA-256): it
 * never leaves the database, so a stamp cannot be forged from the workbook alone. A contact may be
 * named as the one who receives the requests of their structure.
 */
const SQL = `
CREATE TABLE return_keys (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  commission_uid TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE return_campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  deadline_on TEXT NOT NULL,
  reply_to TEXT,
  include_contributors INTEGER NOT NULL DEFAULT 0 CHECK (include_contributors IN (0, 1)),
  -- Fiches chosen that had no pilot when the campaign was made: nobody could be asked about them.
  without_pilot INTEGER NOT NULL DEFAULT 0 CHECK (without_pilot >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX return_campaigns_period ON return_campaigns(period_to);

CREATE TABLE return_requests (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES return_campaigns(id) ON DELETE CASCADE,
  partner_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
  -- The structure's name when it was asked: the campaign's record outlives a renamed or deleted partner.
  partner_name TEXT NOT NULL,
  sent_on TEXT,
  reminded_on TEXT,
  reminders INTEGER NOT NULL DEFAULT 0 CHECK (reminders >= 0),
  answered_on TEXT,
  taken_in_on TEXT,
  UNIQUE (campaign_id, partner_id)
) STRICT;
CREATE INDEX return_requests_partner ON return_requests(partner_id);

CREATE TABLE return_request_actions (
  request_id TEXT NOT NULL REFERENCES return_requests(id) ON DELETE CASCADE,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('pilote', 'contributeur')),
  PRIMARY KEY (request_id, action_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX return_request_actions_action ON return_request_actions(action_id);

CREATE TABLE return_intakes (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES return_requests(id) ON DELETE CASCADE,
  -- The workbook's stamp and what the structure wrote in it: the same answers never count twice.
  fingerprint TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  taken_in_at TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary))
) STRICT;
CREATE INDEX return_intakes_request ON return_intakes(request_id);

ALTER TABLE journal_entries ADD COLUMN return_intake_id TEXT REFERENCES return_intakes(id) ON DELETE SET NULL;
ALTER TABLE indicator_values ADD COLUMN return_intake_id TEXT REFERENCES return_intakes(id) ON DELETE SET NULL;
ALTER TABLE contacts ADD COLUMN receives_returns INTEGER NOT NULL DEFAULT 0 CHECK (receives_returns IN (0, 1));
`;

const migration: Migration = {
  name: 'returns',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
