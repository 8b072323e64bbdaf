/**
 * The yearly return to the State and the consolidation of returns, for the app: the same functions as
 * the CLI commands `state-return` and `consolidate`, with the folders and files chosen in dialogs.
 * Neither writes the open commission; the consolidation needs none open.
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../shared/errors';
import type { ConsolidationFound } from '../../shared/model/state-return';
import { DEFAULT_MAP_INDICATOR, INDICATORS, themes, type Consolidation, type Theme } from '../../shared/state-return';
import { parisToday } from '../../shared/wallclock';
import { companionProblem } from '../commission-file/companions';
import { buildSynthesis, mapSynthesis } from '../documents/state-return/synthesis';
import { consolidate, consolidationWorkbook } from '../features/state-return/consolidate';
import { DATAPACKAGE, previewStateReturn, renderStateReturn, writeStateReturn } from '../features/state-return/package';
import { validateStateReturn } from '../features/state-return/validate';
import { writeUserFile } from '../platform/files';
import { targetPathProblem } from '../platform/paths';
import { askFolder, askWhereToSave } from './dialogs';
import type { HandlerSlice, RouterContext } from './types';

/**
 * Folders chosen in a dialog, kept under a token so that the renderer never hands a path back to
 * main. One user, one window: the latest choice of each kind is enough.
 */
const chosen = new Map<string, { kind: 'return' | 'consolidation'; folder: string; written?: string; consolidation?: Consolidation; target?: { synthesis: string; workbook: string } }>();

function keep(kind: 'return' | 'consolidation', folder: string): { token: string; folder: string } {
  for (const [token, c] of chosen) if (c.kind === kind) chosen.delete(token);
  const token = randomUUID();
  chosen.set(token, { kind, folder });
  return { token, folder };
}

function folderOf(token: string, kind: 'return' | 'consolidation') {
  const found = chosen.get(token);
  if (!found || found.kind !== kind) throw new ApiError('not_found', 'Ce choix de dossier n’est plus valable : choisissez de nouveau le dossier.');
  return found;
}

/** Nothing Maillage writes for the user goes over a device name or the open commission's own files. */
function checkTarget(path: string, ctx: RouterContext): void {
  const open = ctx.session.currentOrNull();
  const problem = targetPathProblem(path) ?? (open ? companionProblem(path, open.path) : null);
  if (problem) throw new ApiError('validation', problem);
}

function readConsolidation(choice: { consolidation?: Consolidation }): Consolidation {
  if (!choice.consolidation) throw new ApiError('not_found', 'Les remontées de ce dossier n’ont pas encore été lues : choisissez de nouveau le dossier.');
  return choice.consolidation;
}

function found(token: string, folder: string, c: Consolidation): ConsolidationFound {
  return {
    token,
    folder,
    year: c.year,
    scope: c.region ? `Région ${c.region.name}` : 'France entière',
    filesExamined: c.filesExamined,
    accepted: c.returns.map((r) => ({ code: r.departement.code, name: r.departement.name, region: r.departement.region.name, file: r.file, createdOn: r.created?.slice(0, 10) ?? null })),
    setAside: c.setAside,
    duplicates: c.duplicates,
    missing: c.missing.map((d) => ({ code: d.code, name: d.name })),
    mapChoices: (Object.keys(themes) as Theme[]).map((theme) => ({ title: themes[theme], indicators: INDICATORS.filter((d) => d.theme === theme).map((d) => ({ id: d.id, label: d.label })) })),
    defaultMap: DEFAULT_MAP_INDICATOR,
  };
}

export const stateReturnHandlers: HandlerSlice<'stateReturn' | 'consolidation'> = {
  'stateReturn.years': (_input, { now }) => ({ current: Number(parisToday(now()).slice(0, 4)) }),
  'stateReturn.preview': ({ year }, { session, now }) => {
    const { db, path } = session.require();
    return previewStateReturn(db, path, year, now());
  },
  'stateReturn.pickFolder': async (_input, ctx) => {
    ctx.session.require();
    const folder = await askFolder(ctx.os, 'Dossier où enregistrer la remontée annuelle');
    return folder ? keep('return', folder) : null;
  },
  'stateReturn.write': async ({ token, year }, ctx) => {
    const { db, path } = ctx.session.require();
    const choice = folderOf(token, 'return');
    const { files } = await renderStateReturn(db, path, year, ctx.now());
    for (const name of Object.values(files.names)) checkTarget(join(choice.folder, name), ctx);
    const written = await writeStateReturn(choice.folder, files);
    choice.written = join(choice.folder, DATAPACKAGE);
    return { folder: choice.folder, files: written.map((file) => basename(file)) };
  },
  'stateReturn.check': async ({ token }) => {
    const choice = folderOf(token, 'return');
    if (!choice.written) throw new ApiError('not_found', 'Aucune remontée n’a encore été écrite dans ce dossier.');
    const result = await validateStateReturn(choice.written);
    return { valid: result.errors.length === 0, summary: result.summary, errors: result.errors.slice(0, 50) };
  },
  'stateReturn.showFolder': async ({ token }, { os }) => {
    const choice = folderOf(token, 'return');
    await os.showInFolder(choice.written ?? choice.folder);
  },

  'consolidation.pickFolder': async (_input, { os }) => {
    const folder = await askFolder(os, 'Dossier des remontées à consolider');
    return folder ? keep('consolidation', folder) : null;
  },
  'consolidation.read': async ({ token }) => {
    const choice = folderOf(token, 'consolidation');
    const c = await consolidate(choice.folder);
    choice.consolidation = c;
    return found(token, choice.folder, c);
  },
  'consolidation.pickTarget': async ({ token }, ctx) => {
    const choice = folderOf(token, 'consolidation');
    const c = readConsolidation(choice);
    const scope = c.region ? c.region.name : 'France';
    const synthesis = await askWhereToSave(ctx.os, { title: 'Enregistrer la synthèse de la consolidation', defaultName: `Consolidation des remontées ${c.year} – ${scope}.docx`, type: 'docx' });
    if (!synthesis) return null;
    // The workbook goes beside the synthesis, under the same name: one dialog for the two files.
    const workbook = join(dirname(synthesis), `${basename(synthesis).replace(/\.docx$/i, '')}.xlsx`);
    checkTarget(workbook, ctx);
    choice.target = { synthesis, workbook };
    return choice.target;
  },
  'consolidation.write': async ({ token, mapIndicator }, ctx) => {
    const choice = folderOf(token, 'consolidation');
    const c = readConsolidation(choice);
    if (!choice.target) throw new ApiError('not_found', 'Choisissez d’abord où enregistrer la synthèse.');
    const { synthesis, workbook } = choice.target;
    await writeUserFile(synthesis, await buildSynthesis(mapSynthesis(c, { mapIndicator, producedOn: parisToday(ctx.now()) })));
    await writeUserFile(workbook, await consolidationWorkbook(c));
    choice.written = synthesis;
    await ctx.os.openPath(synthesis);
    return choice.target;
  },
  'consolidation.showFolder': async ({ token }, { os }) => {
    const choice = folderOf(token, 'consolidation');
    await os.showInFolder(choice.written ?? choice.folder);
  },
};
