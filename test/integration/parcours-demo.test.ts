import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { generateDemo, type DemoOptions } from '../../src/main/features/demo';
import { readCommission } from '../../src/main/commission-file/commission';
import { membershipsOn, seatsComposing } from '../../src/main/features/composition/sitting';
import { documentData } from '../../src/main/features/meetings/documents';
import { getMeeting } from '../../src/main/features/meetings/detail';
import { examinedRequests, meetingParcours } from '../../src/main/features/parcours/examination';
import { mapAttendanceSheet, mapConvocation, mapMinutes } from '../../src/main/documents/meetings/mapper';
import { mapReleve } from '../../src/main/documents/parcours/releve';
import { sitsAt } from '../../src/shared/meeting-rules';
import { parcoursDeadlines, parcoursStats } from '../../src/main/features/parcours/parcours';

const TODAY = new Date('2026-03-10T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'maillage-parcours-demo-'));
const open: Db[] = [];
afterAll(() => {
  for (const db of open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function demo(size: DemoOptions['size']): Db {
  const db = createCommissionDatabase(join(dir, `${size}.maillage`), { departmentCode: '33', name: null }, TODAY);
  open.push(db);
  generateDemo(db, { size, today: TODAY });
  return db;
}

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

describe.each([
  ['small', 12, 24],
  ['large', 150, 72],
] as const)('%s demo parcours', (size, minimum, months) => {
  const db = demo(size);

  it(`holds at least ${minimum} requests over ${months / 12} years, with examining meetings, renewals, refusals and exits`, () => {
    expect(count(db, 'SELECT count(*) FROM parcours_requests')).toBeGreaterThanOrEqual(minimum);
    expect(count(db, `SELECT count(*) FROM meetings WHERE kind = 'examen_parcours'`)).toBeGreaterThanOrEqual(size === 'small' ? 6 : 40);
    expect(count(db, 'SELECT count(*) FROM parcours_requests WHERE renewal_number > 0')).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) FROM parcours_requests WHERE decision = 'refuse'`)).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) FROM parcours_requests WHERE end_reason IN ('fin_parcours', 'sortie_anticipee', 'abandon', 'depart', 'autre')`)).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) FROM parcours_requests WHERE state = 'en_cours'`)).toBeGreaterThan(0);
    const oldest = db.prepare('SELECT min(received_on) FROM parcours_requests').pluck().get() as string;
    expect(oldest < (size === 'small' ? '2024-09-10' : '2021-03-10')).toBe(true);
    // The members added for child protection never attend; the conseil départemental, which sat before the decree, does.
    const attendingAs = (title: string) =>
      count(
        db,
        `SELECT count(*) FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id JOIN seat_members sm ON sm.contact_id = a.contact_id JOIN seats s ON s.id = sm.seat_id
         WHERE m.kind = 'examen_parcours' AND s.title = '${title}'`,
      );
    expect(attendingAs('protection_enfance')).toBe(0);
    expect(count(db, `SELECT count(*) FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id JOIN partners p ON p.id = a.partner_id WHERE m.kind = 'examen_parcours' AND p.type = 'conseil_departemental'`)).toBeGreaterThan(0);
  });

  it('convenes, counts and addresses the same members at every examining meeting, none sitting for child protection', () => {
    const file = join(dir, `${size}.maillage`);
    const commission = readCommission(db, file);
    const meetings = db.prepare(`SELECT id, substr(starts_at, 1, 10) AS day FROM meetings WHERE kind = 'examen_parcours' ORDER BY starts_at`).all() as { id: string; day: string }[];
    expect(meetings.length).toBeGreaterThan(0);
    let reached = 0;
    for (const { id, day } of meetings) {
      const m = getMeeting(db, id);
      // The seats the rule seats that day, read from the composition, not from the meeting.
      const seats = seatsComposing(membershipsOn(db, day)).filter((seat) => sitsAt('examen_parcours', seat));
      expect(seats.some((seat) => seat.title === 'protection_enfance'), day).toBe(false);
      expect(m.quorum.composition, day).toBe(seats.length);
      const invited = m.attendees.filter((a) => a.isMember);
      expect(invited.every((a) => a.sits && a.seatTitle === 'commission' && seats.some((seat) => seat.id === a.seatId)), day).toBe(true);
      const names = invited.map((a) => [a.civility, a.name].filter(Boolean).join(' ')).sort();
      const data = documentData(db, file, id, TODAY);
      expect(mapConvocation(data, { letters: true }).letters.map((l) => l.addressee[0]).sort(), `lettres ${day}`).toEqual(names);
      expect(mapAttendanceSheet(data).rows.map((r) => r.name).sort(), `émargement ${day}`).toEqual(names);
      const minutes = mapMinutes(data, { short: false });
      expect(minutes.diffusion.names.map((n) => n.split(', ')[0]).sort(), `compte rendu ${day}`).toEqual(names);
      const releve = mapReleve({ meeting: m, examined: examinedRequests(db, id).examined, commission, logo: null });
      expect(releve.diffusion, `relevé ${day}`).toContain(`(${names.length}) :`);
      for (const name of names) expect(releve.diffusion, `relevé ${day}`).toContain(name);
      if (m.quorum.reached || m.quorum.waived) reached++;
    }
    // Each meeting that lacks its quorum is convened again, and the new convocation deliberates.
    const failed = meetings.filter(({ id }) => !getMeeting(db, id).quorum.reached && !getMeeting(db, id).quorum.waived);
    for (const { id } of failed) expect(getMeeting(db, id).reconvenedAs, id).not.toBeNull();
    expect(reached + failed.length).toBe(meetings.length);
    expect(failed.length).toBeGreaterThan(0);
  });

  it('keeps every request within the register’s rules', () => {
    const chains = db.prepare(`SELECT chain_id, min(starts_on) AS first, max(ends_on) AS last FROM parcours_requests WHERE decision = 'autorise' GROUP BY chain_id`).all() as { first: string; last: string }[];
    for (const c of chains) {
      const cap = new Date(`${c.first}T00:00:00Z`);
      cap.setUTCMonth(cap.getUTCMonth() + 24);
      expect(c.last < cap.toISOString().slice(0, 10)).toBe(true);
    }
    const year = parcoursStats(db, '2025-01-01', '2025-12-31', '2026-03-10');
    expect(year.firstRequests + year.renewals).toBeGreaterThan(0);
    expect(year.inProgressAtEnd).toBeGreaterThan(0);
    const latest = db.prepare(`SELECT meeting_id FROM parcours_requests WHERE meeting_id IS NOT NULL ORDER BY opinion_on DESC LIMIT 1`).pluck().get() as string;
    expect(meetingParcours(db, latest, '2026-03-10').examined.length).toBeGreaterThan(0);
    const deadlines = parcoursDeadlines(db, '2026-03-10');
    expect(deadlines.endingSoon.length + deadlines.awaitingOpinion.length + deadlines.awaitingDecision.length).toBeGreaterThan(0);
  });
});
