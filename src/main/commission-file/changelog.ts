import type { Db } from '../db/connection';
import { cachedStatement } from '../db/statements';

export type ChangeOp = 'create' | 'update' | 'delete';

/**
 * Records one change in the history (« Historique »): what, when, before and after. An update that
 * changed no value (a form saved as it was) is no change: nothing is recorded.
 */
export function recordChange(db: Db, at: string, entity: string, entityId: string, op: ChangeOp, before: unknown, after: unknown): void {
  if (op === 'update' && typeof before === 'object' && before !== null && typeof after === 'object' && after !== null && !changedAnything(before, after)) return;
  cachedStatement(db, 'INSERT INTO change_log (at, entity, entity_id, op, before, after) VALUES (?, ?, ?, ?, ?, ?)').run(
    at,
    entity,
    entityId,
    op,
    before === null || before === undefined ? null : JSON.stringify(before),
    after === null || after === undefined ? null : JSON.stringify(after),
  );
}

/** Whether an update changed a value, the « modifiée le » stamp aside (a form saved as it was, a merge bringing nothing). */
export function changedAnything(before: object, after: object): boolean {
  const values = ({ updatedAt: _u, updated_at: _v, ...rest }: Record<string, unknown>) => JSON.stringify(rest);
  return values(before as Record<string, unknown>) !== values(after as Record<string, unknown>);
}
