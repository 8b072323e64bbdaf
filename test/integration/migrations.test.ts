import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/connection';
import { MAILLAGE_APPLICATION_ID } from '../../src/main/db/application-id';
import { LATEST_VERSION, migrate, NewerDatabaseError, NotMaillageError } from '../../src/main/db/migrate';
import { migrations } from '../../src/main/db/migrations';

let dir: string;
const open: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-'));
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A plain connection, without openDatabase's pragmas or migrations. */
function rawDb(name = 'test.maillage'): Db {
  const db = new Database(join(dir, name));
  open.push(db);
  return db;
}

function track(db: Db): Db {
  open.push(db);
  return db;
}

function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Every schema object's SQL, to compare two databases' schemas. */
function schema(db: Db): { type: string; name: string; sql: string | null }[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
}

function tableNames(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

const now = '2026-03-05T13:30:00.000Z';

describe('migration list', () => {
  it('has one migration per file in db/migrations, numbered from 0001 without gaps, in order', () => {
    const folder = fileURLToPath(new URL('../../src/main/db/migrations/', import.meta.url));
    const files = readdirSync(folder)
      .filter((f) => /^\d{4}-.+\.ts$/.test(f))
      .sort();
    expect(files.length).toBe(migrations.length);
    files.forEach((file, index) => {
      expect(file.slice(0, 4)).toBe(String(index + 1).padStart(4, '0'));
      expect(file.slice(5, -3)).toBe(migrations[index]!.name);
    });
    expect(LATEST_VERSION).toBe(migrations.length);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(1);
  });
});

describe('each migration on a fresh database', () => {
  migrations.forEach((migration, index) => {
    const version = index + 1;
    it(`${String(version).padStart(4, '0')}-${migration.name} brings user_version to ${version}`, () => {
      const db = rawDb();
      migrate(db, version - 1);
      const before = tableNames(db);
      migrate(db, version);
      expect(userVersion(db)).toBe(version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      if (version === 1) expect(before).toEqual([]);
    });
  });

  it('0001-initial creates the whole domain', () => {
    const db = rawDb();
    migrate(db, 1);
    expect(tableNames(db)).toEqual(
      [
        'action_measures',
        'action_partners',
        'actions',
        'agenda_item_links',
        'agenda_items',
        'catalogue_nodes',
        'change_log',
        'commission',
        'contacts',
        'decisions',
        'follow_ups',
        'frameworks',
        'indicator_values',
        'indicators',
        'journal_entries',
        'meeting_attendees',
        'meetings',
        'partners',
        'protocol_actions',
        'protocol_events',
        'protocol_signatories',
        'protocols',
        'reports',
      ].sort(),
    );
  });
});

describe('openDatabase', () => {
  it('migrates a new file to the latest version', () => {
    const db = track(openDatabase(join(dir, 'new.maillage')));
    expect(userVersion(db)).toBe(LATEST_VERSION);
  });

  it('makes every table STRICT', () => {
    const db = track(openDatabase(join(dir, 'new.maillage')));
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT\s*(,\s*WITHOUT ROWID\s*)?$/i);
    // And SQLite agrees: table_list reports strict = 1.
    const strictness = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as { name: string; strict: number }[];
    expect(strictness.filter((t) => t.strict !== 1)).toEqual([]);
  });

  it('STRICT tables refuse a value of the wrong type', () => {
    const db = track(openDatabase(join(dir, 'new.maillage')));
    expect(() =>
      db.prepare("INSERT INTO seats (id, college, title, label, position, created_at, updated_at) VALUES ('s1', 'etat', 'commission', 'X', 'premier', ?, ?)").run(now, now),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_DATATYPE' }));
  });

  it('turns foreign keys on, uses WAL, waits when busy and syncs NORMAL', () => {
    const db = track(openDatabase(join(dir, 'new.maillage')));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('enforces foreign keys and their cascades', () => {
    const db = track(openDatabase(join(dir, 'new.maillage')));
    expect(() =>
      db.prepare("INSERT INTO contacts (id, partner_id, last_name, created_at, updated_at) VALUES ('c1', 'missing', 'Y', ?, ?)").run(now, now),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }));
    db.prepare("INSERT INTO partners (id, name, type, created_at, updated_at) VALUES ('p1', 'X', 'autre', ?, ?)").run(now, now);
    db.prepare("INSERT INTO contacts (id, partner_id, last_name, created_at, updated_at) VALUES ('c1', 'p1', 'Y', ?, ?)").run(now, now);
    db.prepare("DELETE FROM partners WHERE id = 'p1'").run();
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
  });

  it('keeps WAL mode in the file: a later plain connection sees it', () => {
    const file = join(dir, 'new.maillage');
    openDatabase(file).close();
    const db = rawDb('new.maillage');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(userVersion(db)).toBe(LATEST_VERSION);
  });

  it('opens read-only without migrating, and refuses a missing file', () => {
    const file = join(dir, 'old.maillage');
    const raw = rawDb('old.maillage');
    raw.exec('CREATE TABLE t (x INTEGER) STRICT');
    raw.pragma(`application_id = ${MAILLAGE_APPLICATION_ID}`);
    raw.close();
    const db = track(openDatabase(file, { readonly: true }));
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual(['t']);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => openDatabase(join(dir, 'absent.maillage'), { readonly: true })).toThrow();
    expect(readdirSync(dir)).not.toContain('absent.maillage');
  });
});

describe('migrate', () => {
  it('is a no-op when run again on an up-to-date database', () => {
    const db = track(openDatabase(join(dir, 'new.maillage')));
    db.prepare("INSERT INTO partners (id, name, type, created_at, updated_at) VALUES ('p1', 'X', 'autre', ?, ?)").run(now, now);
    const before = schema(db);
    migrate(db);
    migrate(db);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(schema(db)).toEqual(before);
    expect(db.prepare('SELECT name FROM partners').pluck().all()).toEqual(['X']);
  });

  it('does nothing when the target is below the current version', () => {
    const db = track(openDatabase(join(dir, 'new.maillage')));
    const before = schema(db);
    migrate(db, 0);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(schema(db)).toEqual(before);
  });

  it('refuses a database written by a newer Maillage, with a French message', () => {
    const db = rawDb();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    let caught: unknown;
    try {
      migrate(db);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NewerDatabaseError);
    expect((caught as NewerDatabaseError).version).toBe(LATEST_VERSION + 1);
    expect((caught as Error).message).toMatch(/version plus récente de Maillage/);
    expect((caught as Error).message).toContain(`schéma ${LATEST_VERSION + 1}`);
    expect(userVersion(db)).toBe(LATEST_VERSION + 1);
    expect(tableNames(db)).toEqual([]);
  });

  it('openDatabase refuses a newer database too and leaves its schema and version alone', () => {
    const file = join(dir, 'newer.maillage');
    const raw = rawDb('newer.maillage');
    raw.exec('CREATE TABLE future (x TEXT) STRICT');
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.pragma(`application_id = ${MAILLAGE_APPLICATION_ID}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    const check = rawDb('newer.maillage');
    expect(userVersion(check)).toBe(LATEST_VERSION + 5);
    expect(tableNames(check)).toEqual(['future']);
  });

  it('rolls a failing migration back entirely and leaves user_version unchanged', () => {
    // A table from another program that clashes with one the first migration creates halfway through.
    const db = rawDb();
    db.exec("CREATE TABLE partners (legacy TEXT); INSERT INTO partners VALUES ('kept');");
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(userVersion(db)).toBe(0);
    // Tables created before the failing statement, in the same migration, are gone too.
    expect(tableNames(db)).toEqual(['partners']);
    expect(db.prepare('SELECT legacy FROM partners').pluck().all()).toEqual(['kept']);
    expect(db.inTransaction).toBe(false);
  });

  it('openDatabase refuses a database made by another program, before writing anything to it', () => {
    const file = join(dir, 'other.sqlite');
    const raw = rawDb('other.sqlite');
    raw.exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('à garder');");
    raw.close();
    expect(() => openDatabase(file)).toThrow(NotMaillageError);
    const check = rawDb('other.sqlite');
    expect(userVersion(check)).toBe(0);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(tableNames(check)).toEqual(['notes']);
  });

  it('openDatabase closes the connection when a migration fails', () => {
    const file = join(dir, 'clash.maillage');
    const raw = rawDb('clash.maillage');
    raw.exec('CREATE TABLE change_log (x TEXT)');
    raw.pragma(`application_id = ${MAILLAGE_APPLICATION_ID}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/already exists/);
    // SQLite deletes the -wal and -shm files when the last connection closes: none is left open.
    expect(readdirSync(dir).filter((f) => f.startsWith('clash.maillage-'))).toEqual([]);
    const check = rawDb('clash.maillage');
    expect(userVersion(check)).toBe(0);
    expect(tableNames(check)).toEqual(['change_log']);
  });
});

describe('every earlier version upgrades cleanly to the latest', () => {
  const reference = () => {
    const db = rawDb('reference.maillage');
    migrate(db);
    return schema(db);
  };

  for (let k = 0; k <= LATEST_VERSION; k++) {
    it(`from version ${k}`, () => {
      const expected = reference();
      const db = rawDb(`from-${k}.maillage`);
      migrate(db, k);
      expect(userVersion(db)).toBe(k);
      const hasCommission = tableNames(db).includes('commission');
      if (hasCommission) {
        db.prepare("INSERT INTO commission (id, name, department_code, created_at, updated_at) VALUES (1, 'CDLP', '33', ?, ?)").run(now, now);
      }
      migrate(db);
      expect(userVersion(db)).toBe(LATEST_VERSION);
      expect(schema(db)).toEqual(expected);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      if (hasCommission) expect(db.prepare('SELECT name FROM commission').pluck().get()).toBe('CDLP');
    });
  }
});

describe('0003-sessions-decret', () => {
  it('turns « représenté par » into a mandate or a suppléant, links approvals and the formation restreinte', () => {
    const db = rawDb('decret.maillage');
    migrate(db, 1);
    const at = '2025-06-01T08:00:00.000Z';
    db.exec(`
      INSERT INTO commission (id, name, department_code, created_at, updated_at) VALUES (1, 'CDLP', '33', '${at}', '${at}');
      INSERT INTO partners (id, name, type, created_at, updated_at) VALUES ('p1', 'Amicale du Nid', 'association_sortie', '${at}', '${at}');
      INSERT INTO contacts (id, partner_id, last_name, is_member, created_at, updated_at) VALUES ('c1', 'p1', 'Martin', 1, '${at}', '${at}'), ('c2', 'p1', 'Durand', 1, '${at}', '${at}'), ('c3', 'p1', 'Invitée', 0, '${at}', '${at}');
      INSERT INTO meetings (id, kind, starts_at, created_at, updated_at) VALUES ('m0', 'pleniere', '2025-01-10T14:00', '${at}', '${at}'), ('r0', 'restreinte', '2025-02-10T14:00', '${at}', '${at}'), ('m1', 'pleniere', '2025-06-12T14:00', '${at}', '${at}');
      INSERT INTO meeting_attendees (id, meeting_id, contact_id, name, status, represented_by, is_member) VALUES
        ('a1', 'm1', 'c1', 'Claire Martin', 'present', NULL, 1),
        ('a2', 'm1', 'c2', 'Paul Durand', 'represente', 'Mme Claire Martin, directrice', 1),
        ('a3', 'm1', NULL, 'Jean Petit', 'represente', 'Yannick Roux, adjoint', 1),
        ('a4', 'r0', 'c2', 'Paul Durand', 'present', NULL, 1);
      INSERT INTO agenda_items (id, meeting_id, position, title, created_at, updated_at) VALUES ('i1', 'm1', 1, 'Approbation du compte rendu de la séance plénière du 10/01/2025', '${at}', '${at}');
    `);
    migrate(db, 3);
    expect(db.prepare('SELECT id, status, mandate_to, represented_by FROM meeting_attendees ORDER BY id').all()).toEqual([
      { id: 'a1', status: 'present', mandate_to: null, represented_by: null },
      { id: 'a2', status: 'mandat', mandate_to: 'a1', represented_by: null },
      { id: 'a3', status: 'supplee', mandate_to: null, represented_by: 'Yannick Roux, adjoint' },
      { id: 'a4', status: 'present', mandate_to: null, represented_by: null },
    ]);
    expect(db.prepare('SELECT kind, approves_meeting_id FROM agenda_items').get()).toEqual({ kind: 'approbation', approves_meeting_id: 'm0' });
    expect(db.prepare('SELECT id, member_role, restricted_member FROM contacts ORDER BY id').all()).toEqual([
      { id: 'c1', member_role: 'titulaire', restricted_member: 0 },
      { id: 'c2', member_role: 'titulaire', restricted_member: 1 },
      { id: 'c3', member_role: null, restricted_member: 0 },
    ]);
  });
});

describe('0005-session-composition', () => {
  it('adds the recorded membership of a session, empty until the session records it, and refuses an unknown role', () => {
    const db = rawDb('composition.maillage');
    migrate(db, 4);
    const at = '2025-06-01T08:00:00.000Z';
    db.exec(`
      INSERT INTO commission (id, name, department_code, created_at, updated_at) VALUES (1, 'CDLP', '33', '${at}', '${at}');
      INSERT INTO partners (id, name, type, created_at, updated_at) VALUES ('p1', 'Amicale du Nid', 'association_sortie', '${at}', '${at}');
      INSERT INTO contacts (id, partner_id, last_name, is_member, member_role, created_at, updated_at) VALUES ('c1', 'p1', 'Martin', 1, 'titulaire', '${at}', '${at}');
      INSERT INTO meetings (id, kind, starts_at, created_at, updated_at) VALUES ('m1', 'pleniere', '2025-06-12T14:00', '${at}', '${at}');
      INSERT INTO meeting_attendees (id, meeting_id, contact_id, name, status, is_member) VALUES ('a1', 'm1', 'c1', 'Claire Martin', 'present', 1);
    `);
    migrate(db, 5);
    expect(db.prepare('SELECT members_commission, members_restreinte FROM meetings').get()).toEqual({ members_commission: null, members_restreinte: null });
    expect(db.prepare('SELECT status, member_role, restricted_member FROM meeting_attendees').get()).toEqual({ status: 'present', member_role: null, restricted_member: null });
    expect(() => db.prepare("UPDATE meeting_attendees SET member_role = 'president'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE meetings SET members_commission = -1').run()).toThrow(/CHECK/);
  });
});

describe('0006-composition', () => {
  it('makes a seat of each former member, says what « formation restreinte » meant, and asks the secretary to confirm it once', () => {
    const db = rawDb('seats.maillage');
    migrate(db, 5);
    const at = '2025-06-01T08:00:00.000Z';
    db.exec(`
      INSERT INTO commission (id, name, department_code, created_at, updated_at) VALUES (1, 'CDLP', '33', '${at}', '${at}');
      INSERT INTO partners (id, name, type, created_at, updated_at) VALUES
        ('p1', 'Police nationale', 'police', '${at}', '${at}'),
        ('p2', 'Conseil départemental', 'conseil_departemental', '${at}', '${at}'),
        ('p3', 'Amicale du Nid', 'association_sortie', '${at}', '${at}');
      INSERT INTO contacts (id, partner_id, civility, first_name, last_name, is_member, member_role, restricted_member, created_at, updated_at) VALUES
        ('c1', 'p1', 'M.', 'Hugo', 'Leroy', 1, 'titulaire', 1, '${at}', '${at}'),
        ('c2', 'p1', 'Mme', 'Anne', 'Roy', 1, 'suppleant', 0, '${at}', '${at}'),
        ('c3', 'p2', 'Mme', 'Maëlle', 'Noël', 1, 'titulaire', 1, '${at}', '${at}'),
        ('c4', 'p3', NULL, NULL, 'Martin', 1, 'titulaire', 0, '${at}', '${at}'),
        ('c5', 'p3', NULL, NULL, 'Invitée', 0, NULL, 0, '${at}', '${at}');
      INSERT INTO meetings (id, kind, starts_at, members_commission, created_at, updated_at) VALUES
        ('r1', 'restreinte', '2025-02-10T14:00', 3, '${at}', '${at}'),
        ('r2', 'restreinte', '2025-03-10T14:00', NULL, '${at}', '${at}');
      INSERT INTO meeting_attendees (id, meeting_id, contact_id, name, status, is_member, member_role) VALUES ('a1', 'r1', 'c1', 'Hugo Leroy', 'present', 1, 'titulaire');
      INSERT INTO parcours_requests (id, reference, chain_id, association_name, received_on, meeting_id, opinion, state, created_at, updated_at)
        VALUES ('q1', 'PS-2025-001', 'q1', 'Amicale du Nid', '2025-01-20', 'r1', 'favorable', 'instruction', '${at}', '${at}');
    `);
    migrate(db);
    const seats = db.prepare('SELECT s.id, s.label, s.college, s.title, s.minors_coordination FROM seats s ORDER BY s.position').all() as { id: string; label: string; college: string; title: string; minors_coordination: number }[];
    // One seat per titulaire; the structures the former version kept out of examining meetings sit « au titre de la protection de l’enfance ».
    expect(seats.map(({ id: _id, ...s }) => s)).toEqual([
      { label: 'Amicale du Nid', college: 'associations', title: 'commission', minors_coordination: 0 },
      { label: 'Conseil départemental', college: 'collectivites', title: 'protection_enfance', minors_coordination: 1 },
      { label: 'Police nationale', college: 'etat', title: 'commission', minors_coordination: 1 },
    ]);
    const members = db.prepare('SELECT m.contact_id, m.name, m.role, m.from_on, m.to_on, s.label FROM seat_members m JOIN seats s ON s.id = m.seat_id ORDER BY m.contact_id').all();
    expect(members).toEqual([
      { contact_id: 'c1', name: 'M. Hugo Leroy', role: 'titulaire', from_on: null, to_on: null, label: 'Police nationale' },
      { contact_id: 'c2', name: 'Mme Anne Roy', role: 'suppleant', from_on: null, to_on: null, label: 'Police nationale' },
      { contact_id: 'c3', name: 'Mme Maëlle Noël', role: 'titulaire', from_on: null, to_on: null, label: 'Conseil départemental' },
      { contact_id: 'c4', name: 'Martin', role: 'titulaire', from_on: null, to_on: null, label: 'Amicale du Nid' },
    ]);
    expect(db.prepare('SELECT composition_to_confirm FROM commission').pluck().get()).toBe(1);
    // Each seat and appointment is in the history.
    expect(db.prepare(`SELECT entity, count(*) AS n FROM change_log GROUP BY entity ORDER BY entity`).all()).toEqual([
      { entity: 'seat', n: 3 },
      { entity: 'seat_member', n: 4 },
    ]);
    // A formation restreinte that examined requests is an examining meeting; the other stays a coordination of minors.
    expect(db.prepare('SELECT id, kind FROM meetings ORDER BY id').all()).toEqual([
      { id: 'r1', kind: 'examen_parcours' },
      { id: 'r2', kind: 'restreinte' },
    ]);
    // The former flags and snapshots are gone: membership is read from the composition.
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('contacts')).not.toEqual(expect.arrayContaining(['is_member']));
    expect(columns('contacts').filter((c) => /member/.test(c))).toEqual([]);
    expect(columns('meetings').filter((c) => c.startsWith('members_'))).toEqual([]);
    expect(columns('meeting_attendees').filter((c) => /member/.test(c))).toEqual(['seat_member_id']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('asks nothing of a commission that had no member', () => {
    const db = rawDb('empty.maillage');
    migrate(db, 5);
    db.exec(`INSERT INTO commission (id, name, department_code, created_at, updated_at) VALUES (1, 'CDLP', '33', '${now}', '${now}')`);
    migrate(db);
    expect(db.prepare('SELECT composition_to_confirm FROM commission').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM seats').pluck().get()).toBe(0);
    expect(() => db.prepare(`INSERT INTO seats (id, college, title, label, created_at, updated_at) VALUES ('s', 'etat', 'tout', 'X', '${now}', '${now}')`).run()).toThrow(/CHECK/);
  });
});
