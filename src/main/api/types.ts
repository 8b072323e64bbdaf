import type { ChannelName, OutputOf, ParsedInputOf } from '../../shared/api';
import type { Clock, OsServices } from '../platform/os';
import type { CommissionSession } from '../commission-file/session';

export interface RouterContext {
  session: CommissionSession;
  os: OsServices;
  now: Clock;
}

type Handler<C extends ChannelName> = (input: ParsedInputOf<C>, ctx: RouterContext) => OutputOf<C> | Promise<OutputOf<C>>;

/** One handler per contract channel; each domain module provides its slice. */
export type Handlers = { [C in ChannelName]: Handler<C> };
export type HandlerSlice<Prefix extends string> = Pick<Handlers, Extract<ChannelName, `${Prefix}.${string}`>>;
