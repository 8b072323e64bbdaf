/**
 * The registers the bilan reports on besides the fiches: sessions held and their decisions,
 * protocols, the partner network and the members of the commission (the full directory goes to a
 * spreadsheet beside the report: features/reports/reports.ts readDirectory).
 */
import { formatDate, formatInteger, plural } from '../../../shared/format';
import { interventionDomains, meetingKinds, partnerTypes, protocolKinds, protocolStatuses } from '../../../shared/labels';
import { RENEWAL_WINDOW_DAYS } from '../../../shared/model/protocols';
import { compareFrench } from '../../../shared/search';
import { capitalize, lowerFirst } from '../../../shared/text';
import { deadline, followUpOpenAt, heldIn, inDays, protocolClosedOn, type ReportData, type ReportProtocol } from './data';
import { membersAt, protocolsDue } from './figures';
import type { ReportContext } from './mapper';
import type { ReportView, TitledTable } from './view';

const MAIN_DECISIONS = 1;
const MAX_FOLLOW_UPS = 10;

/** « Séance plénière », or « Groupe de travail « repérage en milieu scolaire » »: the kind once, the title when it adds something. */
function sessionName(m: ReportData['meetings'][number]): string {
  const kind = meetingKinds.labels[m.kind];
  const title = m.title?.trim();
  if (!title) return kind;
  if (title.toLowerCase().startsWith(kind.toLowerCase())) return title;
  if (kind.toLowerCase().includes(title.toLowerCase().split(/\s+/).slice(0, 3).join(' '))) return kind;
  return `${kind} – ${title}`;
}

export function sessionsPart(c: ReportContext): NonNullable<ReportView['sessions']> {
  const { data, period, asOf } = c;
  const held = data.meetings.filter((m) => heldIn(m, period, data.wallClock)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const open = data.followUps.filter((f) => followUpOpenAt(f, period.to)).sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  const kinds = meetingKinds.codes.map((k) => [k, c.now.sessionsByKind[k]] as const).filter(([, n]) => n > 0);
  const shown = open.slice(0, MAX_FOLLOW_UPS);
  const late = open.filter((f) => f.dueOn !== null && f.dueOn < asOf).length;
  return {
    intro:
      held.length === 0
        ? 'La commission ne s’est pas réunie pendant la période.'
        : `${capitalize(plural(held.length, 'séance tenue', 'séances tenues'))} pendant la période : ${kinds.map(([k, n]) => `${lowerFirst(meetingKinds.labels[k])} (${n})`).join(', ')}. Les séances à venir ne sont pas comptées.`,
    held: {
      columns: [
        { title: 'Date', width: 0.11 },
        { title: 'Séance', width: 0.27 },
        { title: 'Présents', width: 0.09, align: 'right' },
        { title: 'Principale décision', width: 0.53 },
      ],
      rows: held.map((m) => [
        formatDate(m.startsAt.slice(0, 10)),
        sessionName(m),
        formatInteger(m.present),
        m.decisions.length === 0
          ? 'Aucune décision consignée.'
          : [m.decisions.slice(0, MAIN_DECISIONS).join('\n'), ...(m.decisions.length > MAIN_DECISIONS ? [`Et ${plural(m.decisions.length - MAIN_DECISIONS, 'autre décision', 'autres décisions')} au relevé.`] : [])]
              .map((text, k, all) => (k < all.length - 1 && !/[.!?…»]$/.test(text) ? `${text}.` : text))
              .join(' '),
      ]),
      emptyText: 'Aucune séance tenue pendant la période.',
    },
    openFollowUps: {
      heading: 'Suites à donner encore ouvertes',
      note:
        open.length === 0
          ? null
          : `${capitalize(plural(open.length, 'suite à donner était ouverte', 'suites à donner étaient ouvertes'))} à la fin de la période, ${late === 0 ? 'aucune en retard' : `dont ${formatInteger(late)} en retard`}.${open.length > shown.length ? ` Les ${formatInteger(shown.length)} plus proches de leur échéance :` : ''}`,
      table: {
        columns: [
          { title: 'Suite à donner', width: 0.47 },
          { title: 'Responsable', width: 0.25 },
          { title: 'Décidée le', width: 0.13 },
          { title: 'Échéance', width: 0.15 },
        ],
        rows: shown.map((f) => [
          f.text,
          f.owner ?? 'À désigner',
          formatDate(f.meetingStartsAt.slice(0, 10)),
          f.dueOn ? `${formatDate(f.dueOn)}${f.dueOn < asOf ? '\n(dépassée)' : ''}` : 'Sans échéance',
        ]),
        emptyText: 'Aucune suite à donner n’était ouverte à la fin de la période.',
      },
    },
  };
}

const MAX_PROTOCOLS = 10;

/** The three lists of protocols of the period, complete. */
function protocolLists(c: ReportContext): { intro: string; tables: TitledTable[] } {
  const { data, period, asOf } = c;
  const byDate = (day: (p: ReportProtocol) => string | null, order = 1) => (a: ReportProtocol, b: ReportProtocol) => order * (day(a) ?? '').localeCompare(day(b) ?? '');
  // The latest signatures and endings first, the most pressing renewals first.
  const signed = data.protocols.filter((p) => p.signedOn !== null && inDays(p.signedOn, period)).sort(byDate((p) => p.signedOn, -1));
  const due = protocolsDue(data, period).sort(byDate(deadline));
  const closedOn = protocolClosedOn;
  const ended = data.protocols.filter((p) => (p.status === 'expire' || p.status === 'denonce') && closedOn(p) !== null && inDays(closedOn(p)!, period)).sort(byDate(closedOn, -1));
  const signers = (p: ReportProtocol) =>
    p.signatories.length === 0 ? 'Non renseignés' : p.signatories.length <= 2 ? p.signatories.join(', ') : `${p.signatories[0]} et ${plural(p.signatories.length - 1, 'autre')}`;
  return {
    intro: `${capitalize(plural(signed.length, 'protocole ou convention signé', 'protocoles ou conventions signés', 'aucun protocole ni convention signé'))} pendant la période ; ${due.length === 0 ? 'aucun' : formatInteger(due.length)} à réviser ou renouveler (échéance dépassée ou dans les ${RENEWAL_WINDOW_DAYS} jours suivant la période) ; ${plural(ended.length, 'arrivé à échéance ou dénoncé', 'arrivés à échéance ou dénoncés', 'aucun arrivé à échéance ou dénoncé')}.`,
    tables: [
      {
        heading: 'Signés pendant la période',
        note: null,
        table: {
          columns: [
            { title: 'Protocole ou convention', width: 0.46 },
            { title: 'Signataires', width: 0.38 },
            { title: 'Signé le', width: 0.16 },
          ],
          rows: signed.map((p) => [`${p.title}\n${protocolKinds.labels[p.kind]}`, signers(p), formatDate(p.signedOn)]),
          emptyText: 'Aucun protocole ni convention n’a été signé pendant la période.',
        },
      },
      {
        heading: 'À réviser ou à renouveler',
        note: null,
        table: {
          columns: [
            { title: 'Protocole ou convention', width: 0.4 },
            { title: 'Signataires', width: 0.3 },
            { title: 'Échéance', width: 0.13 },
            { title: 'Situation', width: 0.17 },
          ],
          rows: due.map((p) => [p.title, signers(p), formatDate(deadline(p)), deadline(p)! < asOf ? 'Échéance dépassée' : p.reviewOn ? 'Révision à venir' : 'Fin à venir']),
          emptyText: 'Aucun protocole signé n’arrive à échéance de révision ou de renouvellement.',
        },
      },
      {
        heading: 'Arrivés à échéance ou dénoncés',
        note: null,
        table: {
          columns: [
            { title: 'Protocole ou convention', width: 0.46 },
            { title: 'Nature', width: 0.22 },
            { title: 'Situation', width: 0.16 },
            { title: 'Depuis le', width: 0.16 },
          ],
          rows: ended.map((p) => [p.title, protocolKinds.labels[p.kind], protocolStatuses.labels[p.status], formatDate(closedOn(p))]),
          emptyText: 'Aucun protocole n’est arrivé à échéance ni n’a été dénoncé pendant la période.',
        },
      },
    ],
  };
}

const FIRST: Record<string, string> = { 'Signés pendant la période': 'plus récents', 'À réviser ou à renouveler': 'plus proches de leur échéance', 'Arrivés à échéance ou dénoncés': 'plus récents' };

/**
 * Protocols in the main document: each list capped (a large commission signs dozens a year), the
 * first ones that matter; `annex` holds the complete lists of the capped ones, for annex A.
 */
export function protocolsPart(c: ReportContext): NonNullable<ReportView['protocols']> & { annex: TitledTable[]; counts: number[] } {
  const full = protocolLists(c);
  const inAnnex = c.options.sections.includes('annexe_fiches');
  return {
    intro: full.intro,
    // The intro counts the three lists: an empty one would only say « aucun » again under it.
    tables: full.tables.filter((t) => t.table.rows.length > 0).map((t) =>
      t.table.rows.length <= MAX_PROTOCOLS
        ? t
        : {
            ...t,
            note: `Les ${formatInteger(MAX_PROTOCOLS)} ${FIRST[t.heading]} sur ${formatInteger(t.table.rows.length)}${inAnnex ? ' ; la liste complète est en annexe A' : ''}.`,
            table: { ...t.table, rows: t.table.rows.slice(0, MAX_PROTOCOLS) },
          },
    ),
    annex: inAnnex ? full.tables.filter((t) => t.table.rows.length > MAX_PROTOCOLS) : [],
    counts: full.tables.map((t) => t.table.rows.length),
  };
}

export function networkPart(c: ReportContext): NonNullable<ReportView['network']> {
  const { data, period, previous } = c;
  const partners = data.partners.filter((p) => p.createdOn <= period.to);
  const added = partners.filter((p) => p.createdOn >= period.from).length;
  const { members, on } = membersAt(data, period);
  const beforeCount = data.partners.filter((p) => p.createdOn <= previous.to).length;
  const byType = partnerTypes.codes.map((code) => [code, c.now.partnersByType[code]] as const);
  const missingTypes = byType.filter(([code, n]) => n === 0 && code !== 'autre').map(([code]) => lowerFirst(partnerTypes.labels[code]));
  const gaps = interventionDomains.codes.filter((code) => !partners.some((p) => p.domains.includes(code))).map((code) => lowerFirst(interventionDomains.labels[code]));
  const sitting = members.length ? `${plural(members.length, 'personne siège', 'personnes siègent')} à la commission` : 'personne n’est nommé membre de la commission';
  return {
    // An empty network is said in a sentence: a list of every domain and every type would only repeat it.
    paragraphs: partners.length
      ? [
          `À la fin de la période, le réseau compte ${plural(partners.length, 'structure')} (${formatInteger(beforeCount)} à la fin de la période précédente), ${added ? `dont ${plural(added, 'nouvelle structure recensée', 'nouvelles structures recensées')}` : 'sans nouvelle structure recensée'} pendant la période ; ${sitting}. L’annuaire complet est tenu par le secrétariat (export en tableur).`,
          gaps.length
            ? `Aucune structure recensée n’intervient dans les domaines suivants : ${gaps.join(', ')}. Ces manques sont à combler, avec l’appui du centre de ressources national si besoin.`
            : 'Chaque domaine d’intervention compte au moins une structure du réseau.',
          ...(missingTypes.length ? [`Types de structures absents du réseau : ${missingTypes.join(', ')}.`] : []),
        ]
      : ['À la fin de la période, aucune structure n’est recensée dans le réseau : l’annuaire des partenaires reste à constituer, avec l’appui du centre de ressources national si besoin.'],
    byType: {
      columns: [
        { title: 'Type de structure', width: 0.7 },
        { title: 'Structures', width: 0.3, align: 'right' },
      ],
      rows: byType.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([code, n]) => [partnerTypes.labels[code], formatInteger(n)]),
      emptyText: 'Aucune structure n’est recensée.',
    },
    members: {
      heading: 'Membres de la commission',
      note:
        members.length === 0
          ? 'Aucun membre n’est nommé dans la composition de la commission.'
          : on < data.today
            ? `Composition de la commission au ${formatDate(on)}, d’après les nominations enregistrées.`
            : null,
      table: {
        columns: [
          { title: 'Membre', width: 0.3 },
          { title: 'Fonction', width: 0.3 },
          { title: 'Structure', width: 0.4 },
        ],
        rows: [...members].sort((a, b) => compareFrench(a.structure, b.structure) || compareFrench(a.name, b.name)).map((m) => [m.name, m.role ?? '–', m.structure]),
        emptyText: 'Aucun membre recensé.',
      },
    },
  };
}
