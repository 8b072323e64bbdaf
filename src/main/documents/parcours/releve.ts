/**
 * The relevé d'avis of an examining meeting: one line per request reference (kind, association,
 * avis, remarks), attendance and quorum, « Diffusion restreinte », sent only to the members
 * present. `mapReleve` is pure (tested without docx); `buildReleve` only lays it out.
 */
import { Document, Packer, type ISectionOptions } from 'docx';
import { formatDate, joinFrench, plural } from '../../../shared/format';
import { parcoursOpinions } from '../../../shared/labels';
import type { MeetingDetail } from '../../../shared/model/meetings';
import type { ExaminedRequest } from '../../../shared/model/parcours';
import { parcoursKind } from '../../../shared/parcours';
import { formatLongDate, formatTime, splitWallClock } from '../../../shared/wallclock';
import { dataTable, factsTable, footer, headerBlock, pageProperties, para, section, type Block } from '../common/parts';
import { S, styles } from '../common/styles';
import type { DocumentHeader, Logo } from '../common/view';

const RESTRICTED = 'Diffusion restreinte';

export interface ReleveData {
  meeting: MeetingDetail;
  examined: ExaminedRequest[];
  minorsSituations: number;
  commission: { name: string; departmentName: string; secretaryName: string | null };
  logo: Logo | null;
}

interface ReleveView {
  header: DocumentHeader;
  restricted: string;
  facts: [string, string][];
  summary: string;
  lines: [reference: string, kind: string, association: string, opinion: string, remarks: string][];
  present: string[];
  minors: string;
  diffusion: string;
  footer: string;
}

// References like « PS-2026-014 » must not break across lines: non-breaking hyphens.
const unbreakable = (reference: string) => reference.replace(/-/g, '\u2011');

function quorumText(m: MeetingDetail): string {
  const q = m.quorum;
  if (q.composition === 0) return 'Sans objet (aucun membre titulaire ne siège en formation restreinte)';
  return `${q.reached ? 'Atteint' : 'Non atteint'} : ${plural(q.counted, 'membre présent, suppléé ou ayant donné mandat', 'membres présents, suppléés ou ayant donné mandat')} sur ${q.composition} (${q.required} requis)`;
}

export function mapReleve(d: ReleveData): ReleveView {
  const m = d.meeting;
  const { date, time } = splitWallClock(m.startsAt);
  const attending = m.attendees.filter((a) => a.status === 'present' || a.status === 'supplee');
  const personLine = (a: MeetingDetail['attendees'][number]) =>
    [[a.civility, a.name].filter(Boolean).join(' '), a.structure].filter(Boolean).join(', ') + (a.status === 'supplee' ? ` (représenté par son suppléant${a.representedBy ? `, ${a.representedBy}` : ''})` : '');
  const count = (o: string) => d.examined.filter((r) => r.opinion === o).length;
  const facts: [string, string][] = [
    ['Date', `${formatLongDate(date)} à ${formatTime(time)}`],
    ...(m.place ? [['Lieu', m.place] as [string, string]] : []),
    ...(m.chair ? [['Présidence', m.chair] as [string, string]] : []),
    [
      'Présents',
      m.attendees.length ? `${plural(attending.length, 'participant présent ou suppléé', 'participants présents ou suppléés', 'Aucun participant présent ou suppléé')} sur ${plural(m.attendees.length, 'invité')}` : 'Aucun invité',
    ],
    ['Quorum', quorumText(m)],
  ];
  return {
    header: {
      logo: d.logo,
      commissionName: d.commission.name,
      departmentName: d.commission.departmentName,
      documentTitle: 'Relevé d’avis',
      sessionTitle: `Formation restreinte – examen des demandes de parcours de sortie de la prostitution du ${formatLongDate(date)}`,
    },
    restricted: `${RESTRICTED} – document adressé aux seuls membres présents. Les demandes sont désignées par leur référence : il ne contient aucune donnée d’identité.`,
    facts,
    summary:
      d.examined.length === 0
        ? 'Aucune demande n’a été examinée lors de cette séance.'
        : `${plural(d.examined.length, 'demande examinée', 'demandes examinées')} : ${joinFrench(
            // The kinds of opinion given only: « 4 avis favorables et 1 avis ajourné », never « 0 avis défavorable ».
            (
              [
                [count('favorable'), 'avis favorable', 'avis favorables'],
                [count('defavorable'), 'avis défavorable', 'avis défavorables'],
                [count('ajourne'), 'avis ajourné', 'avis ajournés'],
                [d.examined.filter((r) => !r.opinion).length, 'avis non encore rendu', 'avis non encore rendus'],
              ] as const
            )
              .filter(([n]) => n > 0)
              .map(([n, one, many]) => plural(n, one, many)),
          )}.`,
    lines: d.examined.map((r) => [unbreakable(r.reference), parcoursKind(r.renewalNumber), r.associationName, r.opinion ? parcoursOpinions.labels[r.opinion] : 'Non rendu', r.reasons ?? '']),
    present: attending.map(personLine),
    minors: `Situations individuelles de mineurs coordonnées : ${d.minorsSituations || 'aucune'}.`,
    diffusion: attending.length ? `Destinataires : les membres présents ou représentés ci-dessus (${attending.length}).` : 'Destinataires : aucun membre n’est encore noté présent.',
    footer: `Relevé d’avis du ${formatDate(date)} – ${RESTRICTED}`,
  };
}

export function buildReleve(v: ReleveView): Promise<Buffer> {
  const children: Block[] = [
    ...headerBlock(v.header),
    para(S.item, v.restricted),
    factsTable(v.facts),
    section('Avis rendus'),
    para(S.body, v.summary),
    // Without a request, the summary has said so: no empty table under it.
    ...(v.lines.length
      ? [
          dataTable(
            [
              { title: 'Référence', width: 0.16 },
              { title: 'Nature', width: 0.18 },
              { title: 'Association', width: 0.24 },
              { title: 'Avis', width: 0.13 },
              { title: 'Observations', width: 0.29 },
            ],
            v.lines,
            { emptyText: '' },
          ),
        ]
      : []),
    para(S.meta, v.minors),
    section('Membres présents ou représentés'),
    ...(v.present.length ? v.present.map((p) => para(S.body, `–\u00a0${p}`)) : [para(S.meta, 'Aucun membre noté présent.')]),
    section('Diffusion'),
    para(S.body, `${RESTRICTED}. ${v.diffusion}`),
  ];
  const sectionOptions: ISectionOptions = { properties: pageProperties(), footers: { default: footer(v.footer) }, children };
  return Packer.toBuffer(new Document({ title: `${v.header.documentTitle} – ${v.header.sessionTitle}`, creator: 'Maillage', styles, sections: [sectionOptions] }));
}
