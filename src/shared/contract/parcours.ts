import type { Undoable } from '../model/undo';
import type { MeetingParcours, ParcoursDeadlines, ParcoursDetail, ParcoursListItem, ParcoursOptions, ParcoursStats, RetentionCandidate } from '../model/parcours';
import { byId } from '../schemas/common';
import type { ParcoursImportFile, ParcoursImportPreview, ParcoursImportSummary } from '../model/parcours-import';
import { exportFormat, importToken } from '../schemas/partner-import';
import { interestInput, interestRemoval, meetingRef, parcoursFields, parcoursImportInput, parcoursOpinionInput, parcoursPeriod, parcoursUpdate, purgeInput } from '../schemas/parcours';
import { channel, none } from './channel';

export const parcoursContract = {
  'parcours.list': channel<ParcoursListItem[]>()(none),
  'parcours.get': channel<ParcoursDetail>()(byId),
  'parcours.create': channel<ParcoursDetail>()(parcoursFields),
  'parcours.update': channel<ParcoursDetail>()(parcoursUpdate),
  'parcours.delete': channel<Undoable<{ id: string }>>()(byId),
  /** Associations, meetings and renewable parcours the form offers. */
  'parcours.options': channel<ParcoursOptions>()(none),
  /** Parcours ending within 6 weeks with no renewal, requests waiting for an avis or a decision. */
  'parcours.deadlines': channel<ParcoursDeadlines>()(none),
  'parcours.stats': channel<ParcoursStats>()(parcoursPeriod),
  'parcours.export': channel<{ path: string } | null>()(exportFormat),
  /** Chains closed more than five years ago, offered for deletion. */
  'parcours.retention': channel<RetentionCandidate[]>()(none),
  'parcours.purge': channel<{ deleted: number }>()(purgeInput),
  /** What an examining meeting examines, waits for and records. */
  'parcours.meeting': channel<MeetingParcours>()(meetingRef),
  'parcours.fillAgenda': channel<MeetingParcours>()(meetingRef),
  'parcours.recordOpinion': channel<MeetingParcours>()(parcoursOpinionInput),
  /** A member declares an interest in a request, or withdraws the declaration. */
  'parcours.declareInterest': channel<MeetingParcours>()(interestInput),
  'parcours.withdrawInterest': channel<MeetingParcours>()(interestRemoval),
  /** Writes the relevé d'avis of an examining meeting where the user chooses; null when cancelled. */
  'parcours.releve': channel<{ path: string } | null>()(meetingRef),
  /** Importing the register from a spreadsheet, as partners are: open the file, map its columns, preview, commit. */
  'parcoursImport.open': channel<ParcoursImportFile | null>()(none),
  'parcoursImport.preview': channel<ParcoursImportPreview>()(parcoursImportInput),
  'parcoursImport.commit': channel<ParcoursImportSummary>()(parcoursImportInput),
  'parcoursImport.discard': channel<null>()(importToken),
} as const;
