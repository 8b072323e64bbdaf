import type { Undoable } from '../model/undo';
import {
  actionCreate,
  actionsExport,
  actionUpdate,
  catalogueNodeUpdate,
  importToken,
  indicatorFields,
  indicatorUpdate,
  indicatorValueFields,
  indicatorValueUpdate,
  journalFields,
  journalUpdate,
  localMeasureCreate,
} from '../schemas/actions';
import { byId } from '../schemas/common';
import type { ActionDetail, ActionListItem, CatalogueImportPreview, CatalogueImportReport, CatalogueNode, Dashboard, Framework } from '../model/measures';
import { channel, none } from './channel';

/** The national frameworks, the commission's fiches actions, their journal and indicators, the dashboard. */
export const measuresContract = {
  'catalogue.tree': channel<Framework[]>()(none),
  'catalogue.updateNode': channel<CatalogueNode>()(catalogueNodeUpdate),
  'catalogue.addLocalMeasure': channel<CatalogueNode>()(localMeasureCreate),
  /** Deletes a local sub-measure no fiche points to. */
  'catalogue.deleteLocalMeasure': channel<Undoable<{ id: string }>>()(byId),
  /** Asks for a catalogue JSON and says what importing it would change; null when the dialog is cancelled. */
  'catalogue.previewImport': channel<CatalogueImportPreview | null>()(none),
  'catalogue.applyImport': channel<CatalogueImportReport>()(importToken),
  /** Saves the whole catalogue (with local sub-measures) as JSON; null when cancelled. */
  'catalogue.export': channel<{ path: string } | null>()(none),

  'actions.list': channel<ActionListItem[]>()(none),
  'actions.get': channel<ActionDetail>()(byId),
  'actions.create': channel<ActionDetail>()(actionCreate),
  'actions.update': channel<ActionDetail>()(actionUpdate),
  'actions.delete': channel<Undoable<{ id: string }>>()(byId),
  /** Writes the given fiches to .csv or .xlsx and opens the file; null when cancelled. */
  'actions.export': channel<{ path: string; count: number } | null>()(actionsExport),

  'journal.create': channel<ActionDetail>()(journalFields),
  'journal.update': channel<ActionDetail>()(journalUpdate),
  'journal.delete': channel<Undoable<ActionDetail>>()(byId),

  'indicators.create': channel<ActionDetail>()(indicatorFields),
  'indicators.update': channel<ActionDetail>()(indicatorUpdate),
  'indicators.delete': channel<Undoable<ActionDetail>>()(byId),
  'indicators.addValue': channel<ActionDetail>()(indicatorValueFields),
  'indicators.updateValue': channel<ActionDetail>()(indicatorValueUpdate),
  'indicators.deleteValue': channel<Undoable<ActionDetail>>()(byId),

  'dashboard.get': channel<Dashboard>()(none),
} as const;
