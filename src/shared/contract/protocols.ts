import type { Undoable } from '../model/undo';
import type { ActionOption, ProtocolDetail, ProtocolListItem, ProtocolRenewals } from '../model/protocols';
import { byId } from '../schemas/common';
import { exportFormat } from '../schemas/partner-import';
import { protocolCreate, protocolStatusChange, protocolUpdate } from '../schemas/protocols';
import { channel, none } from './channel';

export const protocolsContract = {
  'protocols.list': channel<ProtocolListItem[]>()(none),
  'protocols.get': channel<ProtocolDetail>()(byId),
  'protocols.create': channel<ProtocolDetail>()(protocolCreate),
  'protocols.update': channel<ProtocolDetail>()(protocolUpdate),
  'protocols.setStatus': channel<ProtocolDetail>()(protocolStatusChange),
  'protocols.delete': channel<Undoable<{ id: string }>>()(byId),
  /** Signed protocols whose review or end date is past or within 60 days (dashboard card). */
  'protocols.renewals': channel<ProtocolRenewals>()(none),
  /** The fiches actions a protocol can be linked to. */
  'protocols.actionOptions': channel<ActionOption[]>()(none),
  /** Asks for the signed document and copies it into the commission's files; null when cancelled. */
  'protocols.attachFile': channel<ProtocolDetail | null>()(byId),
  'protocols.openFile': channel<null>()(byId),
  'protocols.removeFile': channel<ProtocolDetail>()(byId),
  'protocols.export': channel<{ path: string } | null>()(exportFormat),
} as const;
