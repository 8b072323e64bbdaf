import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id } from '../../src/shared/schemas/common';
import { contactFields, partnerFields } from '../../src/shared/schemas/partners';
import type { Db } from '../../src/main/db/connection';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { DEMO_TABLES, generateDemo, type DemoOptions, type DemoSummary } from '../../src/main/features/demo';
import { addDays } from '../../src/shared/wallclock';
import { formatDate } from '../../src/shared/format';
import { parcoursStats } from '../../src/main/features/parcours/parcours';

const TODAY = new Date('2026-03-10T10:00:00Z');
const TODAY_ISO = '2026-03-10';

let dir: string;
const open: Db[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-demo-'));
});

afterAll(() => {
  for (const db of open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function demo(size: DemoOptions['size'] = 'small', departmentCode = '33', today = TODAY): { db: Db; summary: DemoSummary } {
  const db = createCommissionDatabase(join(dir, `demo-${++files}.maillage`), { departmentCode, name: null }, TODAY);
  open.push(db);
  return { db, summary: generateDemo(db, { size, today }) };
}

function rows<T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

function columns(db: Db, table: string): string[] {
  return rows<{ name: string }>(db, `PRAGMA table_info(${table})`).map((c) => c.name);
}

/** Every row of a demo table in a stable order; catalogue node ids (random per commission) replaced by their codes. */
function snapshot(db: Db, table: string): unknown[] {
  if (table === 'action_measures') return rows(db, 'SELECT am.action_id, n.code FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id ORDER BY 1, 2');
  const order = columns(db, table).map((_, i) => i + 1).join(', ');
  return rows(db, `SELECT * FROM ${table} ORDER BY ${order}`);
}

describe('small demo', () => {
  let db: Db;
  let summary: DemoSummary;

  beforeAll(() => {
    ({ db, summary } = demo());
  });

  it('has the expected size, every table filled, and counts that match the tables', () => {
    expect(summary.partners).toBeGreaterThanOrEqual(55);
    expect(summary.partners).toBeLessThanOrEqual(65);
    expect(summary.contacts).toBeGreaterThanOrEqual(140);
    expect(summary.contacts).toBeLessThanOrEqual(160);
    expect(summary.actions).toBeGreaterThanOrEqual(20);
    expect(summary.actions).toBeLessThanOrEqual(30);
    expect(summary.journal_entries).toBeGreaterThanOrEqual(180);
    expect(summary.journal_entries).toBeLessThanOrEqual(220);
    // The planned sessions, plus the examining meetings of the parcours de sortie register.
    expect(summary.meetings).toBeGreaterThanOrEqual(8);
    expect(summary.protocols).toBe(10);
    for (const table of DEMO_TABLES) {
      expect(summary[table], table).toBeGreaterThan(0);
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(summary[table]);
    }
  });

  it('is consistent: integrity, foreign keys, valid ids', () => {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    for (const table of DEMO_TABLES) {
      if (!columns(db, table).includes('id')) continue;
      for (const { id: value } of rows<{ id: string }>(db, `SELECT id FROM ${table}`)) expect(id.safeParse(value).success, `${table} ${value}`).toBe(true);
    }
  });

  it('holds partners and contacts that the app itself would accept, as stored', () => {
    for (const p of rows<Record<string, string | null>>(db, 'SELECT * FROM partners')) {
      const input = {
        name: p.name,
        type: p.type,
        domains: JSON.parse(p.domains!),
        address: p.address,
        postcode: p.postcode,
        commune: p.commune,
        website: p.website,
        siret: p.siret,
        agrementOn: p.agrement_on,
        agrementYears: p.agrement_years,
        agrementPrefecture: p.agrement_prefecture,
        notes: p.notes,
      };
      expect(partnerFields.parse(input), p.name!).toEqual(input);
    }
    for (const c of rows<Record<string, string | number | null>>(db, 'SELECT * FROM contacts')) {
      const input = {
        partnerId: c.partner_id,
        civility: c.civility,
        firstName: c.first_name,
        lastName: c.last_name,
        role: c.role,
        email: c.email,
        phone: c.phone,
        isMember: false,
        memberTitle: 'commission',
        receivesReturns: c.receives_returns === 1,
        source: c.source,
        confirmedOn: c.confirmed_on,
        notes: c.notes,
      };
      expect(contactFields.parse(input), String(c.email)).toEqual(input);
    }
    expect(db.prepare('SELECT count(*) FROM partners WHERE siret IS NOT NULL').pluck().get()).toBeGreaterThan(5);
    // Membership is a record of its own: seats held by structures, their titulaires and suppléants, appointed by arrêté.
    expect(db.prepare('SELECT count(*) FROM seat_members WHERE to_on IS NULL AND role = \'titulaire\'').pluck().get()).toBeGreaterThan(10);
    expect(db.prepare('SELECT count(*) FROM seat_members WHERE to_on IS NULL AND role = \'suppleant\'').pluck().get()).toBeGreaterThan(5);
    expect(db.prepare('SELECT count(*) FROM seat_members WHERE arrete_ref IS NULL').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM seats WHERE title = 'protection_enfance'").pluck().get()).toBeGreaterThan(2);
  });

  it('never holds the identity of a victim or a minor', () => {
    // No table has a place for one: the only people are professionals (contacts and their snapshots).
    const personal = /victim|mineur|minor|child|enfant|birth|naissance|^age$|^sex|nationalit/i;
    const tables = rows<{ name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'table'").map((t) => t.name);
    // Except the parcours register's optional statistical categories (sex, age band, nationality group) and the number of
    // minors' situations an examining meeting coordinated, and whether a seat takes part in coordinating minors' situations:
    // categories, counts and flags, never a person.
    const statistical = (table: string, column: string) =>
      (table === 'parcours_requests' && ['sex', 'age_band', 'nationality'].includes(column)) ||
      (table === 'meeting_parcours' && column === 'minors_situations') ||
      (table === 'seats' && column === 'minors_coordination');
    for (const table of tables) expect(columns(db, table).filter((c) => personal.test(c) && !statistical(table, c)), table).toEqual([]);
    // Every person named in a session or a protocol is a contact of the directory.
    expect(rows(db, 'SELECT name FROM meeting_attendees a WHERE a.contact_id IS NULL OR a.name <> (SELECT first_name || \' \' || last_name FROM contacts c WHERE c.id = a.contact_id)')).toEqual([]);
    expect(rows(db, "SELECT signer_name FROM protocol_signatories s WHERE signer_name NOT IN (SELECT civility || ' ' || first_name || ' ' || last_name FROM contacts)")).toEqual([]);
    // Free texts speak of situations as counts, never of a person's age or birth.
    const texts = rows<{ text: string }>(db, 'SELECT text FROM journal_entries UNION ALL SELECT text FROM decisions UNION ALL SELECT title FROM agenda_items');
    for (const { text } of texts) expect(text).not.toMatch(/\bnée? le\b|\bâgée? de\b|\bans\b/);
  });

  it('keeps every fiche action in the state of its latest journal entry', () => {
    const actions = rows<{ id: string; status: string; meteo: string | null; meteo_reason: string | null; progress: number }>(db, 'SELECT * FROM actions');
    for (const action of actions) {
      const entries = rows<{ entry_on: string; status: string | null; meteo: string | null; meteo_reason: string | null; progress: number | null }>(
        db,
        'SELECT * FROM journal_entries WHERE action_id = ? ORDER BY entry_on',
        action.id,
      );
      expect(entries.length).toBeGreaterThan(0);
      expect(new Set(entries.map((e) => e.entry_on)).size, 'one entry a day').toBe(entries.length);
      expect(entries.at(-1)!.entry_on <= TODAY_ISO).toBe(true);
      for (const field of ['status', 'meteo', 'progress'] as const) {
        const latest = entries.filter((e) => e[field] !== null).at(-1);
        if (latest) expect(latest[field], `${action.id} ${field}`).toBe(action[field]);
      }
      expect(entries.at(-1)).toMatchObject({ status: action.status, meteo: action.meteo, meteo_reason: action.meteo_reason, progress: action.progress });
    }
    const statuses = new Set(actions.map((a) => a.status));
    expect([...statuses].sort()).toEqual(['a_lancer', 'abandonnee', 'en_cours', 'realisee', 'suspendue']);
  });

  it('attaches fiches actions to national measures and axes of both frameworks', () => {
    const codes = rows<{ code: string }>(db, 'SELECT DISTINCT n.code FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id').map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['PLAN2021-A5', 'SNSP2024-M15', 'SNSP2024-AXE2']));
    expect(db.prepare('SELECT count(*) FROM actions WHERE pilot_partner_id IS NULL').pluck().get()).toBe(0);
  });

  it('follows protocols through their events, with reviews due soon and overdue', () => {
    const protocols = rows<{ id: string; status: string; review_on: string | null }>(db, 'SELECT id, status, review_on FROM protocols');
    for (const p of protocols) {
      const last = db.prepare('SELECT status FROM protocol_events WHERE protocol_id = ? ORDER BY on_date DESC LIMIT 1').pluck().get(p.id);
      expect(last).toBe(p.status);
    }
    const signed = protocols.filter((p) => p.status === 'signe' && p.review_on);
    const in60Days = addDays(TODAY_ISO, 60);
    expect(signed.some((p) => p.review_on! >= TODAY_ISO && p.review_on! <= in60Days)).toBe(true);
    expect(signed.some((p) => p.review_on! < TODAY_ISO)).toBe(true);
    expect(rows(db, 'SELECT s.id FROM protocol_signatories s JOIN partners p ON p.id = s.partner_id WHERE s.structure_name <> p.name')).toEqual([]);
  });

  it('holds past sessions with minutes and upcoming ones with invitations only', () => {
    const meetings = rows<{ id: string; kind: string; starts_at: string }>(db, 'SELECT id, kind, starts_at FROM meetings');
    const upcoming = meetings.filter((m) => m.starts_at.slice(0, 10) > TODAY_ISO);
    expect(upcoming.length).toBeGreaterThanOrEqual(1);
    expect(upcoming.length).toBeLessThanOrEqual(2);
    for (const m of meetings) {
      const statuses = rows<{ status: string }>(db, 'SELECT DISTINCT status FROM meeting_attendees WHERE meeting_id = ?', m.id).map((s) => s.status);
      const decisions = db.prepare('SELECT count(*) FROM decisions WHERE meeting_id = ?').pluck().get(m.id);
      if (upcoming.includes(m)) {
        expect(statuses).toEqual(['invite']);
        expect(decisions).toBe(0);
      } else {
        expect(statuses).not.toContain('invite');
        expect(decisions).toBeGreaterThan(0);
      }
    }
    expect(meetings.filter((m) => m.kind === 'pleniere' && m.starts_at.slice(0, 10) < TODAY_ISO).length).toBeGreaterThanOrEqual(3);
    // Restricted sessions that examine parcours requests are their own kind; one on minors may or may not be drawn.
    expect(new Set(meetings.map((m) => m.kind)).size).toBeGreaterThanOrEqual(4);
    expect(meetings.some((m) => m.kind === 'examen_parcours')).toBe(true);
    const followUps = rows<{ status: string; closed_on: string | null }>(db, 'SELECT status, closed_on FROM follow_ups');
    expect(followUps.some((f) => f.status === 'close')).toBe(true);
    expect(followUps.some((f) => f.status !== 'close')).toBe(true);
    expect(followUps.every((f) => (f.status === 'close') === (f.closed_on !== null))).toBe(true);
  });

  it('fills Paramètres as a préfecture does: the city of the dateline, the secretariat’s contact, the signatory', () => {
    const settings = db.prepare('SELECT secretary_name, prefecture_city, secretariat_contact, signatory_name FROM commission').get() as Record<string, string | null>;
    expect(settings.prefecture_city).toBe('Bordeaux');
    expect(settings.secretariat_contact).toMatch(/^0\d( \d\d){4} – [a-z.-]+@[a-z.-]+\.gouv\.fr$/);
    expect(settings.signatory_name).toMatch(/^\p{Lu}\p{Ll}+[ -]\p{Lu}/u);
    expect(settings.signatory_name).not.toBe(settings.secretary_name);
  });

  it('is deterministic: the same size and day give the same rows, ids included', () => {
    const { db: again } = demo();
    for (const table of DEMO_TABLES) expect(snapshot(again, table), table).toEqual(snapshot(db, table));
    expect(again.prepare('SELECT secretary_name FROM commission').pluck().get()).toBe(db.prepare('SELECT secretary_name FROM commission').pluck().get());
  });

  it('changes with the day', () => {
    const { db: tomorrow } = demo('small', '33', new Date('2026-03-11T10:00:00Z'));
    expect(snapshot(tomorrow, 'partners')).not.toEqual(snapshot(db, 'partners'));
  });
});

describe.each([
  ['59', '59'],
  ['01', '01'],
  ['2A', '20'],
  ['974', '974'],
])('small demo for département %s', (code, postcodePrefix) => {
  it('places its structures in the département and stays consistent', () => {
    const { db } = demo('small', code);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const postcodes = rows<{ postcode: string }>(db, 'SELECT postcode FROM partners WHERE postcode IS NOT NULL').map((p) => p.postcode);
    expect(postcodes.length).toBeGreaterThan(50);
    for (const postcode of postcodes) expect(postcode.startsWith(postcodePrefix), postcode).toBe(true);
  });
});

describe('large demo', () => {
  it('reaches the sizes of a load test', { timeout: 120_000 }, () => {
    const { db, summary } = demo('large');
    expect(summary.partners).toBeGreaterThanOrEqual(2000);
    expect(summary.contacts).toBeGreaterThanOrEqual(5000);
    expect(summary.actions).toBeGreaterThanOrEqual(300);
    expect(summary.journal_entries).toBeGreaterThanOrEqual(5000);
    expect(summary.meetings).toBeGreaterThanOrEqual(100);
    expect(summary.protocols).toBeGreaterThanOrEqual(100);
    expect(summary.meeting_attendees).toBeGreaterThan(summary.meetings * 5);
    expect(summary.decisions).toBeGreaterThan(summary.meetings);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('the minutes of the demo’s past plenaries', () => {
  it('give under « bilan chiffré » the register’s figures of the twelve months before, as the Parcours page computes them', () => {
    const { db } = demo('small');
    const items = rows<{ notes: string | null; day: string }>(
      db,
      `SELECT a.notes, substr(m.starts_at, 1, 10) AS day FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.title LIKE '%bilan chiffré' ORDER BY m.starts_at`,
    );
    const past = items.filter((i) => i.day < TODAY_ISO);
    expect(past.length).toBeGreaterThanOrEqual(2);
    for (const { notes, day } of past) {
      const to = addDays(day, -1);
      const stats = parcoursStats(db, `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`, to, day);
      expect(notes, day).toContain(`Personnes en parcours de sortie au ${formatDate(to)} : ${stats.inProgressAtEnd}.`);
      expect(notes, day).toMatch(new RegExp(`Autorisations préfectorales : ${stats.authorisations}\\.`));
    }
    // A session still to come has nothing written yet.
    for (const { notes } of items.filter((i) => i.day >= TODAY_ISO)) expect(notes).toBeNull();
  });
});
