/** docx building blocks shared by every Maillage document; they take view-model pieces, never domain rows. */
import {
  AlignmentType,
  Footer,
  Header,
  ImageRun,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionPropertiesOptions,
  type TableVerticalAlign,
} from 'docx';
import { frenchTypography } from '../../../shared/typography';
import { imageSize } from '../image-size';
import type { DocumentHeader, Logo } from './view';
import { CELL_MARGINS, COLORS, COMPACT_CELL_MARGINS, CONTENT_WIDTH, LAYOUT_CELL_MARGINS, NO_BORDERS, PAGE, S, TABLE_BORDERS } from './styles';

export type Block = Paragraph | Table;

/**
 * A4 portrait with the margins of every Maillage document. `restartNumbering`: the section's pages are
 * numbered from 1, as each letter of a file of per-member letters is.
 */
export function pageProperties(options: { restartNumbering?: boolean } = {}): ISectionPropertiesOptions {
  return {
    page: {
      size: { width: PAGE.width, height: PAGE.height },
      margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: PAGE.headerFooter, footer: PAGE.headerFooter },
      pageNumbers: options.restartNumbering ? { start: 1 } : undefined,
    },
  };
}

const dxa = (size: number) => ({ size, type: WidthType.DXA });

/** Splits the content width between columns given as fractions; the last column takes the rounding. */
export function columnWidths(fractions: number[], total = CONTENT_WIDTH): number[] {
  const widths = fractions.map((f) => Math.floor(total * f));
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * Text with its line breaks kept, in French typography: every piece of text of every document
 * becomes runs here, so this is the one place where no-break spaces are put (see shared/typography).
 */
export function runs(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return frenchTypography(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

export function para(
  style: string,
  text: string,
  options: { bold?: boolean; alignment?: Alignment; keepNext?: boolean; pageBreakBefore?: boolean; spacingBefore?: number } = {},
): Paragraph {
  return new Paragraph({
    style,
    alignment: options.alignment,
    keepNext: options.keepNext,
    pageBreakBefore: options.pageBreakBefore,
    spacing: options.spacingBefore === undefined ? undefined : { before: options.spacingBefore },
    children: runs(text, { bold: options.bold }),
  });
}

/** A Word heading (Heading1/Heading2 styles): the navigation pane, the PDF bookmarks and pandoc find it. */
export function heading(level: 1 | 2, text: string, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  // Headings in the flow of a letter-sized document need room above them (the report's start a page).
  return para(level === 1 ? S.h1 : S.h2, text, { pageBreakBefore: options.pageBreakBefore, spacingBefore: level === 1 && !options.pageBreakBefore ? 360 : undefined });
}

/** Cell margins are the table's (tblCellMar), not each cell's: long tables stay light to build and to open. */
export function cell(children: Paragraph[], width: number, options: { header?: boolean; fill?: string; span?: number } = {}): TableCell {
  return new TableCell({
    children,
    width: dxa(width),
    columnSpan: options.span,
    shading: options.header || options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill ?? COLORS.headerFill } : undefined,
  });
}

export interface Column {
  title: string;
  /** Share of the content width. */
  width: number;
  /** Figures read best aligned right. */
  align?: 'left' | 'right' | 'center';
}

const ALIGN: Record<NonNullable<Column['align']>, Alignment> = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER };

/**
 * A bordered table with a header row repeated on every page, explicit grid and cell widths
 * (LibreOffice and Word Online need them), and an optional minimum row height (signatures).
 */
export function dataTable(
  columns: Column[],
  rows: string[][],
  options: { rowHeight?: number; emptyText?: string; compact?: boolean; notes?: readonly (string | null)[]; keepTogether?: boolean; caption?: string } = {},
): Table {
  const widths = columnWidths(columns.map((c) => c.width));
  const [text, head] = options.compact ? [S.cellCompact, S.cellHeaderCompact] : [S.cell, S.cellHeader];
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell([para(head, c.title, { alignment: c.align && ALIGN[c.align] })], widths[i]!, { header: true })),
  });
  const bodyRows =
    rows.length === 0 && options.emptyText
      ? [new TableRow({ children: [cell([para(text, options.emptyText)], CONTENT_WIDTH, { span: columns.length })] })]
      : rows.flatMap((row, k) => {
          const note = options.notes?.[k];
          const line = new TableRow({
            cantSplit: true,
            height: options.rowHeight ? { value: options.rowHeight, rule: 'atLeast' } : undefined,
            children: row.map((value, i) => cell([para(text, value, { alignment: columns[i]?.align && ALIGN[columns[i].align], keepNext: Boolean(note) || (options.keepTogether && k < rows.length - 1) || undefined })], widths[i]!)),
          });
          // A row's note runs under it across every column: details too long for a column of their own.
          return note ? [line, new TableRow({ cantSplit: true, children: [cell([new Paragraph({ style: text, children: runs(note, { italics: true }) })], CONTENT_WIDTH, { span: columns.length })] })] : [line];
        });
  // A caption as the table's first row rather than a paragraph above it: it cannot be left alone at the foot of a
  // page (LibreOffice does not keep a paragraph with the table after it), and it is repeated on each page the table spans.
  const captionRow = options.caption
    ? [new TableRow({ tableHeader: true, cantSplit: true, children: [cell([para(S.caption, options.caption, { spacingBefore: 0 })], CONTENT_WIDTH, { span: columns.length, fill: COLORS.lightFill })] })]
    : [];
  return new Table({
    width: dxa(CONTENT_WIDTH),
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: options.compact ? COMPACT_CELL_MARGINS : CELL_MARGINS,
    rows: [...captionRow, headerRow, ...bodyRows],
  });
}

/**
 * Label / value pairs (date, place, chair…) in a light two-column table. `keepTogether` keeps it on
 * one page (each row's paragraphs kept with the next), as a fiche's card should not break.
 */
export function factsTable(facts: [string, string][], options: { keepTogether?: boolean } = {}): Table {
  const widths = columnWidths([0.27, 0.73]);
  const keep = (row: number) => Boolean(options.keepTogether) && row < facts.length - 1;
  return new Table({
    width: dxa(CONTENT_WIDTH),
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    rows: facts.map(
      ([label, value], row) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([new Paragraph({ style: S.cellHeader, keepNext: keep(row), children: runs(label) })], widths[0]!, { fill: COLORS.lightFill }),
            cell([new Paragraph({ style: S.cell, keepNext: keep(row), children: runs(value) })], widths[1]!),
          ],
        }),
    ),
  });
}

const LOGO_BOX = { width: 150, height: 95 };

function logoRun(logo: Logo): ImageRun | null {
  const size = imageSize(logo.bytes);
  if (!size || size.width === 0 || size.height === 0) return null;
  const scale = Math.min(LOGO_BOX.width / size.width, LOGO_BOX.height / size.height);
  return new ImageRun({
    type: logo.type,
    data: logo.bytes,
    transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
    altText: { name: 'Logo', title: 'Logo de la préfecture', description: 'Logo de la préfecture' },
  });
}

/** The header block: the préfecture's logo beside the commission's name, then the title and the session. */
export function headerBlock(h: DocumentHeader, options: { letter?: boolean } = {}): Block[] {
  const widths = columnWidths([0.36, 0.64]);
  const image = h.logo ? logoRun(h.logo) : null;
  const issuer = [
    new Paragraph({ style: S.issuerStrong, alignment: AlignmentType.RIGHT, children: runs(h.commissionName) }),
    new Paragraph({ style: S.issuer, alignment: AlignmentType.RIGHT, children: runs(`Département : ${h.departmentName}`) }),
  ];
  const noBorderCell = (children: Paragraph[], width: number, align: TableVerticalAlign) =>
    new TableCell({ children, width: dxa(width), verticalAlign: align, margins: LAYOUT_CELL_MARGINS });
  const top = new Table({
    width: dxa(CONTENT_WIDTH),
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          noBorderCell([new Paragraph({ children: image ? [image] : [] })], widths[0]!, VerticalAlign.TOP),
          noBorderCell(issuer, widths[1]!, VerticalAlign.CENTER),
        ],
      }),
    ],
  });
  const mentions = (h.mentions ?? []).map((m) => para(S.mention, m.toUpperCase()));
  if (options.letter) return [top, ...mentions];
  return [top, ...mentions, para(S.documentTitle, h.documentTitle), para(S.sessionTitle, h.sessionTitle)];
}

/** Room for « Page 12 sur 131 » in the footer's size. */
const PAGE_NUMBER_WIDTH = 1700;

/**
 * The running footer: the document's name on the left, « Page n sur N » on the right, under a thin rule.
 * Two cells, not a right tab: a long name (« Projet de compte rendu – formation restreinte – examen des
 * demandes de parcours du 12/10/2026 – non encore approuvé ») ran into the page number; in its cell it wraps.
 * `ofTotal: false` gives « Page n » alone, for sections numbered on their own (a file of letters): the
 * number of pages of a section (Word's SECTIONPAGES) is left blank by LibreOffice.
 */
export function footer(text: string, options: { ofTotal?: boolean } = {}): Footer {
  const total = options.ofTotal === false ? [] : [new TextRun({ text: ' sur ' }), new TextRun({ children: [PageNumber.TOTAL_PAGES] })];
  const textWidth = CONTENT_WIDTH - PAGE_NUMBER_WIDTH;
  // A little room between the rule above and the text.
  const margins = { ...LAYOUT_CELL_MARGINS, top: 60 };
  return new Footer({
    children: [
      new Table({
        width: dxa(CONTENT_WIDTH),
        columnWidths: [textWidth, PAGE_NUMBER_WIDTH],
        layout: TableLayoutType.FIXED,
        borders: { ...NO_BORDERS, top: { style: 'single', size: 4, color: COLORS.rule } },
        rows: [
          new TableRow({
            children: [
              new TableCell({ width: dxa(textWidth), margins, children: [new Paragraph({ style: S.footer, children: runs(text) })] }),
              new TableCell({
                width: dxa(PAGE_NUMBER_WIDTH),
                margins,
                children: [
                  new Paragraph({
                    style: S.footer,
                    alignment: AlignmentType.RIGHT,
                    children: [new TextRun({ text: 'Page ' }), new TextRun({ children: [PageNumber.CURRENT] }), ...total],
                  }),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  });
}

/** The running header: a short title on the left, above a thin rule. */
export function header(left: string, right: string): Header {
  return new Header({
    children: [
      new Paragraph({
        style: S.header,
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        border: { bottom: { style: 'single', size: 4, color: COLORS.rule, space: 4 } },
        children: runs(`${left}\t${right}`),
      }),
    ],
  });
}

/** A figure's width on the page, in pixels at 96 dpi: the text width. */
const FIGURE_WIDTH_PX = 640;

/**
 * A picture (chart) across the text width, keeping its proportions, with its alternative text. Kept with what
 * follows only when that belongs to it (`keepWithNext`, a note under a chart): chained to the next part's
 * heading, a chart near a page's foot went over with it and left a third of the page blank.
 */
export function figure(image: { png: Uint8Array; width: number; height: number }, alt: { title: string; description: string }, options: { keepWithNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    style: S.figure,
    keepNext: options.keepWithNext,
    children: [
      new ImageRun({
        type: 'png',
        data: image.png,
        transformation: { width: FIGURE_WIDTH_PX, height: Math.round((FIGURE_WIDTH_PX * image.height) / image.width) },
        altText: { name: alt.title, title: alt.title, description: alt.description },
      }),
    ],
  });
}

export function section(title: string): Paragraph {
  return para(S.section, title);
}

export function bodyParagraphs(texts: string[], style: string = S.body): Paragraph[] {
  return texts.map((t) => para(style, t));
}

export function decision(text: string): Paragraph {
  return new Paragraph({ style: S.decision, children: [...runs('Décision : ', { bold: true }), ...runs(text)] });
}

/**
 * Dashed items, close together and kept on one page (a list longer than a page still breaks); the last
 * one keeps a paragraph's space before what follows, and with `keepWithNext` stays with it too.
 */
export function bulletList(items: string[], options: { keepWithNext?: boolean } = {}): Paragraph[] {
  return items.map((t, i) => {
    const last = i === items.length - 1;
    return new Paragraph({ style: S.body, indent: { left: 360, hanging: 240 }, spacing: { after: last ? 120 : 40 }, keepNext: !last || options.keepWithNext || undefined, children: runs(`–\u00a0${t}`) });
  });
}
