/**
 * Every style of Maillage's documents (session documents, progress report), declared once: one
 * visual identity for everything the commission sends. Sober, as the State's correspondence is:
 * one sans-serif font (Arial, which LibreOffice maps to the metric-compatible Liberation Sans; the
 * Marianne font is not ours to ship), dark blue-grey headings, thin grey rules.
 */
import { AlignmentType, BorderStyle, LineRuleType, type IStylesOptions, type ITableBordersOptions } from 'docx';

const FONT = 'Arial';
export const COLORS = {
  text: '1F2328',
  heading: '1E2A4A',
  muted: '5A6270',
  rule: 'A9B0BC',
  headerFill: 'E8ECF2',
  lightFill: 'F5F6F8',
} as const;

/** A4 in twentieths of a point, 2 cm margins. */
export const PAGE = { width: 11906, height: 16838, margin: 1134, headerFooter: 567 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** Style ids used by the part builders. */
export const S = {
  issuer: 'Issuer',
  issuerStrong: 'IssuerStrong',
  documentTitle: 'DocumentTitle',
  sessionTitle: 'SessionTitle',
  section: 'SectionHeading',
  mention: 'DiffusionMention',
  item: 'ItemHeading',
  body: 'BodyText',
  meta: 'MetaText',
  decision: 'DecisionText',
  cell: 'CellText',
  cellHeader: 'CellHeader',
  cellCompact: 'CellCompact',
  cellHeaderCompact: 'CellHeaderCompact',
  footer: 'FooterText',
  letter: 'LetterText',
  // Word's built-in heading ids, so that its table of contents and navigation pane find them.
  h1: 'Heading1',
  h2: 'Heading2',
  h3: 'Heading3',
  coverIssuer: 'CoverIssuer',
  coverTitle: 'CoverTitle',
  coverPeriod: 'CoverPeriod',
  coverText: 'CoverText',
  tocTitle: 'TocTitle',
  caption: 'FigureCaption',
  figure: 'Figure',
  header: 'HeaderText',
} as const;

const pt = (n: number) => n * 2;

export const styles: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: pt(10.5), color: COLORS.text, language: { value: 'fr-FR' } }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
  },
  paragraphStyles: [
    { id: S.issuer, name: 'Émetteur', basedOn: 'Normal', run: { size: pt(9), color: COLORS.muted }, paragraph: { spacing: { after: 40 } } },
    { id: S.issuerStrong, name: 'Émetteur fort', basedOn: S.issuer, run: { bold: true, color: COLORS.heading, size: pt(9.5) } },
    {
      id: S.documentTitle,
      name: 'Titre du document',
      basedOn: 'Normal',
      next: S.sessionTitle,
      run: { size: pt(20), bold: true, color: COLORS.heading },
      paragraph: { spacing: { before: 360, after: 60 }, keepNext: true },
    },
    {
      id: S.sessionTitle,
      name: 'Séance',
      basedOn: 'Normal',
      run: { size: pt(12), color: COLORS.muted },
      paragraph: {
        spacing: { after: 300 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: COLORS.heading, space: 8 } },
      },
    },
    {
      id: S.section,
      name: 'Titre de partie',
      basedOn: 'Normal',
      next: S.body,
      run: { size: pt(12.5), bold: true, color: COLORS.heading },
      paragraph: {
        spacing: { before: 360, after: 140 },
        keepNext: true,
        keepLines: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule, space: 4 } },
      },
    },
    {
      id: S.item,
      name: 'Point de l’ordre du jour',
      basedOn: 'Normal',
      next: S.body,
      run: { size: pt(11), bold: true, color: COLORS.heading },
      paragraph: { spacing: { before: 280, after: 80 }, keepNext: true, keepLines: true },
    },
    // Left-aligned: justified text without hyphenation leaves wide gaps, worse still in a reader's fallback font.
    { id: S.body, name: 'Texte', basedOn: 'Normal', paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 120 } } },
    {
      id: S.mention,
      name: 'Mention de diffusion',
      basedOn: 'Normal',
      run: { size: pt(10), bold: true, color: COLORS.heading },
      paragraph: { spacing: { before: 240, after: 0 }, keepNext: true },
    },
    // Not kept with the next paragraph by itself: a mention under a table or a chart (« Et 54 autres fiches… ») would chain it to
    // the next part's heading and carry both over to the next page; a mention that introduces what follows says keepNext.
    { id: S.meta, name: 'Mention', basedOn: 'Normal', run: { size: pt(9.5), italics: true, color: COLORS.muted }, paragraph: { spacing: { after: 80 } } },
    {
      id: S.decision,
      name: 'Décision',
      basedOn: 'Normal',
      paragraph: {
        spacing: { before: 60, after: 120 },
        indent: { left: 240 },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: COLORS.heading, space: 8 } },
      },
    },
    { id: S.cell, name: 'Texte de tableau', basedOn: 'Normal', run: { size: pt(9.5) }, paragraph: { spacing: { before: 30, after: 30, line: 252, lineRule: LineRuleType.AUTO } } },
    { id: S.cellHeader, name: 'En-tête de tableau', basedOn: S.cell, run: { bold: true, color: COLORS.heading } },
    // Long registers (a line per fiche, per measure, per session) in a smaller size: a short report whatever the commission's size.
    { id: S.cellCompact, name: 'Texte de tableau dense', basedOn: 'Normal', run: { size: pt(8.5) }, paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
    { id: S.cellHeaderCompact, name: 'En-tête de tableau dense', basedOn: S.cellCompact, run: { bold: true, color: COLORS.heading } },
    { id: S.footer, name: 'Pied de page', basedOn: 'Normal', run: { size: pt(8), color: COLORS.muted }, paragraph: { spacing: { after: 0 } } },
    { id: S.letter, name: 'Texte de lettre', basedOn: 'Normal', paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 100, line: 256, lineRule: LineRuleType.AUTO } } },
    {
      id: S.h1,
      name: 'heading 1',
      basedOn: 'Normal',
      next: S.body,
      quickFormat: true,
      run: { size: pt(16), bold: true, color: COLORS.heading },
      paragraph: {
        outlineLevel: 0,
        spacing: { before: 0, after: 200 },
        keepNext: true,
        keepLines: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: COLORS.heading, space: 6 } },
      },
    },
    {
      id: S.h2,
      name: 'heading 2',
      basedOn: 'Normal',
      next: S.body,
      quickFormat: true,
      run: { size: pt(12.5), bold: true, color: COLORS.heading },
      paragraph: {
        outlineLevel: 1,
        spacing: { before: 360, after: 140 },
        keepNext: true,
        keepLines: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule, space: 4 } },
      },
    },
    {
      id: S.h3,
      name: 'heading 3',
      basedOn: 'Normal',
      next: S.body,
      quickFormat: true,
      run: { size: pt(11), bold: true, color: COLORS.heading },
      paragraph: { outlineLevel: 2, spacing: { before: 280, after: 100 }, keepNext: true, keepLines: true },
    },
    { id: S.coverIssuer, name: 'Couverture – émetteur', basedOn: 'Normal', run: { size: pt(11), bold: true, color: COLORS.heading }, paragraph: { spacing: { after: 60 } } },
    { id: S.coverTitle, name: 'Couverture – titre', basedOn: 'Normal', run: { size: pt(28), bold: true, color: COLORS.heading }, paragraph: { spacing: { before: 0, after: 160 } } },
    {
      id: S.coverPeriod,
      name: 'Couverture – période',
      basedOn: 'Normal',
      run: { size: pt(16), color: COLORS.heading },
      paragraph: { spacing: { after: 120 } },
    },
    { id: S.coverText, name: 'Couverture – texte', basedOn: 'Normal', run: { size: pt(11), color: COLORS.muted }, paragraph: { spacing: { after: 80 } } },
    { id: S.tocTitle, name: 'Titre du sommaire', basedOn: 'Normal', run: { size: pt(16), bold: true, color: COLORS.heading }, paragraph: { spacing: { after: 240 } } },
    { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: { bold: true, color: COLORS.heading }, paragraph: { spacing: { before: 140, after: 40 } } },
    { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', run: { size: pt(10) }, paragraph: { indent: { left: 300 }, spacing: { after: 30 } } },
    { id: S.figure, name: 'Figure', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 60, after: 60 } } },
    { id: S.caption, name: 'Légende', basedOn: 'Normal', run: { size: pt(9.5), bold: true, color: COLORS.heading }, paragraph: { spacing: { before: 200, after: 40 }, keepNext: true } },
    { id: S.header, name: 'En-tête de page', basedOn: 'Normal', run: { size: pt(8), color: COLORS.muted }, paragraph: { spacing: { after: 0 } } },
  ],
};

const rule = { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

export const TABLE_BORDERS: ITableBordersOptions = { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule };
export const NO_BORDERS: ITableBordersOptions = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
export const CELL_MARGINS = { top: 50, bottom: 50, left: 100, right: 100 };
export const COMPACT_CELL_MARGINS = { top: 25, bottom: 25, left: 70, right: 70 };
/** Cells that only lay things out side by side (the header block, the footer): no inner space. */
export const LAYOUT_CELL_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };
