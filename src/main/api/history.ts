import { undoDeletion } from '../commission-file/undo';
import { recordHistory } from '../commission-file/history';
import type { HandlerSlice } from './types';

export const historyHandlers: HandlerSlice<'history'> = {
  'history.forRecord': (input, { session }) => recordHistory(session.require().db, input.entity, input.id),
  'history.undoDeletion': ({ token }, { session, now }) => undoDeletion(session.require().db, token, now()),
};
