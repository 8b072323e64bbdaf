import type { Undoable } from '../model/undo';
import { byId } from '../schemas/common';
import type { Composition, CompositionCandidate } from '../model/composition';
import { appointMembers, appointToSeat, compositionExport, compositionOn, memberUpdate, membersArrete, membersEnd, seatUpdate, seatsUpdate } from '../schemas/composition';
import { channel, none } from './channel';

/** Every write answers with the composition of today, so the screen redraws from one source of truth. */
export const compositionContract = {
  /** The seats and who holds them on a day (today by default). */
  'composition.get': channel<Composition>()(compositionOn),
  /** Contacts of the directory, with the seat each holds today. */
  'composition.candidates': channel<CompositionCandidate[]>()(none),
  'composition.appoint': channel<Composition>()(appointMembers),
  'composition.appointToSeat': channel<Composition>()(appointToSeat),
  'composition.updateSeat': channel<Composition>()(seatUpdate),
  'composition.updateSeats': channel<Composition>()(seatsUpdate),
  'composition.updateMember': channel<Composition>()(memberUpdate),
  'composition.setArrete': channel<Composition>()(membersArrete),
  'composition.endMembers': channel<Composition>()(membersEnd),
  /** Removes an appointment entered by mistake (an ended one stays: it made past meetings). */
  'composition.deleteMember': channel<Undoable<Composition>>()(byId),
  /** The secretary confirms the composition migrated from the former flags. */
  'composition.confirm': channel<Composition>()(none),
  /** Asks where to save, writes the composition as a table; null when the user cancels. */
  'composition.export': channel<{ path: string } | null>()(compositionExport),
} as const;
