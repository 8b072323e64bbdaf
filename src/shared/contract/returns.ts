import type { Undoable } from '../model/undo';
import { byId } from '../schemas/common';
import { campaignCreate, campaignRemind, returnApply, returnFiles } from '../schemas/returns';
import type { CampaignDetail, CampaignSummary, PreparedFiles, ReturnApplyReport, ReturnPreview } from '../model/returns';
import { channel, none } from './channel';

/** Campaigns of returns from partners: asking (workbooks and messages), where each structure stands, taking answers in. */
export const returnsContract = {
  'returns.list': channel<CampaignSummary[]>()(none),
  'returns.get': channel<CampaignDetail>()(byId),
  'returns.create': channel<CampaignDetail>()(campaignCreate),
  'returns.delete': channel<Undoable<{ id: string }>>()(byId),
  /** Writes each structure's workbook and message into the commission's folder, and marks them sent. */
  'returns.prepare': channel<PreparedFiles>()(byId),
  /** Writes a fresh workbook and a reminder for each structure that has not answered (or those given). */
  'returns.remind': channel<PreparedFiles>()(campaignRemind),
  /** Shows the folder where a campaign's files were written. */
  'returns.showFolder': channel<void>()(byId),
  /** Checks dropped workbooks and says what taking each one in would change; records the answers received. */
  'returns.preview': channel<ReturnPreview>()(returnFiles),
  'returns.apply': channel<ReturnApplyReport>()(returnApply),
} as const;
