/** Assembles the session documents from their view models. */
import { AlignmentType, Document, Packer, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { bodyParagraphs, bulletList, dataTable, decision, factsTable, footer, headerBlock, pageProperties, para, section, type Block } from '../common/parts';
import { S, styles } from '../common/styles';
import type { AttendanceSheetView, ConvocationView, FollowUpRow, MinutesView, PersonRow } from './view';

function pack(title: string, footerText: string, children: Block[]): Promise<Buffer> {
  const sectionOptions: ISectionOptions = {
    properties: pageProperties(),
    footers: { default: footer(footerText) },
    children,
  };
  return Packer.toBuffer(new Document({ title, creator: 'Maillage', styles, sections: [sectionOptions] }));
}

const PEOPLE = [
  { title: 'Nom', width: 0.3 },
  { title: 'Fonction', width: 0.32 },
  { title: 'Structure', width: 0.38 },
];

function peopleTable(rows: PersonRow[]): Block {
  return dataTable(PEOPLE, rows.map((r) => [r.name, r.role, r.structure]));
}

function representedTable(rows: PersonRow[]): Block {
  return dataTable(
    [
      { title: 'Membre représenté', width: 0.28 },
      { title: 'Structure', width: 0.4 },
      { title: 'Représenté par', width: 0.32 },
    ],
    rows.map((r) => [r.role ? `${r.name}\n${r.role}` : r.name, r.structure, r.representedBy]),
  );
}

function followUpTable(rows: FollowUpRow[], options: { origin?: boolean; emptyText: string }): Block {
  const columns = options.origin
    ? [
        { title: 'Action', width: 0.33 },
        { title: 'Responsable', width: 0.23 },
        { title: 'Décidée en', width: 0.18 },
        { title: 'Échéance', width: 0.13 },
        { title: 'État', width: 0.13 },
      ]
    : [
        { title: 'N°', width: 0.06 },
        { title: 'Action', width: 0.42 },
        { title: 'Responsable', width: 0.26 },
        { title: 'Échéance', width: 0.13 },
        { title: 'État', width: 0.13 },
      ];
  const cells = rows.map((r, i) => (options.origin ? [r.action, r.owner, r.origin, r.due, r.status] : [String(i + 1), r.action, r.owner, r.due, r.status]));
  return dataTable(columns, cells, { emptyText: options.emptyText });
}

function attendanceBlocks(v: MinutesView): Block[] {
  const groups: [string, PersonRow[], (rows: PersonRow[]) => Block][] = [
    ['Présents', v.present, peopleTable],
    ['Représentés', v.represented, representedTable],
    ['Excusés', v.excused, peopleTable],
    ['Absents', v.absent, peopleTable],
  ];
  const blocks: Block[] = [section('Participants'), para(S.body, v.attendanceSummary)];
  for (const [title, rows, table] of groups) {
    if (rows.length === 0) continue;
    if (v.short && title !== 'Présents' && title !== 'Représentés') continue;
    blocks.push(para(S.item, `${title} (${rows.length})`), table(rows));
  }
  if (v.short && v.excused.length + v.absent.length > 0) {
    blocks.push(para(S.meta, `Excusés : ${v.excused.map((p) => p.name).join(', ') || 'aucun'}. Absents : ${v.absent.map((p) => p.name).join(', ') || 'aucun'}.`));
  }
  return blocks;
}

export function buildMinutes(v: MinutesView): Promise<Buffer> {
  const children: Block[] = [...headerBlock(v.header), factsTable(v.facts), ...attendanceBlocks(v)];

  children.push(section('Ordre du jour'));
  children.push(...(v.agenda.length ? v.agenda.map((a) => para(S.body, `${a.number}.\u00a0${a.title}${a.presenter ? ` (${a.presenter})` : ''}`)) : [para(S.meta, 'Aucun point inscrit.')]));

  children.push(section(v.short ? 'Décisions' : 'Déroulé de la séance'));
  for (const item of v.items) {
    if (v.short && item.decisions.length === 0 && !item.review) continue;
    children.push(para(S.item, `${item.number}.\u00a0${item.title}`));
    const meta = [item.presenter && `Présenté par ${item.presenter}`, ...item.links].filter(Boolean) as string[];
    if (meta.length) children.push(para(S.meta, meta.join(' · ')));
    children.push(...bodyParagraphs(item.notes));
    if (item.review) children.push(followUpTable(item.review, { origin: true, emptyText: 'Aucune suite en cours issue des séances précédentes.' }), para(S.body, ''));
    children.push(...item.decisions.map(decision));
    if (!v.short && item.notes.length === 0 && item.decisions.length === 0 && !item.review) children.push(para(S.meta, 'Pas de relevé pour ce point.'));
  }
  if (v.otherDecisions.length) children.push(para(S.item, 'Autres décisions'), ...v.otherDecisions.map(decision));

  children.push(section('Suites à donner'), followUpTable(v.followUps, { emptyText: 'Aucune suite à donner n’a été décidée lors de cette séance.' }));
  children.push(section('Prochaine séance'), para(S.body, v.nextSession));
  if (v.secretary) children.push(para(S.meta, `Compte rendu établi par ${v.secretary}, secrétariat de la commission.`));
  if (v.diffusion.length) {
    children.push(section('Diffusion'), para(S.body, `Membres de la commission et structures invitées : ${v.diffusion.join(' ; ')}.`));
  }
  return pack(`${v.header.documentTitle} – ${v.header.sessionTitle}`, v.footer, children);
}

export function buildConvocation(v: ConvocationView): Promise<Buffer> {
  const children: Block[] = [
    ...headerBlock(v.header),
    para(S.letter, v.dateLine, { alignment: AlignmentType.RIGHT }),
    para(S.letter, v.recipients, { bold: true }),
    new Paragraph({ style: S.letter, children: [new TextRun({ text: 'Objet : ', bold: true }), new TextRun(v.subject)] }),
    para(S.letter, v.opening),
    ...bodyParagraphs(v.body.slice(0, 1), S.letter),
    factsTable(v.facts),
    para(S.body, ''),
    ...bodyParagraphs(v.body.slice(1), S.letter),
  ];
  if (v.agenda.length) {
    children.push(
      dataTable(
        [
          { title: 'N°', width: 0.06 },
          { title: 'Heure', width: 0.12 },
          { title: 'Point', width: 0.54 },
          { title: 'Présenté par', width: 0.28 },
        ],
        v.agenda.map((a) => [String(a.number), a.time, a.title, a.presenter]),
      ),
      para(S.body, ''),
    );
  }
  children.push(...bodyParagraphs(v.closing, S.letter));
  children.push(...v.signature.map((line) => new Paragraph({ style: S.letter, alignment: AlignmentType.RIGHT, spacing: { before: 360 }, children: [new TextRun({ text: line, bold: true })] })));
  if (v.diffusion.length) children.push(section('Destinataires'), ...bulletList(v.diffusion));
  return pack(`${v.header.documentTitle} – ${v.header.sessionTitle}`, v.footer, children);
}

export function buildAttendanceSheet(v: AttendanceSheetView): Promise<Buffer> {
  const rows = [...v.rows.map((r) => [r.name, r.role ? `${r.structure}\n${r.role}` : r.structure, r.representedBy, '']), ...Array.from({ length: v.blankRows }, () => ['', '', '', ''])];
  const children: Block[] = [
    ...headerBlock(v.header),
    factsTable(v.facts),
    para(S.body, ''),
    para(S.meta, 'Merci de signer en face de votre nom ; si vous représentez un membre, indiquez votre nom dans la colonne « Représenté(e) par ».'),
    dataTable(
      [
        { title: 'Nom', width: 0.22 },
        { title: 'Structure et fonction', width: 0.34 },
        { title: 'Représenté(e) par', width: 0.18 },
        { title: 'Signature', width: 0.26 },
      ],
      rows,
      { rowHeight: 620 },
    ),
  ];
  return pack(`${v.header.documentTitle} – ${v.header.sessionTitle}`, v.footer, children);
}
