/**
 * How every command that takes --db opens its commission: through openCommissionFile, the app's own
 * way in (integrity check, refusal of a newer file, backup before a migration, the lock for
 * commands that write), with the app's French messages. Errors met while the command works on it
 * (a full disk, a busy file) are named the same way.
 */
import { ApiError } from '../../shared/errors';
import { companionProblem } from '../commission-file/companions';
import { commissionFailure, DamagedCommissionError, openCommissionFile, type Access, type OpenedCommission } from '../commission-file/open';
import { targetPathProblem } from '../platform/paths';
import { CliError } from './command';

export async function withCommissionFile<T>(file: string, access: Access, work: (opened: OpenedCommission) => Promise<T>): Promise<T> {
  let opened: OpenedCommission;
  try {
    opened = await openCommissionFile(file, { access });
  } catch (error) {
    throw cliFailure(file, error);
  }
  try {
    return await work(opened);
  } catch (error) {
    throw cliFailure(file, error);
  } finally {
    opened.close();
  }
}

/** A failure on the commission `file`, in the app's words; a damaged file also gets the command that restores it. */
export function cliFailure(file: string, error: unknown): unknown {
  const failure = commissionFailure(file, error);
  if (failure instanceof DamagedCommissionError)
    return new ApiError('io', `${failure.message} Pour la remplacer par sa dernière sauvegarde intacte : maillage restore --db "${file}" --from derniere`);
  return failure;
}

/** Refuses an --out that would write over the commission `dbFile` or one of its companions, or a device name. */
export function assertWritableTarget(target: string, dbFile: string | null): void {
  const problem = targetPathProblem(target) ?? (dbFile ? companionProblem(target, dbFile) : null);
  if (problem) throw new CliError(problem);
}
