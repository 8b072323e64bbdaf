/** Output types of the composition of the commission: its seats, who holds them, and since when. */
import type { College, MemberRole, PartnerType, SeatTitle } from '../labels';
import type { Civility } from '../schemas/partners';

/** One person's appointment to a seat, titulaire or suppléant, from and until (exclusive) a date. */
export interface SeatMember {
  id: string;
  seatId: string;
  /** Null once the contact was deleted or erased: the name stays for the past compositions. */
  contactId: string | null;
  civility: Civility | null;
  name: string;
  /** The person's function, from their contact. */
  function: string | null;
  structure: string | null;
  role: MemberRole;
  fromOn: string | null;
  toOn: string | null;
  arreteRef: string | null;
  arreteOn: string | null;
}

export interface Seat {
  id: string;
  college: College;
  title: SeatTitle;
  minorsCoordination: boolean;
  /** The seat as the arrêté words it. */
  label: string;
  partnerId: string | null;
  partnerName: string | null;
  position: number;
  /** On the day asked for. */
  titulaire: SeatMember | null;
  suppleants: SeatMember[];
  /** Appointments ended before, or beginning after, the day asked for. */
  others: SeatMember[];
}

export interface Composition {
  /** The day the composition is read on. */
  on: string;
  /** Migrated from the former « membre » and « formation restreinte » flags, not yet confirmed by the secretary. */
  toConfirm: boolean;
  seats: Seat[];
}

/** A contact the composition may appoint, with the seat they hold today if any. */
export interface CompositionCandidate {
  id: string;
  civility: Civility | null;
  name: string;
  role: string | null;
  partnerId: string;
  partnerName: string;
  partnerType: PartnerType;
  seatId: string | null;
}

/** A contact's membership today, for their partner page. */
export interface ContactMembership {
  seatId: string;
  seatLabel: string;
  memberId: string;
  role: MemberRole;
  title: SeatTitle;
  college: College;
  fromOn: string | null;
}
