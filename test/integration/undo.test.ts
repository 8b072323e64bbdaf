import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName } from '../../src/shared/api';
import { createTestRouter, type TestRouter } from '../helpers/router';

/**
 * « Annuler » after a deletion, through the real router on the demo commission: every kind of
 * deletion that can be undone comes back byte for byte, cascades and side effects included.
 */
let t: TestRouter;
let demo: string;

beforeAll(async () => {
  const maker = createTestRouter();
  await maker.call('app.openDemo');
  demo = join(mkdtempSync(join(tmpdir(), 'maillage-undo-')), 'demo.maillage');
  maker.session.require().db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(maker.session.require().path, demo);
  maker.cleanup();
}, 120_000);

beforeEach(async () => {
  t = createTestRouter();
  copyFileSync(demo, join(t.dir, 'demo.maillage'));
  t.os.queueOpenFile(join(t.dir, 'demo.maillage'));
  await t.call('app.open');
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;
const one = (sql: string) => db().prepare(sql).pluck().get() as string;

/** Every row of every table but the history, in a stable order: what « byte for byte » compares. */
function everything(): Record<string, unknown[]> {
  const tables = db().prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'change_log' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((name) => [name, db().prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
}

function changed(before: Record<string, unknown[]>, after: Record<string, unknown[]>): string[] {
  return Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** The demo's record of each kind with the most depending on it (cascades, renumbering, appointments). */
const KINDS: [string, ChannelName, () => string][] = [
  ['a structure with its contacts and their appointments', 'partners.delete', () => one(`SELECT p.id FROM partners p JOIN contacts c ON c.partner_id = p.id JOIN seat_members m ON m.contact_id = c.id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`)],
  ['a member contact', 'contacts.delete', () => one(`SELECT contact_id FROM seat_members WHERE contact_id IS NOT NULL ORDER BY contact_id LIMIT 1`)],
  ['a protocol without its signed copy', 'protocols.delete', () => one(`SELECT id FROM protocols WHERE file_name IS NULL ORDER BY id LIMIT 1`)],
  ['a fiche action with its journal and indicators', 'actions.delete', () => one(`SELECT action_id FROM journal_entries GROUP BY action_id ORDER BY count(*) DESC, action_id LIMIT 1`)],
  ['a journal entry', 'journal.delete', () => one(`SELECT id FROM journal_entries ORDER BY id LIMIT 1`)],
  ['an indicator with its values', 'indicators.delete', () => one(`SELECT indicator_id FROM indicator_values GROUP BY indicator_id ORDER BY count(*) DESC, indicator_id LIMIT 1`)],
  ['an indicator value', 'indicators.deleteValue', () => one(`SELECT id FROM indicator_values ORDER BY id LIMIT 1`)],
  ['a session without documents, with its attendance and agenda', 'meetings.delete', () => one(`SELECT m.id FROM meetings m JOIN meeting_attendees a ON a.meeting_id = m.id WHERE NOT EXISTS (SELECT 1 FROM meeting_files f WHERE f.meeting_id = m.id) GROUP BY m.id ORDER BY count(*) DESC, m.id LIMIT 1`)],
  ['an agenda item (the others renumbered)', 'agenda.delete', () => one(`SELECT id FROM agenda_items WHERE position = 1 ORDER BY id LIMIT 1`)],
  ['a decision', 'decisions.delete', () => one(`SELECT id FROM decisions ORDER BY id LIMIT 1`)],
  ['a follow-up', 'followUps.delete', () => one(`SELECT id FROM follow_ups ORDER BY id LIMIT 1`)],
  ['an attendee', 'attendees.remove', () => one(`SELECT id FROM meeting_attendees ORDER BY id LIMIT 1`)],
  ['a parcours request', 'parcours.delete', () => one(`SELECT id FROM parcours_requests r WHERE NOT EXISTS (SELECT 1 FROM parcours_requests n WHERE n.previous_id = r.id) ORDER BY id LIMIT 1`)],
  ['an appointment', 'composition.deleteMember', () => one(`SELECT id FROM seat_members ORDER BY id LIMIT 1`)],
];

describe('undoing a deletion', () => {
  it.each(KINDS)('puts back %s byte for byte, and the history records both', async (_label, channel, pick) => {
    const id = pick();
    expect(id).toBeTruthy();
    const before = everything();
    const deleted = (await t.invoke(channel, { id })) as { ok: true; value: { undo: { token: string; seconds: number } } };
    expect(deleted.ok).toBe(true);
    expect(deleted.value.undo.seconds).toBe(10);
    expect(changed(before, everything()).length).toBeGreaterThan(0);
    const history = db().prepare('SELECT count(*) FROM change_log').pluck().get() as number;

    t.clock.advance(9_000);
    expect(await t.call('history.undoDeletion', { token: deleted.value.undo.token })).toBeNull();
    expect(changed(before, everything())).toEqual([]);
    expect(everything()).toEqual(before);
    // One « Suppression annulée » for each history entry of the deletion.
    const deletions = db().prepare(`SELECT count(*) FROM change_log WHERE op = 'delete' AND seq > ? - 100`).pluck().get(history) as number;
    const undone = db().prepare(`SELECT entity, entity_id AS entityId FROM change_log WHERE seq > ?`).all(history) as { entity: string; entityId: string }[];
    expect(undone.length).toBeGreaterThan(0);
    expect(deletions).toBeGreaterThanOrEqual(undone.length);
    const root = undone.find((u) => u.entityId === id) ?? undone[0]!;
    const entries = (await t.call('history.forRecord', { entity: root.entity, id: root.entityId })).filter((e) => e.entityId === root.entityId);
    expect(entries.slice(0, 2).map((e) => [e.op, e.undoesDeletion])).toEqual([
      ['create', true],
      ['delete', false],
    ]);
    // Used once.
    expect((await t.callError('history.undoDeletion', { token: deleted.value.undo.token })).message).toContain('ne peut plus être annulée');
  });

  it('refuses once the few seconds are past, and the deletion stays', async () => {
    const id = KINDS[1]![2]();
    const { undo } = await t.call('contacts.delete', { id });
    t.clock.advance(16_000);
    const refused = await t.callError('history.undoDeletion', { token: undo!.token });
    expect(refused).toMatchObject({ code: 'conflict', message: 'Le délai pour annuler est passé : la suppression est définitive.' });
    expect(db().prepare('SELECT count(*) FROM contacts WHERE id = ?').pluck().get(id)).toBe(0);
  });

  it('refuses, changing nothing, when what it depended on was deleted since', async () => {
    const contact = KINDS[1]![2]();
    const partner = one(`SELECT partner_id FROM contacts WHERE id = '${contact}'`);
    const first = await t.call('contacts.delete', { id: contact });
    const second = await t.call('partners.delete', { id: partner });
    const state = everything();
    const refused = await t.callError('history.undoDeletion', { token: first.undo!.token });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^La suppression ne peut plus être annulée : .* Rien n’a été changé\.$/);
    expect(everything()).toEqual(state);
    // The structure's own undo still works: it brings back the structure and the contacts it had then.
    await t.call('history.undoDeletion', { token: second.undo!.token });
    expect(db().prepare('SELECT count(*) FROM partners WHERE id = ?').pluck().get(partner)).toBe(1);
    expect(db().prepare('SELECT count(*) FROM contacts WHERE id = ?').pluck().get(contact)).toBe(0);
  });

  it('refuses when a row it changed was changed again since (the agenda reordered since)', async () => {
    const item = KINDS[8]![2]();
    const meeting = one(`SELECT meeting_id FROM agenda_items WHERE id = '${item}'`);
    const { undo } = await t.call('agenda.delete', { id: item });
    const items = db().prepare('SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position').pluck().all(meeting) as string[];
    expect(items.length).toBeGreaterThan(1);
    await t.call('agenda.move', { id: items[items.length - 1]!, direction: 'up' });
    const refused = await t.callError('history.undoDeletion', { token: undo!.token });
    expect(refused.code).toBe('conflict');
    expect(db().prepare('SELECT count(*) FROM agenda_items WHERE id = ?').pluck().get(item)).toBe(0);
  });

  it('an erasure of personal data drops every pending undo', async () => {
    const partner = KINDS[0]![2]();
    const { undo } = await t.call('partners.delete', { id: partner });
    const other = one(`SELECT id FROM contacts ORDER BY id LIMIT 1`);
    await t.call('gdpr.erase', { id: other });
    const refused = await t.callError('history.undoDeletion', { token: undo!.token });
    expect(refused.message).toContain('des données personnelles ont été effacées depuis');
    expect(db().prepare('SELECT count(*) FROM partners WHERE id = ?').pluck().get(partner)).toBe(0);
  });

  it('offers no undo for a session whose documents left the disk with it', async () => {
    const meeting = one(`SELECT id FROM meetings ORDER BY id LIMIT 1`);
    const pdf = join(t.dir, 'bilan.pdf');
    writeFileSync(pdf, '%PDF-1.4 bilan');
    t.os.queueOpenFile(pdf);
    await t.call('meetingFiles.add', { id: meeting });
    const deleted = await t.call('meetings.delete', { id: meeting });
    expect(deleted.undo).toBeNull();
  });
});
