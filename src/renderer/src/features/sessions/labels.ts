import { formatDate } from '../../../../shared/format';
import { meetingKinds, type MeetingKind } from '../../../../shared/labels';
import type { FollowUp } from '../../../../shared/model/meetings';
import { splitWallClock } from '../../../../shared/wallclock';

/** « Séance plénière du 12/03/2026 ». */
export function sessionLabel(m: { kind: MeetingKind; startsAt: string }): string {
  return `${meetingKinds.labels[m.kind]} du ${formatDate(splitWallClock(m.startsAt).date)}`;
}

export function followUpOwner(f: FollowUp): string {
  const person = f.ownerName === f.ownerPartnerName ? null : f.ownerName;
  return [f.ownerPartnerName, person].filter(Boolean).join(' – ') || 'Responsable à désigner';
}

