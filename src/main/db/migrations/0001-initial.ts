import { MAILLAGE_APPLICATION_ID } from '../application-id';
import type { Migration } from './index';

/**
 * The whole domain of ../shared/domain.md. Conventions: STRICT tables; UUID text ids (copies of a
 * commission must stay mergeable); *_at columns are ISO 8601 UTC timestamps, *_on columns calendar
 * dates (YYYY-MM-DD); vocabularies are validated by the API schemas, not by CHECKs, so that a new
 * code does not need a table rebuild. Rows that record history (signatories, attendees, follow-up
 * owners) keep a snapshot of names, so deleting a partner does not rewrite past minutes.
 */
const SQL = `
CREATE TABLE commission (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  department_code TEXT NOT NULL,
  secretary_name TEXT,
  logo_file TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE frameworks (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  short_title TEXT NOT NULL,
  presented_on TEXT,
  description TEXT,
  catalogue_version INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE catalogue_nodes (
  id TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES catalogue_nodes(id) ON DELETE RESTRICT,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  title TEXT NOT NULL,
  source_note TEXT,
  reconstructed INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1)),
  is_local INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
  retired_at TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX catalogue_nodes_parent ON catalogue_nodes(parent_id);
CREATE INDEX catalogue_nodes_framework ON catalogue_nodes(framework_id);

CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  domains TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(domains)),
  address TEXT,
  postcode TEXT,
  commune TEXT,
  website TEXT,
  siret TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX partners_name ON partners(name COLLATE NOCASE);
CREATE INDEX partners_siret ON partners(siret) WHERE siret IS NOT NULL;

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  civility TEXT,
  first_name TEXT,
  last_name TEXT NOT NULL,
  role TEXT,
  email TEXT,
  phone TEXT,
  is_member INTEGER NOT NULL DEFAULT 0 CHECK (is_member IN (0, 1)),
  source TEXT,
  confirmed_on TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_partner ON contacts(partner_id);

CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  code TEXT,
  title TEXT NOT NULL,
  description TEXT,
  expected_results TEXT,
  pilot_partner_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
  status TEXT NOT NULL,
  meteo TEXT,
  meteo_reason TEXT,
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  starts_on TEXT,
  ends_on TEXT,
  budget_cents INTEGER CHECK (budget_cents >= 0),
  funders TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX actions_pilot ON actions(pilot_partner_id);

CREATE TABLE action_measures (
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL REFERENCES catalogue_nodes(id) ON DELETE RESTRICT,
  PRIMARY KEY (action_id, node_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_measures_node ON action_measures(node_id);

CREATE TABLE action_partners (
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  PRIMARY KEY (action_id, partner_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_partners_partner ON action_partners(partner_id);

CREATE TABLE journal_entries (
  id TEXT PRIMARY KEY,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  entry_on TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT,
  meteo TEXT,
  meteo_reason TEXT,
  progress INTEGER CHECK (progress BETWEEN 0 AND 100),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX journal_entries_action ON journal_entries(action_id, entry_on);
CREATE INDEX journal_entries_date ON journal_entries(entry_on);

CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  unit TEXT,
  baseline REAL,
  baseline_on TEXT,
  target REAL,
  target_on TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX indicators_action ON indicators(action_id);

CREATE TABLE indicator_values (
  id TEXT PRIMARY KEY,
  indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  measured_on TEXT NOT NULL,
  value REAL NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX indicator_values_indicator ON indicator_values(indicator_id, measured_on);

CREATE TABLE protocols (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  object TEXT,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  signed_on TEXT,
  starts_on TEXT,
  ends_on TEXT,
  review_on TEXT,
  file_name TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX protocols_review ON protocols(review_on);

CREATE TABLE protocol_signatories (
  id TEXT PRIMARY KEY,
  protocol_id TEXT NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
  partner_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
  structure_name TEXT NOT NULL,
  signer_name TEXT,
  signer_role TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX protocol_signatories_protocol ON protocol_signatories(protocol_id);
CREATE INDEX protocol_signatories_partner ON protocol_signatories(partner_id);

CREATE TABLE protocol_events (
  id TEXT PRIMARY KEY,
  protocol_id TEXT NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  on_date TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX protocol_events_protocol ON protocol_events(protocol_id);

CREATE TABLE protocol_actions (
  protocol_id TEXT NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  PRIMARY KEY (protocol_id, action_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX protocol_actions_action ON protocol_actions(action_id);

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT,
  -- Paris wall-clock time (YYYY-MM-DDTHH:MM): a session is held at a local time, not at an instant.
  starts_at TEXT NOT NULL,
  ends_at TEXT,
  place TEXT,
  video_link TEXT,
  chair TEXT,
  next_meeting_note TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX meetings_starts ON meetings(starts_at);

CREATE TABLE meeting_attendees (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  partner_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
  civility TEXT,
  name TEXT NOT NULL,
  role TEXT,
  structure TEXT,
  status TEXT NOT NULL,
  represented_by TEXT,
  is_member INTEGER NOT NULL DEFAULT 0 CHECK (is_member IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX meeting_attendees_meeting ON meeting_attendees(meeting_id);
CREATE INDEX meeting_attendees_contact ON meeting_attendees(contact_id);
CREATE INDEX meeting_attendees_partner ON meeting_attendees(partner_id);

CREATE TABLE agenda_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'libre',
  title TEXT NOT NULL,
  presenter TEXT,
  duration_min INTEGER CHECK (duration_min >= 0),
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE agenda_item_links (
  agenda_item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  action_id TEXT REFERENCES actions(id) ON DELETE CASCADE,
  protocol_id TEXT REFERENCES protocols(id) ON DELETE CASCADE,
  CHECK ((action_id IS NULL) <> (protocol_id IS NULL))
) STRICT;
CREATE INDEX agenda_item_links_item ON agenda_item_links(agenda_item_id);

CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  agenda_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
  text TEXT NOT NULL,
  action_id TEXT REFERENCES actions(id) ON DELETE SET NULL,
  journal_entry_id TEXT REFERENCES journal_entries(id) ON DELETE SET NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_meeting ON decisions(meeting_id);

CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  decision_id TEXT REFERENCES decisions(id) ON DELETE SET NULL,
  text TEXT NOT NULL,
  owner_partner_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
  owner_name TEXT,
  due_on TEXT,
  status TEXT NOT NULL,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX follow_ups_meeting ON follow_ups(meeting_id);
CREATE INDEX follow_ups_owner ON follow_ups(owner_partner_id);
CREATE INDEX follow_ups_status ON follow_ups(status);

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  from_on TEXT NOT NULL,
  to_on TEXT NOT NULL,
  file_path TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
  generated_at TEXT NOT NULL
) STRICT;

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
`;

const migration: Migration = {
  name: 'initial',
  up(db) {
    db.exec(SQL);
    db.pragma(`application_id = ${MAILLAGE_APPLICATION_ID}`);
  },
};
export default migration;
