import type { ChosenFolder, ConsolidationFound, ConsolidationWritten, StateReturnCheck, StateReturnPreview, StateReturnWritten } from '../model/state-return';
import { consolidationWrite, folderToken, stateReturnWrite, stateReturnYear } from '../schemas/state-return';
import { channel, none } from './channel';

/**
 * The yearly return to the State (Rapports › Remontée annuelle) and the consolidation of returns by a
 * region or the national service (Rapports › Consolidation, or the welcome screen: no commission needed).
 * Neither writes the open commission: both are answered when it is read-only.
 */
export const stateReturnContract = {
  /** The current year in Paris: the screen offers it (refused, with why) and the years before. */
  'stateReturn.years': channel<{ current: number }>()(none),
  /** The figures of a finished year, by theme; a year not over is refused with its reason. */
  'stateReturn.preview': channel<StateReturnPreview>()(stateReturnYear),
  /** Asks for the folder to write the return into; null when cancelled. */
  'stateReturn.pickFolder': channel<ChosenFolder | null>()(none),
  /** Writes the CSV, its datapackage.json, the workbook and the cover letter into the chosen folder. */
  'stateReturn.write': channel<StateReturnWritten>()(stateReturnWrite),
  /** Runs the validator on the return just written into the chosen folder. */
  'stateReturn.check': channel<StateReturnCheck>()(folderToken),
  /** Shows the chosen folder in the system's file manager. */
  'stateReturn.showFolder': channel<void>()(folderToken),

  /** Asks for the folder of returns to consolidate; null when cancelled. */
  'consolidation.pickFolder': channel<ChosenFolder | null>()(none),
  /** Reads and checks every return of the chosen folder and its sub-folders. */
  'consolidation.read': channel<ConsolidationFound>()(folderToken),
  /** Asks where to save the synthesis (the workbook goes beside it, under the same name); null when cancelled. */
  'consolidation.pickTarget': channel<ConsolidationWritten | null>()(folderToken),
  /** Writes the synthesis and the workbook where chosen, then opens the synthesis. */
  'consolidation.write': channel<ConsolidationWritten>()(consolidationWrite),
  /** Shows the synthesis just written in its folder. */
  'consolidation.showFolder': channel<void>()(folderToken),
} as const;
