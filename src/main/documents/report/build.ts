/** Assembles the bilan and its annex B from their view models, in the styles of every Maillage document. */
import {
  Bookmark,
  Document,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  Packer,
  PageReference,
  Paragraph,
  Table,
  TableLayoutType,
  TableRow,
  TabStopPosition,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { imageSize } from '../image-size';
import { bodyParagraphs, bulletList, cell, columnWidths, dataTable, figure, footer, header, pageProperties, para, runs, type Block } from '../common/parts';
import { CELL_MARGINS, COLORS, CONTENT_WIDTH, S, styles, TABLE_BORDERS } from '../common/styles';
import { renderChart } from './charts';
import type { ActionCard, ChartSpec, CoverView, DetailedView, ReportView, Table as TableView, TitledTable } from './view';

/**
 * The sommaire: one internal link per part, with a PAGEREF to the part's bookmark. LibreOffice
 * computes those page numbers when it lays the document out (and so do its PDFs); Word shows them
 * once fields are updated (on printing, or F9), and the links work everywhere meanwhile.
 */
class Outline {
  private readonly entries: { id: string; text: string; level: 1 | 2 }[] = [];

  heading(level: 1 | 2 | 3, text: string, options: { newPage?: boolean; inContents?: boolean } = {}): Paragraph {
    const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
    // A part that follows the previous one on the same page needs room above it (the style has none, for the top of a page).
    const spacing = level === 1 && !options.newPage ? { before: 480 } : undefined;
    if (level === 3 || options.inContents === false) return new Paragraph({ heading: levels[level], pageBreakBefore: options.newPage, keepNext: true, spacing, children: runs(text) });
    const id = `partie_${this.entries.length + 1}`;
    this.entries.push({ id, text, level });
    return new Paragraph({ heading: levels[level], pageBreakBefore: options.newPage, keepNext: true, spacing, children: [new Bookmark({ id, children: runs(text) })] });
  }

  contents(): Paragraph[] {
    // A document without parts (an annex B with no fiche) has nothing to list.
    if (this.entries.length === 0) return [];
    return [
      para(S.tocTitle, 'Sommaire'),
      ...this.entries.map(
        (e) =>
          new Paragraph({
            style: S.body,
            indent: { left: e.level === 1 ? 0 : 400 },
            spacing: { after: e.level === 1 ? 80 : 40 },
            tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX, leader: 'dot' }],
            children: [new InternalHyperlink({ anchor: e.id, children: runs(e.text, { bold: e.level === 1 }) }), new TextRun('\t'), new PageReference(e.id)],
          }),
      ),
    ];
  }
}

/** Registers (a line per measure, fiche, session…) are dense; the headline tables keep the body's size. */
function table(t: TableView, compact = true, caption?: string): Block {
  // A headline table is short: it stays on one page.
  return dataTable(t.columns, t.rows, { emptyText: t.emptyText, compact, notes: t.notes, keepTogether: !compact, caption });
}

/**
 * A chart's figure is a promise: drawing starts here and goes on while the rest of the document is
 * built, which awaits every block before packing.
 */
type Content = Block | Promise<Block>;

function chart(spec: ChartSpec): Content[] {
  const blocks: Content[] = [
    new Paragraph({ style: S.caption, keepNext: true, children: runs(spec.title) }),
    renderChart(spec).then((image) => figure(image, { title: spec.title, description: spec.alt }, { keepWithNext: spec.note !== null })),
  ];
  if (spec.note) blocks.push(para(S.meta, spec.note));
  return blocks;
}

/** Space after a table, which Word otherwise glues to the next heading. */
const gap = () => para(S.body, '');

function titled(o: Outline, t: TitledTable, level: 2 | 3 = 2): Block[] {
  const blocks: Block[] = [];
  if (t.heading) blocks.push(o.heading(level, t.heading));
  // An empty table under a note that says why would repeat it: the note is enough.
  const empty = t.table.rows.length === 0 && t.note !== null;
  if (t.note) blocks.push(new Paragraph({ style: S.meta, keepNext: !empty, children: runs(t.note) }));
  if (!empty) blocks.push(table(t.table), gap());
  return blocks;
}

const COVER_LOGO = { width: 220, height: 140 };

function cover(v: CoverView): Paragraph[] {
  const size = v.logo ? imageSize(v.logo.bytes) : null;
  const logo =
    v.logo && size && size.width > 0 && size.height > 0
      ? (() => {
          const scale = Math.min(COVER_LOGO.width / size.width, COVER_LOGO.height / size.height);
          return new ImageRun({
            type: v.logo.type,
            data: v.logo.bytes,
            transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
            altText: { name: 'Logo', title: 'Logo de la préfecture', description: 'Logo de la préfecture' },
          });
        })()
      : null;
  return [
    new Paragraph({ spacing: { after: 600 }, children: logo ? [logo] : [] }),
    para(S.coverIssuer, v.commissionName),
    para(S.coverText, `Département : ${v.departmentName}`),
    new Paragraph({ style: S.coverTitle, spacing: { before: 2600 }, children: runs(v.title) }),
    para(S.coverPeriod, v.periodLabel),
    new Paragraph({
      style: S.coverText,
      border: { bottom: { style: 'single', size: 12, color: COLORS.heading, space: 12 } },
      spacing: { after: v.dataAsOf ? 120 : 480 },
      children: v.periodDates ? runs(v.periodDates) : [],
    }),
    ...(v.dataAsOf ? [new Paragraph({ style: S.coverText, spacing: { after: 480 }, children: runs(v.dataAsOf, { bold: true }) })] : []),
    para(S.coverText, v.recipients),
    new Paragraph({ style: S.coverText, spacing: { before: 3200 }, children: runs(v.producedBy, { italics: true }) }),
  ];
}

function body(v: ReportView, o: Outline): Content[] {
  const blocks: Content[] = [];
  let number = 0;
  // The parts follow each other: a page break before each would leave as many part-empty pages. The
  // essentials open a page of their own (after the sommaire), and so do the framework tables and annex A.
  const part = (title: string, newPage = false) => o.heading(1, `${++number}. ${title}`, { newPage });

  if (v.essentials) blocks.push(part('L’essentiel', true), ...bulletList(v.essentials));
  if (v.keyFigures) {
    const k = v.keyFigures;
    blocks.push(o.heading(2, 'Chiffres clés'), para(S.meta, k.comparison, { keepNext: true }), table(k.table, false), gap());
    for (const c of k.charts) blocks.push(...chart(c));
    blocks.push(...titled(o, k.indicators));
  }
  if (v.frameworks) {
    blocks.push(part('Avancement par référentiel', true));
    for (const f of v.frameworks) {
      blocks.push(o.heading(2, f.heading), para(S.body, f.summary, { keepNext: true }));
      if (f.chart) blocks.push(...chart(f.chart));
      for (const p of f.parts) {
        // Kept with its first table only: the axes without measures (SNSP axes 1–3) have none, and their summaries
        // chained one to the next carried all four axes over to the next page.
        blocks.push(o.heading(3, p.heading), para(S.meta, p.summary, { keepNext: p.tables.length > 0 }));
        // The objective names its table in the table's first row; what the table lacks (measures without fiche) is said under it.
        for (const t of p.tables) blocks.push(table(t.table, true, t.heading || undefined), t.note ? para(S.meta, t.note) : gap());
      }
    }
  }
  if (v.difficulties) {
    const d = v.difficulties;
    // An empty list is said by the intro: a table saying « aucune » again under it would only repeat it.
    blocks.push(part('Fiches en difficulté'), para(S.body, d.intro, { keepNext: d.table.rows.length > 0 }), ...(d.table.rows.length ? [table(d.table)] : []), ...(d.more ? [para(S.meta, d.more)] : []));
  }
  if (v.parcours) {
    blocks.push(part('Parcours de sortie de la prostitution'), para(S.body, v.parcours.intro, { keepNext: true }), table(v.parcours.table, false), gap());
    if (v.parcours.chart) blocks.push(...chart(v.parcours.chart));
  }
  if (v.sessions) {
    const s = v.sessions;
    blocks.push(part('Séances de la commission'), para(S.body, s.intro, { keepNext: s.held.rows.length > 0 }), ...(s.held.rows.length ? [table(s.held), gap()] : []), ...titled(o, s.openFollowUps));
  }
  if (v.protocols) {
    blocks.push(part('Protocoles et conventions'), para(S.body, v.protocols.intro, { keepNext: true }));
    for (const t of v.protocols.tables) blocks.push(...titled(o, t));
  }
  if (v.network) {
    const n = v.network;
    blocks.push(part('Réseau partenarial'), ...bodyParagraphs(n.paragraphs), o.heading(2, 'Structures par type'), table(n.byType), gap(), ...titled(o, n.members));
  }
  if (v.outlook) {
    // A dozen lines read as one: the decisions asked for do not go over to a page of their own.
    blocks.push(part('Perspectives'), ...bulletList(v.outlook.lines, { keepWithNext: true }), o.heading(2, 'Décisions attendues de la commission'), ...bulletList(v.outlook.decisions));
  }
  if (v.annexActions) {
    blocks.push(o.heading(1, 'Annexe A – Les fiches actions en une ligne', { newPage: true }), para(S.body, v.annexActions.intro));
    for (const g of v.annexActions.groups) blocks.push(...titled(o, g, 3));
    if (v.annexActions.protocols.length) {
      blocks.push(o.heading(2, 'Protocoles et conventions : les listes complètes'));
      for (const t of v.annexActions.protocols) blocks.push(...titled(o, t, 3));
    }
  }
  return blocks;
}

function document(title: string, subject: string, coverView: CoverView, runningHeader: string, runningFooter: string, outline: Outline, content: Block[]): Promise<Buffer> {
  const doc = new Document({
    title,
    subject,
    creator: 'Maillage',
    description: `${coverView.commissionName} – ${title}`,
    styles,
    sections: [
      { properties: pageProperties(), children: cover(coverView) },
      {
        properties: pageProperties(),
        headers: { default: header(runningHeader, coverView.departmentName) },
        footers: { default: footer(runningFooter) },
        children: [...outline.contents(), ...content],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function buildReport(v: ReportView): Promise<Buffer> {
  const outline = new Outline();
  const content = await Promise.all(body(v, outline));
  return document(v.title, 'Bilan d’avancement de la commission départementale', v.cover, v.runningHeader, v.runningFooter, outline, content);
}

const dxa = (size: number) => ({ size, type: WidthType.DXA });

/**
 * A fiche card is one table: its first row (the fiche's code and title) is repeated at the top of
 * every page the card runs onto, then the facts and the journal of the period. A card starts where
 * the previous one ends, unless its head would be left alone at the foot of a page.
 */
function actionCard(a: ActionCard): Block[] {
  const widths = columnWidths([0.2, 0.8]);
  const keep = (text: string, style: string = S.cell, bold = false) => new Paragraph({ style, keepNext: true, children: runs(text, { bold }) });
  const plain = (text: string, style: string = S.cell) => new Paragraph({ style, children: runs(text) });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: [cell([keep(a.heading, S.cellHeader, true)], CONTENT_WIDTH, { header: true, span: 2 })] }),
    ...a.facts.map(([label, value]) => new TableRow({ cantSplit: true, children: [cell([keep(label, S.cellHeader)], widths[0]!, { fill: COLORS.lightFill }), cell([keep(value)], widths[1]!)] })),
    new TableRow({ cantSplit: true, children: [cell([keep('Journal de la période', S.cellHeader)], CONTENT_WIDTH, { fill: COLORS.lightFill, span: 2 })] }),
    ...(a.journal.length
      ? a.journal.map((e) => new TableRow({ cantSplit: true, children: [cell([plain(e.date)], widths[0]!), cell([plain(e.text)], widths[1]!)] }))
      : [new TableRow({ children: [cell([plain(a.journalEmpty, S.meta)], CONTENT_WIDTH, { span: 2 })] })]),
  ];
  const blocks: Block[] = [new Table({ width: dxa(CONTENT_WIDTH), columnWidths: widths, layout: TableLayoutType.FIXED, borders: TABLE_BORDERS, margins: CELL_MARGINS, rows }), gap()];
  if (a.indicators) blocks.push(new Paragraph({ style: S.caption, keepNext: true, children: runs(`Indicateurs – ${a.heading.split(' – ')[0]}`) }), table(a.indicators), gap());
  return blocks;
}

export function buildDetailedReport(v: DetailedView): Promise<Buffer> {
  const outline = new Outline();
  const content: Block[] = [para(S.body, v.intro)];
  for (const f of v.frameworks) {
    content.push(outline.heading(1, f.heading, { newPage: true }));
    for (const p of f.parts) {
      content.push(outline.heading(2, p.heading));
      if (p.cards.length === 0) content.push(para(S.meta, 'Aucune fiche n’est décrite sous ce rattachement.'));
      for (const a of p.cards) content.push(...actionCard(a));
      if (p.alsoHere) content.push(para(S.meta, p.alsoHere));
    }
  }
  return document(v.title, 'Annexe B du bilan d’avancement : fiches actions détaillées', v.cover, v.runningHeader, v.runningFooter, outline, content);
}
