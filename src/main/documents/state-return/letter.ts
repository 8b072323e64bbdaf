/**
 * The préfet's cover letter of the yearly return to the State: one page that says what is sent, the
 * essential figures of the year against the previous one, and the attached files. Pure mapper
 * (unit-tested without docx) and builder.
 */
import { AlignmentType, Document, Packer, Paragraph } from 'docx';
import { formatInteger, plural } from '../../../shared/format';
import { indicatorById } from '../../../shared/state-return';
import { signatureBlock, type SignatureSource } from '../../../shared/letters';
import { lowerFirst } from '../../../shared/text';
import { formatDayMonthYear } from '../../../shared/wallclock';
import { dataTable, footer, headerBlock, pageProperties, para, runs, type Block } from '../common/parts';
import { S, styles } from '../common/styles';
import type { DocumentHeader, Logo } from '../common/view';

/** What the letter needs: the commission, its signatory, the year's figures by indicator. */
export interface StateReturnLetterData {
  year: number;
  commissionName: string;
  departementName: string;
  regionName: string;
  prefectureCity: string | null;
  /** Paramètres' préfet and signatory: the letter is signed as a convocation without a chair would be. */
  signatory: SignatureSource['commission'];
  logo: Logo | null;
  producedOn: string;
  /** Values of the year and of the previous one, by indicator id (realised values). */
  now: ReadonlyMap<string, number>;
  before: ReadonlyMap<string, number>;
  plenaryTarget: number;
  attachments: string[];
}

export interface StateReturnLetterView {
  header: DocumentHeader;
  title: string;
  dateLine: string;
  addressee: string[];
  object: string;
  paragraphs: string[];
  figures: string[][];
  attachments: string[];
  closing: string;
  signature: string[];
  footer: string;
}

/** The figures of the table, in the order a reader of the State expects them. */
const KEY_FIGURES = ['seances_tenues', 'seances_pleniere', 'parcours_premieres_demandes', 'parcours_renouvellements', 'parcours_avis_favorables', 'parcours_avis_defavorables', 'parcours_personnes_en_parcours', 'protocoles_en_vigueur', 'reseau_structures'];

export function mapStateReturnLetter(d: StateReturnLetterData): StateReturnLetterView {
  const v = (id: string) => d.now.get(id) ?? 0;
  const sessions = v('seances_tenues');
  const plenaries = v('seances_pleniere');
  const requests = v('parcours_demandes');
  const opinions = v('parcours_avis');
  const title = `Remontée annuelle ${d.year} à l’État`;
  return {
    header: { logo: d.logo, commissionName: d.commissionName, departmentName: d.departementName, documentTitle: title, sessionTitle: '' },
    title,
    dateLine: `${d.prefectureCity ? `${d.prefectureCity}, le` : 'Le'} ${formatDayMonthYear(d.producedOn)}`,
    addressee: [
      'Madame la ministre chargée de l’égalité entre les femmes et les hommes',
      'Service des droits des femmes et de l’égalité entre les femmes et les hommes',
      `s/c de la direction régionale aux droits des femmes et à l’égalité – ${d.regionName}`,
    ],
    object: `Remontée annuelle ${d.year} de la commission départementale de lutte contre la prostitution – ${d.departementName}`,
    paragraphs: [
      `J’ai l’honneur de vous transmettre la remontée annuelle de la ${lowerFirst(d.commissionName)} pour l’année ${d.year}, établie par son secrétariat à partir des séances, du registre des parcours de sortie, des fiches actions et de l’annuaire qu’il tient.`,
      `En ${d.year}, la commission ${sessions === 0 ? 'ne s’est pas réunie' : `a tenu ${plural(sessions, 'séance')}, dont ${plural(plenaries, 'séance plénière', 'séances plénières', 'aucune séance plénière')} (${plural(d.plenaryTarget, 'était prévue', 'étaient prévues')} par la règle de l’année)`}. ` +
        `Elle ${requests ? `a reçu ${plural(requests, 'demande')} de parcours de sortie de la prostitution` : 'n’a reçu aucune demande de parcours de sortie de la prostitution'}` +
        `${opinions ? ` et rendu ${plural(opinions, 'avis', 'avis')}` : requests ? ' et n’a rendu aucun avis' : ' ni rendu d’avis'} ; ` +
        `${plural(v('parcours_personnes_en_parcours'), 'personne était', 'personnes étaient', 'aucune personne n’était')} en parcours le 31 décembre ${d.year}.`,
      'Les chiffres complets, avec ceux de l’année précédente, figurent dans le classeur joint et dans le fichier de données au format de la remontée, que vos services peuvent contrôler et consolider sans ressaisie. Ils ne comportent que des effectifs : aucune donnée nominative ni aucune référence de demande.',
    ],
    figures: KEY_FIGURES.map((id) => {
      const label = indicatorById.get(id)!.label;
      if (id === 'seances_pleniere') return [`Séances plénières (${plural(d.plenaryTarget, 'prévue', 'prévues')} en ${d.year})`, formatInteger(v(id)), formatInteger(d.before.get(id) ?? 0)];
      return [label, formatInteger(v(id)), formatInteger(d.before.get(id) ?? 0)];
    }),
    attachments: d.attachments,
    closing: 'Je vous prie d’agréer, Madame la ministre, l’expression de ma haute considération.',
    signature: signatureBlock({ meeting: { chair: null, signatoryName: null, signatoryTitle: null, signsByDelegation: null }, commission: d.signatory }),
    footer: `${d.departementName} – remontée annuelle ${d.year} à l’État`,
  };
}

export function buildStateReturnLetter(v: StateReturnLetterView, year: number): Promise<Buffer> {
  const children: Block[] = [
    ...headerBlock(v.header, { letter: true }),
    para(S.letter, v.dateLine, { alignment: AlignmentType.RIGHT }),
    new Paragraph({ style: S.letter, indent: { left: 4200 }, children: runs(v.addressee.join('\n')) }),
    new Paragraph({ style: S.letter, children: [...runs('Objet : ', { bold: true }), ...runs(v.object)] }),
    para(S.letter, 'Madame la ministre,'),
    ...v.paragraphs.slice(0, 2).map((text) => para(S.letter, text)),
    dataTable(
      [
        { title: 'Chiffres essentiels', width: 0.64 },
        { title: String(year), width: 0.18, align: 'right' },
        { title: String(year - 1), width: 0.18, align: 'right' },
      ],
      v.figures,
    ),
    ...v.paragraphs.slice(2).map((text) => para(S.letter, text, { spacingBefore: 160 })),
    para(S.letter, `Pièces jointes : ${v.attachments.join(' ; ')}.`),
    para(S.letter, v.closing, { keepNext: true }),
    ...v.signature.map((line, i) => new Paragraph({ style: S.letter, indent: { left: 5000 }, keepNext: true, spacing: { before: i === 0 ? 240 : 0, after: 40 }, children: runs(line, { bold: i > 0 }) })),
  ];
  return Packer.toBuffer(
    new Document({
      title: v.title,
      subject: v.object,
      creator: 'Maillage',
      lastModifiedBy: 'Maillage',
      description: v.object,
      styles,
      sections: [{ properties: pageProperties(), footers: { default: footer(v.footer) }, children }],
    }),
  );
}
