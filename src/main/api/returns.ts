import { withUndo } from '../commission-file/undo';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { parisToday } from '../../shared/wallclock';
import type { Decisions } from '../features/returns/apply';
import { createCampaign, deleteCampaign, getCampaign, listCampaigns, campaignRow } from '../features/returns/campaigns';
import { campaignFolder, reminderFolderName, writeCampaignFiles } from '../features/returns/prepare';
import { applyReturns, previewReturns, type PreviewedFile } from '../features/returns/session';
import type { HandlerSlice, RouterContext } from './types';

/** Files previewed, waiting for the secretary's decisions (one process, one user: the latest preview only). */
const pending = new Map<string, { path: string; files: PreviewedFile[] }>();

function context(ctx: RouterContext) {
  const { db, path } = ctx.session.require();
  return { db, path, now: ctx.now() };
}

function folderOf(path: string, campaign: { id: string; name: string }): string | null {
  const folder = campaignFolder(path, campaign);
  return existsSync(folder) ? folder : null;
}

export const returnsHandlers: HandlerSlice<'returns'> = {
  'returns.list': (_input, ctx) => listCampaigns(context(ctx).db),
  'returns.get': ({ id }, ctx) => {
    const { db, path, now } = context(ctx);
    return getCampaign(db, id, folderOf(path, campaignRow(db, id)), parisToday(now));
  },
  'returns.create': (input, ctx) => {
    const { db, path, now } = context(ctx);
    const id = createCampaign(db, input, now);
    return getCampaign(db, id, folderOf(path, campaignRow(db, id)), parisToday(now));
  },
  'returns.delete': ({ id }, ctx) => {
    const { db, now } = context(ctx);
    return withUndo(db, now, () => deleteCampaign(db, id, now));
  },
  'returns.prepare': ({ id }, ctx) => {
    const { db, path, now } = context(ctx);
    return writeCampaignFiles(db, path, id, { folder: campaignFolder(path, campaignRow(db, id)), sending: 'envoi', eml: true }, now);
  },
  'returns.remind': ({ id, requestIds }, ctx) => {
    const { db, path, now } = context(ctx);
    const folder = join(campaignFolder(path, campaignRow(db, id)), reminderFolderName(parisToday(now)));
    return writeCampaignFiles(db, path, id, { folder, sending: 'relance', eml: true, requestIds }, now);
  },
  'returns.showFolder': async ({ id }, ctx) => {
    const { db, path } = context(ctx);
    const folder = folderOf(path, campaignRow(db, id));
    if (!folder) throw new ApiError('not_found', 'Les classeurs de cette campagne n’ont pas encore été préparés.');
    await ctx.os.showInFolder(folder);
  },
  'returns.preview': async ({ campaignId, files }, ctx) => {
    const { db, path, now } = context(ctx);
    campaignRow(db, campaignId);
    const decoded = files.map((f) => ({ name: basename(f.name), bytes: Buffer.from(f.base64, 'base64') }));
    const { preview, files: previewed } = await previewReturns(db, campaignId, decoded, now, false);
    const token = randomUUID();
    pending.clear();
    pending.set(token, { path, files: previewed });
    return { token, ...preview };
  },
  'returns.apply': ({ token, files }, ctx) => {
    const { db, path, now } = context(ctx);
    const previewed = pending.get(token);
    if (!previewed || previewed.path !== path) throw new ApiError('not_found', 'Cet aperçu n’est plus valable : déposez de nouveau les classeurs.');
    pending.delete(token);
    const decisions = new Map<string, Decisions>(files.map((f) => [f.key, { accepted: f.accepted, choices: f.choices }]));
    return applyReturns(db, previewed.files, decisions, now);
  },
};
