import type { ProtocolKind, ProtocolStatus } from '../labels';

export interface ProtocolSignatory {
  id: string;
  partnerId: string | null;
  structureName: string;
  signerName: string | null;
  signerRole: string | null;
}

export interface ProtocolEvent {
  id: string;
  status: ProtocolStatus;
  onDate: string;
  note: string | null;
}

/** A signed protocol's next deadline: its review date, or else the end of its validity. */
export interface ProtocolDeadline {
  date: string;
  kind: 'review' | 'end';
  /** Negative when overdue. */
  daysLeft: number;
  state: 'overdue' | 'due' | 'later';
}

export interface ProtocolListItem {
  id: string;
  title: string;
  kind: ProtocolKind;
  status: ProtocolStatus;
  signedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  reviewOn: string | null;
  deadline: ProtocolDeadline | null;
  signatories: string;
  signatoriesCount: number;
  actionsCount: number;
  hasFile: boolean;
  updatedAt: string;
}

export interface ProtocolDetail {
  id: string;
  title: string;
  object: string | null;
  kind: ProtocolKind;
  status: ProtocolStatus;
  signedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  reviewOn: string | null;
  notes: string | null;
  fileName: string | null;
  deadline: ProtocolDeadline | null;
  signatories: ProtocolSignatory[];
  events: ProtocolEvent[];
  actions: ActionOption[];
  createdAt: string;
  updatedAt: string;
}

export interface ActionOption {
  id: string;
  code: string | null;
  title: string;
}

export interface ProtocolReminder {
  id: string;
  title: string;
  kind: ProtocolKind;
  deadline: ProtocolDeadline;
  signatories: string;
}

/** For the dashboard: signed protocols whose review or end date is past, or within 60 days. */
export interface ProtocolRenewals {
  today: string;
  overdue: ProtocolReminder[];
  dueSoon: ProtocolReminder[];
}

/** Which statuses may follow which: the lifecycle projet → en signature → signé → expiré / dénoncé. */
export const protocolTransitions: Record<ProtocolStatus, ProtocolStatus[]> = {
  projet: ['en_signature', 'signe'],
  en_signature: ['projet', 'signe'],
  signe: ['expire', 'denonce'],
  expire: ['signe'],
  denonce: [],
};

export const RENEWAL_WINDOW_DAYS = 60;
