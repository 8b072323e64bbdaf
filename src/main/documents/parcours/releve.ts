/**
 * The relevé d'avis of an examining meeting: one line per request reference (kind, association and
 * its agrément, avis and whether it could validly be given, remarks with the vote and the members who
 * took no part), attendance and quorum, « Diffusion restreinte », sent to the members who sit at the
 * examination of requests. `mapReleve` is pure (tested without docx); `buildReleve` only lays it out.
 */
import { Document, Packer, type ISectionOptions } from 'docx';
import { formatDate, joinFrench, plural } from '../../../shared/format';
import { castingVotes, parcoursOpinions } from '../../../shared/labels';
import { LEGAL_REFERENCES } from '../../../shared/meeting-rules';
import type { Attendee, MeetingDetail } from '../../../shared/model/meetings';
import type { ExaminedRequest } from '../../../shared/model/parcours';
import { agrementWarning, parcoursKind } from '../../../shared/parcours';
import { formatLongDate, formatTime, splitWallClock } from '../../../shared/wallclock';
import { dataTable, factsTable, footer, headerBlock, pageProperties, para, section, type Block } from '../common/parts';
import { S, styles } from '../common/styles';
import type { DocumentHeader, Logo } from '../common/view';
import { recipients } from '../meetings/mapper';

const RESTRICTED = 'Diffusion restreinte';

export interface ReleveData {
  meeting: MeetingDetail;
  examined: ExaminedRequest[];
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
  diffusion: string;
  footer: string;
}

const ATTENDS: Attendee['status'][] = ['present', 'distance', 'supplee', 'mandat'];

function quorumText(m: MeetingDetail): string {
  const q = m.quorum;
  if (q.waived) return `Sans condition de quorum : nouvelle convocation sur le même ordre du jour (${LEGAL_REFERENCES.quorum})`;
  if (q.composition === 0) return 'À établir : aucun membre titulaire siégeant à l’examen des demandes n’est enregistré dans la composition';
  const counted = plural(q.counted, 'membre présent, suppléé ou ayant donné mandat', 'membres présents, suppléés ou ayant donné mandat');
  if (q.reached) return `Atteint : ${counted} sur ${q.composition} (${q.required} requis)`;
  return `Non atteint : ${counted} sur ${q.composition} (${q.required} requis). Aucun avis ne peut être rendu valablement : la commission est convoquée de nouveau sur le même ordre du jour, sans condition de quorum.`;
}

const personLine = (a: Pick<Attendee, 'civility' | 'name' | 'structure'>) => [[a.civility, a.name].filter(Boolean).join(' '), a.structure].filter(Boolean).join(', ');

/** The opinion as the relevé gives it, and whether it could be given. */
function opinionCell(r: ExaminedRequest): string {
  if (!r.opinion) return r.valid ? 'Non rendu' : 'Non rendu (quorum non atteint)';
  return r.valid ? parcoursOpinions.labels[r.opinion] : `${parcoursOpinions.labels[r.opinion]} (non valable : quorum non atteint)`;
}

/** Observations: the reasons, the vote, the members who took no part, the association's agrément. */
function remarks(r: ExaminedRequest, attendees: readonly Attendee[]): string {
  const v = r.votes;
  const vote = v
    ? `Vote : ${plural(v.for, 'voix pour', 'voix pour')}, ${plural(v.against, 'voix contre', 'voix contre')}, ${plural(v.abstention, 'abstention')}${v.casting ? ` ; voix prépondérante de la présidence : ${castingVotes.labels[v.casting].toLowerCase()}` : ''}.`
    : '';
  const present = r.leftOut.filter((l) => ATTENDS.includes(attendees.find((a) => a.id === l.attendeeId)?.status ?? 'absent'));
  const out = present.map((l) => `${personLine({ ...attendees.find((a) => a.id === l.attendeeId)!, structure: l.structure })} ne prend pas part à l’avis${l.reason === 'association' ? ' (association qui présente la demande)' : l.note ? ` (${l.note})` : ' (intérêt déclaré)'}.`);
  return [r.reasons ?? '', vote, ...out].filter(Boolean).join('\n');
}

export function mapReleve(d: ReleveData): ReleveView {
  const m = d.meeting;
  const { date, time } = splitWallClock(m.startsAt);
  const sitting = m.attendees.filter((a) => a.sits);
  const attending = sitting.filter((a) => ATTENDS.includes(a.status));
  const represented = (a: Attendee) =>
    a.status === 'supplee' ? ` (représenté par son suppléant${a.representedBy ? `, ${a.representedBy}` : ''})` : a.status === 'mandat' ? ` (mandat donné à ${a.mandateToName ?? 'un autre membre'})` : a.status === 'distance' ? ' (à distance)' : '';
  const valid = d.examined.filter((r) => r.valid);
  const count = (o: string) => valid.filter((r) => r.opinion === o).length;
  const facts: [string, string][] = [
    ['Date', `${formatLongDate(date)} à ${formatTime(time)}`],
    ...(m.place ? [['Lieu', m.place] as [string, string]] : []),
    ...(m.chair ? [['Présidence', m.chair] as [string, string]] : []),
    ...(m.firstConvocation ? [['Convocation', `nouvelle convocation après la séance du ${formatDate(splitWallClock(m.firstConvocation.startsAt).date)}, où le quorum n’était pas atteint`] as [string, string]] : []),
    ['Présents', sitting.length ? `${plural(attending.length, 'membre présent ou représenté', 'membres présents ou représentés', 'Aucun membre présent ou représenté')} sur ${plural(sitting.length, 'membre convoqué', 'membres convoqués')}` : 'Aucun membre convoqué'],
    ['Quorum', quorumText(m)],
  ];
  const notGiven = d.examined.filter((r) => !r.valid || !r.opinion).length;
  const addressees = recipients(m);
  return {
    header: {
      logo: d.logo,
      commissionName: d.commission.name,
      departmentName: d.commission.departmentName,
      documentTitle: 'Relevé d’avis',
      sessionTitle: `Formation restreinte – examen des demandes de parcours de sortie de la prostitution du ${formatLongDate(date)}`,
    },
    restricted: `${RESTRICTED} – document adressé aux seuls membres siégeant à l’examen des demandes de parcours de sortie. Les demandes sont désignées par leur référence : il ne contient aucune donnée d’identité.`,
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
                [notGiven, 'avis non rendu', 'avis non rendus'],
              ] as const
            )
              .filter(([n]) => n > 0)
              .map(([n, one, many]) => plural(n, one, many)),
          )}.`,
    lines: d.examined.map((r) => {
      const warning = agrementWarning(r.agrement);
      return [r.reference, parcoursKind(r.renewalNumber), warning ? `${r.associationName}\n(${warning})` : r.associationName, opinionCell(r), remarks(r, m.attendees)];
    }),
    present: attending.map((a) => personLine(a) + represented(a)),
    diffusion: addressees.length
      ? `Destinataires : les membres siégeant à l’examen des demandes (${addressees.length}) : ${addressees.map(personLine).join(' ; ')}.`
      : 'Destinataires : aucun membre ne siège encore à l’examen des demandes dans la composition.',
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
              // Wide enough, in DejaVu Sans, for « PS-2026-014 » (printed with the hyphens one types, so that it is
              // found when searched for), « Renouvellement » and « Défavorable » on one line each.
              { title: 'Référence', width: 0.17 },
              { title: 'Nature', width: 0.2 },
              { title: 'Association', width: 0.2 },
              { title: 'Avis', width: 0.16 },
              { title: 'Observations', width: 0.27 },
            ],
            v.lines,
            { emptyText: '' },
          ),
        ]
      : []),
    section('Membres présents ou représentés'),
    ...(v.present.length ? v.present.map((p) => para(S.body, `–\u00a0${p}`)) : [para(S.meta, 'Aucun membre noté présent.')]),
    section('Diffusion'),
    para(S.body, `${RESTRICTED}. ${v.diffusion}`),
  ];
  const sectionOptions: ISectionOptions = { properties: pageProperties(), footers: { default: footer(v.footer) }, children };
  return Packer.toBuffer(new Document({ title: `${v.header.documentTitle} – ${v.header.sessionTitle}`, creator: 'Maillage', styles, sections: [sectionOptions] }));
}
