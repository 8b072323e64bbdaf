import type { Db } from '../connection';
import m0001 from './0001-initial';
import m0002 from './0002-plan-2021-and-pilote';
import m0003 from './0003-sessions-decret';
import m0004 from './0004-parcours';
import m0005 from './0005-session-composition';
import m0006 from './0006-composition';
import m0007 from './0007-returns';

export interface Migration {
  name: string;
  up(db: Db): void;
}

/** In order; migration N brings the schema to user_version N. Append only. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007];
