/** Follow-ups (« suites à donner ») decided in sessions: their owners, due dates and status, and the dashboard's view of them. */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { FollowUpStatus } from '../../../shared/labels';
import type { FollowUp, MeetingDetail, SessionsDashboard } from '../../../shared/model/meetings';
import type { followUpFields, followUpUpdate } from '../../../shared/schemas/meetings';
import { addDays, parisToday, parisWallClock } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { FOLLOW_UP_SQL, followUpById, getMeeting, LIST_SQL, meetingRow, toFollowUp, toListItem, type FollowUpRow, type ListRow } from './detail';
import { decisionRow } from './agenda';

function assertDecisionOfMeeting(db: Db, decisionId: string | null, meetingId: string): void {
  if (decisionId !== null && decisionRow(db, decisionId).meeting_id !== meetingId) throw new ApiError('validation', 'Cette décision n’appartient pas à cette séance.');
}

function assertPartner(db: Db, partnerId: string | null): void {
  if (partnerId !== null && !db.prepare('SELECT 1 FROM partners WHERE id = ?').get(partnerId))
    throw new ApiError('not_found', 'Cette structure n’existe plus : elle a peut-être été supprimée.');
}

function closedOn(status: FollowUpStatus, previous: string | null, now: Date): string | null {
  return status === 'close' ? (previous ?? parisToday(now)) : null;
}

export function createFollowUp(db: Db, input: z.output<typeof followUpFields>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    meetingRow(db, input.meetingId);
    assertDecisionOfMeeting(db, input.decisionId, input.meetingId);
    assertPartner(db, input.ownerPartnerId);
    const id = randomUUID();
    db.prepare(
      `INSERT INTO follow_ups (id, meeting_id, decision_id, text, owner_partner_id, owner_name, due_on, status, closed_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.meetingId, input.decisionId, input.text, input.ownerPartnerId, input.ownerName, input.dueOn, input.status, closedOn(input.status, null, now), at, at);
    recordChange(db, at, 'follow_up', id, 'create', null, followUpById(db, id));
    return getMeeting(db, input.meetingId);
  })();
}

export function updateFollowUp(db: Db, input: z.output<typeof followUpUpdate>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = followUpById(db, input.id);
    assertDecisionOfMeeting(db, input.decisionId, before.meetingId);
    assertPartner(db, input.ownerPartnerId);
    db.prepare(
      'UPDATE follow_ups SET decision_id = ?, text = ?, owner_partner_id = ?, owner_name = ?, due_on = ?, status = ?, closed_on = ?, updated_at = ? WHERE id = ?',
    ).run(input.decisionId, input.text, input.ownerPartnerId, input.ownerName, input.dueOn, input.status, closedOn(input.status, before.closedOn, now), at, input.id);
    recordChange(db, at, 'follow_up', input.id, 'update', before, followUpById(db, input.id));
    return getMeeting(db, before.meetingId);
  })();
}

export function setFollowUpStatus(db: Db, input: { id: string; status: FollowUpStatus }, now: Date): FollowUp {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = followUpById(db, input.id);
    db.prepare('UPDATE follow_ups SET status = ?, closed_on = ?, updated_at = ? WHERE id = ?').run(input.status, closedOn(input.status, before.closedOn, now), at, input.id);
    const after = followUpById(db, input.id);
    recordChange(db, at, 'follow_up', input.id, 'update', before, after);
    return after;
  })();
}

export function deleteFollowUp(db: Db, id: string, now: Date): MeetingDetail {
  return db.transaction(() => {
    const before = followUpById(db, id);
    db.prepare('DELETE FROM follow_ups WHERE id = ?').run(id);
    recordChange(db, now.toISOString(), 'follow_up', id, 'delete', before, null);
    return getMeeting(db, before.meetingId);
  })();
}

const OPEN_ORDER = `ORDER BY f.due_on IS NULL, f.due_on, m.starts_at, f.created_at`;

export function partnerFollowUps(db: Db, partnerId: string): FollowUp[] {
  return (db.prepare(`${FOLLOW_UP_SQL} WHERE f.owner_partner_id = ? AND f.status <> 'close' ${OPEN_ORDER}`).all(partnerId) as FollowUpRow[]).map(toFollowUp);
}

/** Follow-ups due within this many days count as « bientôt dues ». */
const DUE_SOON_DAYS = 14;
const DASHBOARD_FOLLOW_UPS = 12;

export function sessionsDashboard(db: Db, now: Date): SessionsDashboard {
  const today = parisToday(now);
  const soon = addDays(today, DUE_SOON_DAYS);
  const next = db.prepare(`${LIST_SQL} WHERE m.starts_at >= ? ORDER BY m.starts_at LIMIT 1`).get(parisWallClock(now)) as ListRow | undefined;
  const open = (db.prepare(`${FOLLOW_UP_SQL} WHERE f.status <> 'close' ${OPEN_ORDER}`).all() as FollowUpRow[]).map((r) => {
    const f = toFollowUp(r);
    return { ...f, overdue: f.dueOn !== null && f.dueOn < today, dueSoon: f.dueOn !== null && f.dueOn >= today && f.dueOn <= soon };
  });
  return {
    next: next ? toListItem(next) : null,
    openFollowUps: open.filter((f) => f.overdue || f.dueSoon).slice(0, DASHBOARD_FOLLOW_UPS),
    overdueCount: open.filter((f) => f.overdue).length,
    dueSoonCount: open.filter((f) => f.dueSoon).length,
    openCount: open.length,
  };
}
