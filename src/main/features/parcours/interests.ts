/**
 * Who takes part in each avis of an examining meeting. A member of the association that presents a
 * request, or a member who declares an interest in it, takes no part in its deliberation (CRPA
 * R. 133-12): they count neither in the quorum of that item nor in its vote. The association's
 * interest follows from the data (the attendee's structure is the request's association); a declared
 * one is recorded in `avis_interests`.
 */
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import type { MeetingKind } from '../../../shared/labels';
import { computeQuorum, deliberatesValidly, type Quorum } from '../../../shared/meeting-rules';
import type { Attendee } from '../../../shared/model/meetings';
import type { LeftOut } from '../../../shared/model/parcours';
import type { Db } from '../../db/connection';
import { seatsComposing } from '../composition/sitting';
import { meetingRow, sittingOf } from '../meetings/detail';

export interface ItemSitting {
  leftOut: LeftOut[];
  quorum: Quorum;
  valid: boolean;
}

const ATTENDS = new Set(['present', 'distance', 'supplee', 'mandat']);

/** The members who take part in the avis of each request of a meeting, and the quorum of each item. */
export function itemSittings(db: Db, meetingId: string, requests: readonly { id: string | null; associationId: string | null }[]): { sittings: ItemSitting[]; members: Attendee[] } {
  const row = meetingRow(db, meetingId);
  const { attendees, memberships } = sittingOf(db, row);
  const seats = seatsComposing(memberships);
  const ids = requests.map((r) => r.id).filter((id): id is string => id !== null);
  const declared = ids.length
    ? (db.prepare(`SELECT request_id AS requestId, attendee_id AS attendeeId, reason FROM avis_interests WHERE request_id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as {
        requestId: string;
        attendeeId: string;
        reason: string | null;
      }[])
    : [];
  const members = attendees.filter((a) => a.sits);
  const sittings = requests.map((r): ItemSitting => {
    const leftOut: LeftOut[] = [];
    for (const a of members) {
      const note = declared.find((d) => d.requestId === r.id && d.attendeeId === a.id);
      if (r.associationId !== null && a.partnerId === r.associationId) leftOut.push({ attendeeId: a.id, name: a.name, structure: a.structure, reason: 'association', note: null });
      else if (note) leftOut.push({ attendeeId: a.id, name: a.name, structure: a.structure, reason: 'declared', note: note.reason });
    }
    const out = new Set(leftOut.map((l) => l.attendeeId));
    const taking = attendees.filter((a) => !out.has(a.id));
    // A seat is out of the item when nobody of it takes part: its member is interested and no other holder of it attends.
    const outSeats = new Set(
      attendees.filter((a) => out.has(a.id) && a.seatId !== null && !taking.some((t) => t.seatId === a.seatId && ATTENDS.has(t.status))).map((a) => a.seatId!),
    );
    const quorum = computeQuorum(row.kind as MeetingKind, { waived: row.second_convocation_of !== null, seats, attendees: taking, leftOut: outSeats });
    return { leftOut, quorum, valid: deliberatesValidly(quorum) };
  });
  return { sittings, members };
}

/** Refuses an avis the meeting cannot validly give on this request: the quorum of its item is not reached. */
export function assertAvisMayBeGiven(db: Db, meetingId: string, request: { id: string | null; associationId: string | null; reference: string }): ItemSitting {
  const [item] = itemSittings(db, meetingId, [request]).sittings;
  if (item!.valid) return item!;
  const q = item!.quorum;
  if (q.pending > 0) throw new ApiError('conflict', 'Notez d’abord les présences (onglet « Participants ») : le quorum se constate avant de rendre un avis.');
  const day = formatDate(meetingRow(db, meetingId).starts_at.slice(0, 10));
  throw new ApiError(
    'conflict',
    `Le quorum n’est pas atteint pour ${request.reference} à la séance du ${day} (${q.counted} membres sur ${q.composition}, ${q.required} requis) : l’avis ne peut pas être rendu valablement. ` +
      'Convoquez de nouveau la commission sur le même ordre du jour (« Nouvelle convocation sans condition de quorum », sur la page de la séance).',
  );
}
