import { withUndo } from '../commission-file/undo';
import { basename } from 'node:path';
import { draftsOf } from '../platform/drafts';
import { readFileUpTo, writeUserFile } from '../platform/files';
import { ApiError } from '../../shared/errors';
import { stripInvisible } from '../../shared/text';
import { parisToday } from '../../shared/wallclock';
import type { CatalogueFrameworkFile } from '../../shared/schemas/actions';
import { actionColumns, pickActions } from '../features/measures/actions-table';
import { tabularBytes } from '../spreadsheets/writer';
import { askWhereToSave, FILE_TYPES, saveAndOpen } from './dialogs';
import {
  addIndicatorValue,
  createAction,
  createIndicator,
  createJournalEntry,
  deleteAction,
  deleteIndicator,
  deleteIndicatorValue,
  updateIndicatorValue,
  deleteJournalEntry,
  getAction,
  listActions,
  updateAction,
  updateIndicator,
  updateJournalEntry,
} from '../features/measures/actions';
import {
  addLocalMeasure,
  catalogueTree,
  deleteLocalMeasure,
  exportCatalogue,
  importCatalogue,
  parseCatalogueFile,
  updateCatalogueNode,
} from '../features/measures/catalogue';
import { dashboard } from '../features/dashboard/dashboard';
import type { HandlerSlice, RouterContext } from './types';

const MAX_CATALOGUE_BYTES = 5_000_000;

/** Catalogues read for a preview, waiting for the user's confirmation. */
const catalogueDrafts = draftsOf<CatalogueFrameworkFile[]>('catalogue');

function context(ctx: RouterContext) {
  const now = ctx.now();
  return { db: ctx.session.require().db, now, today: parisToday(now) };
}

export const measuresHandlers: HandlerSlice<'catalogue' | 'actions' | 'journal' | 'indicators' | 'dashboard'> = {
  'catalogue.tree': (_input, ctx) => catalogueTree(context(ctx).db),
  'catalogue.updateNode': (input, ctx) => {
    const { db, now } = context(ctx);
    return updateCatalogueNode(db, input, now);
  },
  'catalogue.addLocalMeasure': (input, ctx) => {
    const { db, now } = context(ctx);
    return addLocalMeasure(db, input, now);
  },
  'catalogue.deleteLocalMeasure': ({ id }, ctx) => {
    const { db, now } = context(ctx);
    return withUndo(db, now, () => deleteLocalMeasure(db, id, now));
  },
  'catalogue.previewImport': async (_input, ctx) => {
    const { db, now } = context(ctx);
    const path = await ctx.os.pickOpenFile({ title: 'Importer un catalogue mis à jour', filters: [FILE_TYPES.json] });
    if (!path) return null;
    const content = readFileUpTo(path, MAX_CATALOGUE_BYTES);
    if (!content) throw new ApiError('validation', 'Ce fichier est bien trop gros pour être un catalogue de mesures.');
    const files = parseCatalogueFile(db, content.toString('utf8'));
    const token = catalogueDrafts.keep(files);
    return { token, fileName: stripInvisible(basename(path)), report: importCatalogue(db, files, now, true) };
  },
  'catalogue.applyImport': ({ token }, ctx) => {
    const files = catalogueDrafts.get(token);
    const { db, now } = context(ctx);
    const report = importCatalogue(db, files, now, false);
    catalogueDrafts.discard(token);
    return report;
  },
  'catalogue.export': async (_input, ctx) => {
    const { db, today } = context(ctx);
    const path = await askWhereToSave(ctx.os, { title: 'Exporter le catalogue', defaultName: `catalogue-mesures-${today}.json`, type: 'json' });
    if (!path) return null;
    await writeUserFile(path, `${JSON.stringify(exportCatalogue(db), null, 1)}\n`);
    return { path };
  },

  'actions.list': (_input, ctx) => {
    const { db, today } = context(ctx);
    return listActions(db, today);
  },
  'actions.get': ({ id }, ctx) => {
    const { db, today } = context(ctx);
    return getAction(db, id, today);
  },
  'actions.create': (input, ctx) => {
    const { db, now } = context(ctx);
    return createAction(db, input, now);
  },
  'actions.update': (input, ctx) => {
    const { db, now } = context(ctx);
    return updateAction(db, input, now);
  },
  'actions.delete': ({ id }, ctx) => {
    const { db, now } = context(ctx);
    return withUndo(db, now, () => deleteAction(db, id, now));
  },
  'actions.export': async ({ format, ids }, ctx) => {
    const { db, today } = context(ctx);
    const rows = pickActions(listActions(db, today), ids);
    if (rows.length === 0) throw new ApiError('validation', 'Aucune fiche action à exporter : élargissez les filtres.');
    const saved = await saveAndOpen(ctx.os, { title: 'Exporter les fiches actions', defaultName: `fiches-actions-${today}.${format}`, type: format }, () =>
      tabularBytes(format, rows, actionColumns, { sheetName: 'Fiches actions' }),
    );
    return saved && { ...saved, count: rows.length };
  },

  'journal.create': (input, ctx) => {
    const { db, now } = context(ctx);
    return createJournalEntry(db, input, now);
  },
  'journal.update': (input, ctx) => {
    const { db, now } = context(ctx);
    return updateJournalEntry(db, input, now);
  },
  'journal.delete': ({ id }, ctx) => {
    const { db, now } = context(ctx);
    return withUndo(db, now, () => deleteJournalEntry(db, id, now));
  },

  'indicators.create': (input, ctx) => {
    const { db, now } = context(ctx);
    return createIndicator(db, input, now);
  },
  'indicators.update': (input, ctx) => {
    const { db, now } = context(ctx);
    return updateIndicator(db, input, now);
  },
  'indicators.delete': ({ id }, ctx) => {
    const { db, now } = context(ctx);
    return withUndo(db, now, () => deleteIndicator(db, id, now));
  },
  'indicators.addValue': (input, ctx) => {
    const { db, now } = context(ctx);
    return addIndicatorValue(db, input, now);
  },
  'indicators.updateValue': (input, ctx) => {
    const { db, now } = context(ctx);
    return updateIndicatorValue(db, input, now);
  },
  'indicators.deleteValue': ({ id }, ctx) => {
    const { db, now } = context(ctx);
    return withUndo(db, now, () => deleteIndicatorValue(db, id, now));
  },

  'dashboard.get': (_input, ctx) => {
    const { db, today } = context(ctx);
    return dashboard(db, today);
  },
};
