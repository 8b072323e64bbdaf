/** Assembles the progress report from its view model, in the styles of every Maillage document. */
import { Document, HeadingLevel, ImageRun, LeaderType, Packer, Paragraph, TableOfContents, TextRun } from 'docx';
import { imageSize } from '../image-size';
import { bodyParagraphs, bulletList, dataTable, decision, factsTable, figure, footer, header, pageProperties, para, type Block } from '../common/parts';
import { COLORS, S, styles } from '../common/styles';
import { renderChart } from './charts';
import type { ActionBlock, ChartSpec, ReportView, Table } from './view';

function heading(level: 1 | 2 | 3, text: string, options: { newPage?: boolean } = {}): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  return new Paragraph({ heading: levels[level], pageBreakBefore: options.newPage, children: [new TextRun(text)] });
}

function table(t: Table): Block {
  return dataTable(t.columns, t.rows, { emptyText: t.emptyText });
}

function chart(spec: ChartSpec): Block[] {
  return [para(S.caption, spec.title), figure(renderChart(spec), { title: spec.title, description: spec.alt })];
}

/** Space after a table, which Word otherwise glues to the next heading. */
const gaps = new WeakSet<Paragraph>();
const gap = () => {
  const p = para(S.body, '');
  gaps.add(p);
  return p;
};

const COVER_LOGO = { width: 220, height: 140 };

function cover(v: ReportView['cover']): Paragraph[] {
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
    new Paragraph({ style: S.coverTitle, spacing: { before: 2600 }, children: [new TextRun(v.title)] }),
    para(S.coverPeriod, v.periodLabel),
    new Paragraph({
      style: S.coverText,
      border: { bottom: { style: 'single', size: 12, color: COLORS.heading, space: 12 } },
      spacing: { after: 480 },
      children: v.periodDates ? [new TextRun(v.periodDates)] : [],
    }),
    para(S.coverText, v.recipients),
    new Paragraph({ style: S.coverText, spacing: { before: 3200 }, children: [new TextRun({ text: v.producedBy, italics: true })] }),
  ];
}

function actionBlock(a: ActionBlock): Block[] {
  const blocks: Block[] = [heading(3, a.heading), factsTable(a.facts, { keepTogether: true })];
  if (a.indicators) blocks.push(para(S.caption, 'Indicateurs'), table(a.indicators));
  blocks.push(para(S.caption, 'Journal de la période'));
  if (a.journal.length === 0) blocks.push(para(S.meta, a.journalEmpty));
  for (const entry of a.journal) {
    blocks.push(new Paragraph({ style: S.body, indent: { left: 1300, hanging: 1300 }, spacing: { after: 60 }, children: [new TextRun({ text: `${entry.date}\t`, bold: true }), new TextRun(entry.text)] }));
  }
  return blocks;
}

function body(v: ReportView): Block[] {
  const blocks: Block[] = [];
  let number = 0;
  // Every part starts on a page of its own, the first one after the table of contents; a space
  // left after the previous part's last table could spill over and leave a blank page before it.
  const newPage = (title: string) => {
    const last = blocks[blocks.length - 1];
    if (last instanceof Paragraph && gaps.has(last)) blocks.pop();
    return heading(1, title, { newPage: true });
  };
  const part = (title: string) => newPage(`${++number}. ${title}`);

  if (v.summary) {
    const s = v.summary;
    blocks.push(part('Synthèse'), ...bodyParagraphs(s.paragraphs));
    blocks.push(heading(2, 'Chiffres clés'), para(S.meta, s.comparison), table(s.keyFigures), gap());
    for (const c of s.charts.filter((c) => c.kind === 'stacked')) blocks.push(...chart(c));
    blocks.push(heading(2, 'Indicateurs au regard des cibles'));
    blocks.push(para(S.meta, 'Indicateurs de même nom additionnés sur les fiches qui les suivent (taux : moyenne) ; dernière valeur connue à la fin de chaque période.'));
    blocks.push(table(s.indicators), gap());
    for (const c of s.charts.filter((c) => c.kind === 'bars')) blocks.push(...chart(c));
    blocks.push(heading(2, 'Perspectives'), ...bulletList(s.outlook));
  }
  for (const f of v.frameworks ?? []) {
    blocks.push(part(f.heading), para(S.body, f.summary));
    if (f.chart) blocks.push(...chart(f.chart));
    for (const g of f.groups) {
      blocks.push(heading(2, g.heading), para(S.meta, g.summary));
      for (const a of g.actions) blocks.push(...actionBlock(a));
      if (g.alsoHere) blocks.push(para(S.meta, g.alsoHere));
    }
  }
  if (v.protocols) {
    const p = v.protocols;
    blocks.push(part('Protocoles et conventions'), para(S.body, p.intro));
    blocks.push(heading(2, 'Signés pendant la période'), table(p.signed), gap());
    blocks.push(heading(2, 'À réviser ou à renouveler'), table(p.due), gap());
    blocks.push(heading(2, 'Arrivés à échéance ou dénoncés'), table(p.ended), gap());
  }
  if (v.sessions) {
    const s = v.sessions;
    blocks.push(part('Séances de la commission'), para(S.body, s.intro));
    if (s.held.length) blocks.push(heading(2, 'Séances tenues et principales décisions'));
    for (const m of s.held) {
      blocks.push(heading(3, m.heading), para(S.meta, m.meta), ...m.decisions.map(decision));
      if (m.more) blocks.push(para(S.meta, m.more));
    }
    blocks.push(heading(2, 'Suites à donner encore ouvertes'), table(s.openFollowUps), gap());
  }
  if (v.network) {
    const n = v.network;
    blocks.push(part('Réseau partenarial'), ...bodyParagraphs(n.paragraphs));
    blocks.push(heading(2, 'Structures par type'), table(n.byType), gap());
    blocks.push(heading(2, 'Structures par domaine d’intervention'), para(S.meta, 'Une structure peut intervenir dans plusieurs domaines.'), table(n.byDomain), gap());
  }
  if (v.directory) {
    const d = v.directory;
    blocks.push(newPage('Annexe – Annuaire des structures'), para(S.body, d.intro));
    for (const g of d.groups) blocks.push(heading(2, g.heading), table(g.table), gap());
  }
  return blocks;
}

export function buildReport(v: ReportView): Promise<Buffer> {
  const contents = [
    para(S.tocTitle, 'Sommaire'),
    // A real TOC field: Word refreshes it (with page numbers) when it opens the document; the
    // entries are written with it, so LibreOffice and Word Online show them as they are.
    new TableOfContents('Sommaire', { hyperlink: true, headingStyleRange: '1-2', tabLeader: LeaderType.NONE }),
  ];
  const doc = new Document({
    title: v.title,
    creator: 'Maillage',
    styles,
    features: { updateFields: true },
    sections: [
      { properties: pageProperties(), children: cover(v.cover) },
      {
        properties: pageProperties(),
        headers: { default: header(v.runningHeader, v.cover.departmentName) },
        footers: { default: footer(v.runningFooter) },
        children: [...contents, ...body(v)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

