/** Assembles the session documents from their view models. */
import { AlignmentType, Document, Packer, Paragraph, type ISectionOptions } from 'docx';
import { bodyParagraphs, bulletList, dataTable, decision, factsTable, footer, headerBlock, heading, pageProperties, para, runs, type Block, type Column } from '../common/parts';
import { S, styles } from '../common/styles';
import type { AttendanceSheetView, ConvocationView, FollowUpRow, Letter, MinutesView, PersonRow } from './view';

/** Document properties filled (title, subject, author « Maillage »): no « Un-named » in a reader's window. */
function pack(meta: { title: string; subject: string }, sections: ISectionOptions[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ title: meta.title, subject: meta.subject, creator: 'Maillage', lastModifiedBy: 'Maillage', description: meta.subject, styles, sections }));
}

/** One section: the document's pages, « Page n sur N » in the footer. */
function single(footerText: string, children: Block[]): ISectionOptions[] {
  return [{ properties: pageProperties(), footers: { default: footer(footerText) }, children }];
}

/*
 * Column widths are set for DejaVu Sans, the widest font a reader without Arial falls back to: a
 * date (« 30/06/2026 », « Sans échéance ») or a status must fit in its column on one line.
 */
const PEOPLE: Column[] = [
  { title: 'Nom', width: 0.26 },
  { title: 'Structure et fonction', width: 0.44 },
  { title: 'Présence', width: 0.3 },
];

function peopleTable(rows: PersonRow[]): Block {
  return dataTable(
    PEOPLE,
    rows.map((r) => [r.name, [r.structure, r.role].filter(Boolean).join('\n'), r.attendance]),
  );
}

function followUpTable(rows: FollowUpRow[], options: { origin?: boolean; emptyText: string }): Block {
  const columns: Column[] = options.origin
    ? [
        { title: 'Action', width: 0.3 },
        { title: 'Responsable', width: 0.22 },
        { title: 'Décidée en', width: 0.18 },
        { title: 'Échéance', width: 0.15 },
        { title: 'État', width: 0.15 },
      ]
    : [
        { title: 'N°', width: 0.06 },
        { title: 'Action', width: 0.39 },
        { title: 'Responsable', width: 0.25 },
        { title: 'Échéance', width: 0.15 },
        { title: 'État', width: 0.15 },
      ];
  const cells = rows.map((r, i) => (options.origin ? [r.action, r.owner, r.origin, r.due, r.status] : [String(i + 1), r.action, r.owner, r.due, r.status]));
  return dataTable(columns, cells, { emptyText: options.emptyText });
}

function attendanceBlocks(v: MinutesView): Block[] {
  const blocks: Block[] = [heading(1, v.short ? 'Présences' : 'Participants'), para(S.body, v.attendanceSummary)];
  if (v.quorum) blocks.push(para(S.body, v.quorum, { bold: true }));
  for (const college of v.colleges) blocks.push(para(S.item, college.title), peopleTable(college.rows));
  return blocks;
}

export function buildMinutes(v: MinutesView): Promise<Buffer> {
  const children: Block[] = [...headerBlock(v.header), factsTable(v.facts), ...attendanceBlocks(v)];

  if (!v.short) {
    children.push(heading(1, 'Ordre du jour'));
    children.push(...(v.agenda.length ? v.agenda.map((a) => para(S.body, `${a.number}. ${a.title}`)) : [para(S.meta, 'Aucun point inscrit.')]));
  }

  children.push(heading(1, v.short ? 'Décisions et avis' : 'Déroulé de la séance'));
  if (v.items.length === 0 && v.otherDecisions.length === 0) {
    children.push(para(S.meta, v.short ? 'Aucune décision n’a été enregistrée pour cette séance.' : 'Aucun point n’a été débattu ni aucune décision enregistrée pour cette séance.'));
  }
  for (const item of v.items) {
    children.push(heading(2, `${item.number}. ${item.title}`));
    const meta = [item.presenter, ...item.links].filter(Boolean);
    if (meta.length) children.push(para(S.meta, meta.join(' · '), { keepNext: true }));
    children.push(...bodyParagraphs(item.notes));
    if (item.emptyNote) children.push(para(S.meta, item.emptyNote));
    if (item.review) children.push(followUpTable(item.review, { origin: true, emptyText: 'Aucune suite en cours issue des séances précédentes.' }), para(S.body, ''));
    children.push(...item.decisions.map(decision));
  }
  if (v.otherDecisions.length) children.push(heading(2, 'Autres décisions'), ...v.otherDecisions.map(decision));

  children.push(heading(1, 'Suites à donner'), followUpTable(v.followUps, { emptyText: 'Aucune suite à donner n’a été décidée lors de cette séance.' }));
  if (!v.short) {
    children.push(heading(1, 'Prochaine séance'), para(S.body, v.nextSession));
    if (v.secretary) children.push(para(S.meta, `Compte rendu établi par ${v.secretary}, secrétariat de la commission.`));
    // The list kept whole, with its heading: split, it left three of its lines alone on the last page.
    if (v.diffusion.names.length) {
      children.push(heading(1, 'Diffusion'), new Paragraph({ style: S.body, keepLines: true, children: runs(`${v.diffusion.intro} : ${v.diffusion.names.join(' ; ')}.`) }));
    }
  } else if (v.header.mentions?.length) {
    children.push(para(S.meta, `${v.diffusion.intro}.`));
  }
  return pack({ title: `${v.header.documentTitle} – ${v.header.sessionTitle}`, subject: v.subject }, single(v.footer, children));
}

/** The addressee's block and the signature, on the right half of the page: a long function wraps on two lines, not four. */
const ADDRESS_INDENT = 4300;

/** The blocks of one letter of convocation, on one page with either font set (a test checks it). */
function letterBlocks(v: ConvocationView, letter: Letter): Block[] {
  // A letter carries the issuer's block, then its « Objet » says what it is: no document title.
  const children: Block[] = [...headerBlock(v.header, { letter: true }), para(S.letter, v.dateLine, { alignment: AlignmentType.RIGHT })];
  if (letter.addressee.length) {
    children.push(new Paragraph({ style: S.letter, indent: { left: ADDRESS_INDENT }, children: runs(letter.addressee.join('\n')) }));
  } else {
    children.push(para(S.letter, v.recipients, { bold: true }));
  }
  children.push(
    new Paragraph({ style: S.letter, children: [...runs('Objet : ', { bold: true }), ...runs(v.object)] }),
    para(S.letter, letter.salutation),
    ...(v.secondConvocation ? [para(S.letter, v.secondConvocation, { bold: true })] : []),
    para(S.letter, v.intro),
    ...(v.remote ? [para(S.letter, v.remote)] : []),
    para(S.letter, v.agendaIntro, { keepNext: true }),
  );
  if (v.agenda.length) {
    // The compact size of the registers: an agenda of eight points leaves the letter on one page.
    children.push(
      dataTable(
        [
          { title: 'N°', width: 0.06 },
          { title: 'Heure', width: 0.1 },
          { title: 'Point', width: 0.48 },
          { title: 'Présenté par', width: 0.36 },
        ],
        v.agenda.map((a) => [String(a.number), a.time, a.title, a.presenter]),
        { compact: true },
      ),
    );
  }
  children.push(para(S.letter, v.mandateRule, { spacingBefore: v.agenda.length ? 160 : undefined }));
  if (v.attachments.length) children.push(para(S.letter, 'Pièces jointes :', { bold: true, keepNext: true }), ...bulletList(v.attachments));
  children.push(para(S.letter, v.contact), para(S.letter, letter.closing, { keepNext: true }));
  children.push(
    ...v.signature.map((line, i) => new Paragraph({ style: S.letter, indent: { left: ADDRESS_INDENT }, keepNext: true, spacing: { before: i === 0 ? 200 : 0, after: 40 }, children: runs(line, { bold: i > 0 }) })),
  );
  return children;
}

/**
 * The convocation: one generic letter, or one per member. Each member's letter is a section of its own,
 * numbered from 1, its footer naming whom it is for: a file of letters prints as so many letters.
 */
export function buildConvocation(v: ConvocationView): Promise<Buffer> {
  const meta = { title: `${v.header.documentTitle} – ${v.header.sessionTitle}`, subject: v.subject };
  const [generic] = v.letters;
  if (v.letters.length === 1 && generic && generic.addressee.length === 0) return pack(meta, single(v.footer, letterBlocks(v, generic)));
  return pack(
    meta,
    v.letters.map((letter) => ({
      properties: pageProperties({ restartNumbering: true }),
      footers: { default: footer([v.footer, letter.addressee[0]].filter(Boolean).join(' – '), { ofTotal: false }) },
      children: letterBlocks(v, letter),
    })),
  );
}

export function buildAttendanceSheet(v: AttendanceSheetView): Promise<Buffer> {
  const rows = [...v.rows.map((r) => [r.name, r.structure, r.note, '']), ...Array.from({ length: v.blankRows }, () => ['', '', '', ''])];
  const children: Block[] = [
    ...headerBlock(v.header),
    factsTable(v.facts),
    para(S.body, ''),
    para(S.meta, 'Merci de signer en face de votre nom ; si vous siégez comme suppléant ou détenez un mandat, indiquez-le dans la colonne « Observations ».', { keepNext: true }),
    dataTable(
      [
        { title: 'Nom', width: 0.24 },
        { title: 'Structure et fonction', width: 0.34 },
        { title: 'Observations', width: 0.17 },
        { title: 'Signature', width: 0.25 },
      ],
      rows,
      { rowHeight: 620 },
    ),
  ];
  return pack({ title: `${v.header.documentTitle} – ${v.header.sessionTitle}`, subject: v.subject }, single(v.footer, children));
}
