/**
 * Import of the parcours register a secretary already keeps in Excel, through the partner import's
 * pipeline (table reader, header row, mapping, row-by-row report, all or nothing). The register is
 * anonymous: columns that identify a person, by their header or by values that look like a date of
 * birth, a social security number, an IBAN or a phone number (identity.ts), are emptied as soon as the
 * file is read, can never be mapped, and the wizard and the preview name them with the reason. A
 * column goes only to a field whose meaning its header has, and never by itself to a field of free
 * text (Référence, Observations…): the secretary chooses those. Every row goes through the register's own rules (insertParcours:
 * renewal chains, the 24-month cap, the order of dates), inside a transaction rolled back for the
 * preview and for any file with an error.
 */
import { ApiError } from '../../../shared/errors';
import { formatDate, plural } from '../../../shared/format';
import {
  parcoursAgeBands,
  parcoursDecisions,
  parcoursEndReasons,
  parcoursNationalities,
  parcoursOpinions,
  parcoursSexes,
  parcoursStates,
  type ParcoursEndReason,
  type ParcoursRight,
  type ParcoursState,
} from '../../../shared/labels';
import { parcoursFreeTextFields, parcoursImportFieldLabels, type ParcoursImportField, type ParcoursImportPreview, type ParcoursImportRow, type ParcoursImportSummary } from '../../../shared/model/parcours-import';
import { parcoursKind } from '../../../shared/parcours';
import { parcoursFields, type ParcoursFields } from '../../../shared/schemas/parcours';
import { plainReference } from '../../../shared/text';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { RawRow, RawTable } from '../../spreadsheets/table';
import { findIdentityColumns, namesIdentity } from './identity';
import { EXAMINING_KIND, insertParcours, nextReference } from './parcours';
import { headerIndex, normalise, parseBoolean, parseDateCell, prepareTable, unprotect, type PreparedTable } from '../../spreadsheets/columns';

// ---------- columns ----------

const HEADER_SYNONYMS: Record<ParcoursImportField, string[]> = {
  reference: ['reference', 'ref', 'reference de la demande', 'n de demande', 'no de demande', 'numero de demande', 'n demande', 'reference demande', 'reference association', 'code', 'identifiant anonyme', 'code anonyme'],
  association: ['association', 'association agreee', 'structure', 'association presentant la demande', 'nom de l association', 'association referente', 'structure accompagnante', 'association accompagnante', 'partenaire'],
  kind: ['nature', 'nature de la demande', 'type de demande', 'type', 'premiere demande ou renouvellement', 'demande'],
  previousReference: ['demande renouvelee', 'renouvelle', 'reference precedente', 'demande precedente', 'reference de la demande renouvelee', 'renouvellement de'],
  receivedOn: ['recue le', 'date de reception', 'reception', 'date de la demande', 'date de depot', 'deposee le', 'date reception', 'date demande'],
  meeting: ['seance', 'date de la seance', 'date de seance', 'commission', 'date de la commission', 'date commission', 'examinee le', 'date d examen'],
  opinion: ['avis', 'avis de la commission', 'avis commission', 'avis cdlp'],
  opinionOn: ['date de l avis', 'avis le', 'date avis'],
  opinionReasons: ['motifs de l avis', 'motifs', 'motif de l avis', 'motivation', 'remarques sur l avis'],
  decision: ['decision', 'decision du prefet', 'decision prefet', 'decision prefectorale'],
  decisionOn: ['decision le', 'date de la decision', 'date decision', 'date de decision'],
  decreeRef: ['arrete', 'n arrete', 'no arrete', 'numero d arrete', 'reference de l arrete', 'arrete prefectoral'],
  startsOn: ['debut', 'debut du parcours', 'date de debut', 'date debut', 'entree dans le parcours', 'date d entree'],
  endsOn: ['fin', 'fin du parcours', 'date de fin', 'date fin', 'echeance', 'fin prevue'],
  rights: ['droits ouverts', 'droits', 'droits ouverts par le parcours'],
  afis: ['afis', 'aide financiere', 'afis aide financiere'],
  titreSejour: ['titre de sejour', 'aps', 'autorisation provisoire de sejour'],
  hebergement: ['hebergement', 'logement', 'hebergement logement'],
  insertion: ['insertion', 'insertion professionnelle', 'emploi'],
  state: ['etat', 'statut', 'situation', 'etat du parcours', 'etat de la demande'],
  endReason: ['motif de fin', 'motif de sortie', 'raison de la fin', 'motif de cloture'],
  closedOn: ['fin le', 'date de sortie', 'sortie le', 'date de cloture', 'cloture le', 'terminee le'],
  sex: ['sexe', 'genre'],
  ageBand: ['tranche d age', 'age', 'tranche age', 'classe d age'],
  nationality: ['nationalite', 'groupe de nationalite', 'origine'],
  notes: ['observations', 'notes', 'commentaire', 'commentaires', 'remarques'],
};

const HEADER_INDEX = headerIndex(HEADER_SYNONYMS, parcoursImportFieldLabels);

/** Is this normalised header one the register knows? Such a header never names a person's identity. */
const isRegisterHeader = (key: string) => HEADER_INDEX.has(key);

export function isIdentityHeader(header: string): boolean {
  const key = normalise(header);
  return !isRegisterHeader(key) && namesIdentity(key);
}

export function fieldForParcoursHeader(header: string): ParcoursImportField | null {
  if (isIdentityHeader(header)) return null;
  return HEADER_INDEX.get(normalise(header)) ?? null;
}

const FREE_TEXT = new Set(parcoursFreeTextFields);

/**
 * Suggests for each column the field its header means; each field is given once. Never a field of
 * free text (parcoursFreeTextFields), whatever the header: freeTextGuesses names those for the user
 * to choose. Never a column that identifies a person.
 */
export function suggestParcoursMapping(table: PreparedTable): (ParcoursImportField | null)[] {
  const used = new Set<ParcoursImportField>();
  const identity = new Set(table.identity?.map((c) => c.column));
  return table.headers.map((h, i) => {
    const field = fieldForParcoursHeader(h);
    if (!field || used.has(field) || FREE_TEXT.has(field) || identity.has(i)) return null;
    used.add(field);
    return field;
  });
}

/** For each column, the free-text field its header names: the wizard points it out, the user decides. */
export function freeTextGuesses(table: PreparedTable): (ParcoursImportField | null)[] {
  const identity = new Set(table.identity?.map((c) => c.column));
  return table.headers.map((h, i) => {
    const field = fieldForParcoursHeader(h);
    return field && FREE_TEXT.has(field) && !identity.has(i) ? field : null;
  });
}

/**
 * Finds the header row, then the columns that identify a person, by their header or by what their
 * values look like (identity.ts), and empties them, so that nothing of them is kept between the
 * wizard's steps, shown as a sample, or read by the analysis.
 */
export function prepareParcoursTable(raw: RawTable, fileName: string): PreparedTable {
  const table = prepareTable(raw, fileName, (h) => fieldForParcoursHeader(h) !== null || isIdentityHeader(h));
  const identity = findIdentityColumns(table.headers, table.rows, isRegisterHeader);
  if (identity.length === 0) return { ...table, identity };
  const hidden = new Set(identity.map((c) => c.column));
  const rows = table.rows
    .map((r) => ({ ...r, cells: r.cells.map((c, i) => (hidden.has(i) ? '' : c)) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { ...table, rows, identity };
}

// ---------- values ----------

/** A vocabulary cell: its code from the label, the code itself or one of the synonyms people write. */
function vocabularyReader<C extends string>(labels: Record<C, string>, synonyms: Record<string, C> = {}) {
  const index = new Map<string, C>();
  for (const code of Object.keys(labels) as C[]) {
    index.set(normalise(labels[code]), code);
    index.set(normalise(code), code);
  }
  for (const [phrase, code] of Object.entries(synonyms)) index.set(phrase, code);
  return (value: string): C | null | undefined => (value ? index.get(normalise(value)) : null);
}

const readOpinion = vocabularyReader(parcoursOpinions.labels, { 'avis favorable': 'favorable', fav: 'favorable', 'avis defavorable': 'defavorable', defav: 'defavorable', 'avis ajourne': 'ajourne', reporte: 'ajourne', ajournee: 'ajourne' });
const readDecision = vocabularyReader(parcoursDecisions.labels, { autorisee: 'autorise', accorde: 'autorise', accordee: 'autorise', autorisation: 'autorise', refusee: 'refuse', refus: 'refuse', rejet: 'refuse', rejetee: 'refuse' });
const readState = vocabularyReader(parcoursStates.labels, { 'en instruction': 'instruction', instruction: 'instruction', 'en attente': 'instruction', encours: 'en_cours', 'en parcours': 'en_cours', termine: 'termine', terminee: 'termine', clos: 'termine', close: 'termine', cloture: 'termine', sorti: 'termine', sortie: 'termine' });
const readEndReason = vocabularyReader(parcoursEndReasons.labels, {
  'fin de parcours': 'fin_parcours',
  'parcours termine': 'fin_parcours',
  'sortie positive': 'fin_parcours',
  'fin normale': 'fin_parcours',
  'sortie anticipee': 'sortie_anticipee',
  'arret anticipe': 'sortie_anticipee',
  abandon: 'abandon',
  depart: 'depart',
  demenagement: 'depart',
  'depart du departement': 'depart',
  renouvellement: 'renouvele',
  renouvelee: 'renouvele',
  refus: 'refus',
  refusee: 'refus',
});
const readSex = vocabularyReader(parcoursSexes.labels, { f: 'femme', h: 'homme', m: 'homme', feminin: 'femme', masculin: 'homme' });
const readAgeBand = vocabularyReader(parcoursAgeBands.labels, { '18 24': '18_24', '25 34': '25_34', '35 44': '35_44', '45': '45_plus', '45 et plus': '45_plus', 'plus de 45 ans': '45_plus', '45 ans ou plus': '45_plus' });
const readNationality = vocabularyReader(parcoursNationalities.labels, {
  france: 'francaise',
  francais: 'francaise',
  fr: 'francaise',
  ue: 'ue',
  'union europeenne': 'ue',
  europeenne: 'ue',
  'ressortissante ue': 'ue',
  'hors ue': 'hors_ue',
  'extra europeenne': 'hors_ue',
  'extra communautaire': 'hors_ue',
  'pays tiers': 'hors_ue',
});

/** « Première demande », « 1re demande », « Renouvellement n° 2 », « R1 »: a first request (0) or the renewal number (null when not given). */
export function readKind(value: string): { renewal: boolean; number: number | null } | undefined {
  const key = normalise(value);
  if (/^(premiere|1re|1ere|initiale|entree|nouvelle)( demande)?$|^demande initiale$|^premiere demande d entree$/.test(key)) return { renewal: false, number: null };
  const renewal = /^(?:renouvellement|renouv|r)(?: n(?:o)?)? ?(\d+)?$/.exec(key);
  if (renewal) return { renewal: true, number: renewal[1] ? Number(renewal[1]) : null };
  const ordinal = /^(\d+)(?:er|e|eme) renouvellement$/.exec(key);
  if (ordinal) return { renewal: true, number: Number(ordinal[1]) };
  return undefined;
}

/** A list of rights (« AFIS, titre de séjour ») as people write them; unknown parts are returned apart. */
function readRights(value: string): { rights: ParcoursRight[]; unknown: string[] } {
  const rights: ParcoursRight[] = [];
  const unknown: string[] = [];
  for (const part of value.split(/[,;\n+]/).map((p) => p.trim()).filter(Boolean)) {
    const key = ` ${normalise(part)} `;
    const right: ParcoursRight | null = / (afis|aide financiere) /.test(key)
      ? 'afis'
      : / (titre|sejour|aps) /.test(key)
        ? 'titre_sejour'
        : / (hebergement|logement) /.test(key)
          ? 'hebergement'
          : / (insertion|emploi) /.test(key)
            ? 'insertion'
            : null;
    if (right) {
      if (!rights.includes(right)) rights.push(right);
    } else unknown.push(part);
  }
  return { rights, unknown };
}

const RIGHT_COLUMNS: [ParcoursImportField, ParcoursRight][] = [
  ['afis', 'afis'],
  ['titreSejour', 'titre_sejour'],
  ['hebergement', 'hebergement'],
  ['insertion', 'insertion'],
];

/** The form's field a schema or register message is about → the import's label. */
const LABEL_OF_PATH: Partial<Record<string, ParcoursImportField>> = {
  reference: 'reference',
  associationName: 'association',
  associationId: 'association',
  previousId: 'previousReference',
  receivedOn: 'receivedOn',
  meetingId: 'meeting',
  opinion: 'opinion',
  opinionOn: 'opinionOn',
  opinionReasons: 'opinionReasons',
  decision: 'decision',
  decisionOn: 'decisionOn',
  decreeRef: 'decreeRef',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  rights: 'rights',
  endReason: 'endReason',
  closedOn: 'closedOn',
  sex: 'sex',
  ageBand: 'ageBand',
  nationality: 'nationality',
  notes: 'notes',
};

function labelled(path: string | undefined, message: string): string {
  const field = path ? LABEL_OF_PATH[path] : undefined;
  return field ? `${parcoursImportFieldLabels[field]} : ${message}` : message;
}

// ---------- analysis ----------

interface ReadRow {
  line: number;
  reference: string;
  association: string;
  kind: { renewal: boolean; number: number | null } | null;
  previousReference: string;
  input: ParcoursFields | null;
  givenState: ParcoursState | null;
  /** The file says « Renouvelé »: the register closes it so when its renewal is authorised. */
  saidRenewed: boolean;
  errors: string[];
  warnings: string[];
}

/** Reads one row into the register's input: what needs only the row itself. */
function readRow(
  { line, cells, cleaned }: RawRow,
  columnOf: Map<ParcoursImportField, number>,
  associations: Map<string, { id: string; name: string }>,
  meetingsByDay: Map<string, string>,
  today: string,
): ReadRow {
  const errors: string[] = [];
  const warnings: string[] = [];
  // The reader removed invisible and control characters (spreadsheets/table.ts): said once per row that used such a cell.
  const stripped = cleaned?.some((i) => [...columnOf.values()].includes(i)) ?? false;
  const get = (field: ParcoursImportField) => {
    const index = columnOf.get(field);
    return index === undefined ? '' : unprotect(cells[index] ?? '');
  };
  const label = (f: ParcoursImportField) => parcoursImportFieldLabels[f];
  const date = (field: ParcoursImportField, required = false): string | null => {
    const value = get(field);
    const parsed = parseDateCell(value);
    if (parsed === undefined) {
      errors.push(`${label(field)} « ${value} » : date illisible (écrivez-la jj/mm/aaaa).`);
      return null;
    }
    if (parsed === null && required) errors.push(`${label(field)} absente : c’est la seule date obligatoire.`);
    return parsed;
  };
  /** What the register records as done (received, avis, decision, end) cannot be dated after today: a typo (2062) would stand as a fact. */
  const past = (day: string | null, field: ParcoursImportField): string | null => {
    if (day && day > today) errors.push(`${label(field)} : le ${formatDate(day)} est après aujourd’hui ; corrigez la date.`);
    return day;
  };
  /** A vocabulary cell: refused when it decides the register's rules, dropped with a warning for a statistical field. */
  const word = <C extends string>(field: ParcoursImportField, read: (v: string) => C | null | undefined, expected: string, soft = false): C | null => {
    const value = get(field);
    const code = read(value);
    if (code !== undefined) return code;
    if (soft) warnings.push(`${label(field)} « ${value} » non compris : ignoré (${expected}).`);
    else errors.push(`${label(field)} « ${value} » non compris : écrivez ${expected}.`);
    return null;
  };

  const associationName = get('association');
  const association = associationName ? associations.get(normalise(associationName)) : undefined;
  if (associationName && !association) warnings.push(`Association « ${associationName} » absente de l’annuaire : la demande la garde sous ce nom.`);

  const kindText = get('kind');
  const kind = kindText ? readKind(kindText) : null;
  if (kind === undefined) errors.push(`${label('kind')} « ${kindText} » non comprise : écrivez « Première demande » ou « Renouvellement » (avec la référence de la demande renouvelée).`);
  const previousReference = plainReference(get('previousReference'));
  if (kind?.renewal && !previousReference) errors.push('Renouvellement sans la référence de la demande renouvelée : indiquez-la dans la colonne « Demande renouvelée ».');
  if (kind && !kind.renewal && previousReference) errors.push(`Première demande, mais une demande renouvelée est indiquée (${previousReference}) : corrigez la nature ou la référence.`);

  const receivedOn = past(date('receivedOn', true), 'receivedOn');
  const meetingDay = date('meeting');
  let opinionOn = date('opinionOn');
  let meetingId: string | null = null;
  const opinion = word('opinion', readOpinion, '« Favorable », « Défavorable » ou « Ajourné »');
  if (meetingDay) {
    meetingId = meetingsByDay.get(meetingDay) ?? null;
    // A meeting held before Maillage dates the avis; one still to come is for the examining meeting's page.
    if (!meetingId && opinion) opinionOn ??= meetingDay;
    else if (!meetingId) warnings.push(`Aucune séance du ${formatDate(meetingDay)} dans Maillage : la date de séance est ignorée (la demande attend son avis).`);
  }
  const decision = word('decision', readDecision, '« Autorisé » ou « Refusé »');
  let endReason: ParcoursEndReason | null = word('endReason', readEndReason, 'fin du parcours, sortie anticipée, abandon, départ du département ou autre');
  const saidRenewed = endReason === 'renouvele';
  let closedOn = date('closedOn');
  // « Renouvelé » and « Demande refusée » follow from the chain and the decision: Maillage sets them itself.
  if (endReason === 'renouvele' || endReason === 'refus') {
    endReason = null;
    closedOn = null;
  }
  const givenState = word('state', readState, '« En instruction », « En cours » ou « Terminé »');

  const list = readRights(get('rights'));
  if (list.unknown.length) warnings.push(`${list.unknown.length > 1 ? 'Droits inconnus ignorés' : 'Droit inconnu ignoré'} : ${list.unknown.map((d) => `« ${d} »`).join(', ')}.`);
  const rights = new Set(list.rights);
  for (const [field, right] of RIGHT_COLUMNS) {
    const yes = parseBoolean(get(field));
    if (yes === undefined) warnings.push(`${label(field)} « ${get(field)} » non compris (oui ou non) : ignoré.`);
    if (yes) rights.add(right);
  }

  const reference = plainReference(get('reference'));
  const candidate: ParcoursFields = {
    reference: reference || null,
    associationId: association?.id ?? null,
    associationName: association?.name ?? associationName,
    previousId: null,
    receivedOn: receivedOn ?? '',
    meetingId,
    opinion,
    opinionOn: past(opinionOn, 'opinionOn'),
    opinionReasons: get('opinionReasons') || null,
    decision,
    decisionOn: past(date('decisionOn'), 'decisionOn'),
    decreeRef: get('decreeRef') || null,
    startsOn: date('startsOn'),
    endsOn: date('endsOn'),
    rights: [...rights],
    endReason: endReason as ParcoursFields['endReason'],
    closedOn: past(closedOn, 'closedOn'),
    sex: word('sex', readSex, 'femme, homme ou autre', true),
    ageBand: word('ageBand', readAgeBand, '18–24, 25–34, 35–44 ou 45 ans et plus', true),
    nationality: word('nationality', readNationality, 'française, Union européenne ou hors Union européenne', true),
    notes: get('notes') || null,
  };
  if (!associationName) errors.push('Association absente : indiquez l’association agréée qui présente la demande.');
  if (stripped) warnings.push('Caractères invisibles ou de contrôle supprimés (ils rendraient les documents Word et Excel illisibles).');

  let input: ParcoursFields | null = null;
  if (errors.length === 0) {
    // The renewal's link is checked by the register; a placeholder keeps the schema's own checks on the rest.
    const result = parcoursFields.safeParse(candidate);
    if (result.success) input = candidate;
    else for (const issue of result.error.issues) errors.push(labelled(String(issue.path[0] ?? ''), issue.message));
  }
  return { line, reference, association: associationName, kind: kind ?? null, previousReference, input, givenState, saidRenewed, errors, warnings };
}

/**
 * Rows in the order the register needs them: a renewal after the request it renews, otherwise by
 * date received, then row number. Rows whose chain loops back on itself are returned apart.
 */
function chainOrder(rows: ReadRow[]): { ordered: ReadRow[]; looping: ReadRow[] } {
  const byReference = new Map(rows.filter((r) => r.reference).map((r) => [r.reference, r]));
  const pending = [...rows].sort((a, b) => (a.input?.receivedOn ?? '').localeCompare(b.input?.receivedOn ?? '') || a.line - b.line);
  const placed = new Set<ReadRow>();
  const ordered: ReadRow[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const r of pending) {
      if (placed.has(r)) continue;
      const previous = r.previousReference ? byReference.get(r.previousReference) : undefined;
      if (previous && previous !== r && !placed.has(previous)) continue;
      placed.add(r);
      ordered.push(r);
      progress = true;
    }
  }
  return { ordered, looping: pending.filter((r) => !placed.has(r)) };
}

class Rollback extends Error {}

interface ParcoursImportResult {
  preview: ParcoursImportPreview;
  /** Set when the rows were written. */
  summary: ParcoursImportSummary | null;
}

/**
 * Reads every row against the mapping and the register, writing each request as the form would,
 * inside one transaction: rolled back for a preview or when a row has an error, committed otherwise.
 */
export function runParcoursImport(db: Db, table: PreparedTable, mapping: (ParcoursImportField | null)[], options: { commit: boolean; now: Date; today: string }): ParcoursImportResult {
  const identity = table.identity ?? [];
  const mapped = identity.find((c) => mapping[c.column]);
  if (mapped) {
    throw new ApiError(
      'validation',
      `La colonne « ${mapped.header} » identifie une personne${mapped.reason ? ` (elle ${mapped.reason})` : ''} : le registre est anonyme, elle ne peut pas être importée.`,
    );
  }
  if (!mapping.includes('receivedOn') || !mapping.includes('association')) {
    throw new ApiError('validation', 'Indiquez quelles colonnes contiennent l’association et la date de réception de la demande : elles sont obligatoires.');
  }
  const columnOf = new Map(mapping.flatMap((f, i) => (f ? [[f, i] as const] : [])));
  const associations = new Map<string, { id: string; name: string }>();
  // Approved associations win over a namesake of another type.
  for (const p of db.prepare(`SELECT id, name FROM partners ORDER BY type = 'association_sortie'`).all() as { id: string; name: string }[]) associations.set(normalise(p.name), p);
  const meetingsByDay = new Map<string, string>();
  for (const m of db.prepare(`SELECT id, substr(starts_at, 1, 10) AS day FROM meetings ORDER BY kind = ?`).all(EXAMINING_KIND) as { id: string; day: string }[]) meetingsByDay.set(m.day, m.id);

  const read = table.rows.map((r) => readRow(r, columnOf, associations, meetingsByDay, options.today));
  const seen = new Map<string, number>();
  for (const r of read) {
    if (!r.reference) continue;
    const first = seen.get(r.reference);
    if (first !== undefined) r.errors.push(`La référence « ${r.reference} » figure déjà à la ligne ${first} : chaque demande a sa propre référence.`);
    else seen.set(r.reference, r.line);
  }
  const { ordered, looping } = chainOrder(read);
  for (const r of looping) r.errors.push(`Le renouvellement de ${r.previousReference} renvoie, de proche en proche, à lui-même : vérifiez les références.`);

  const reserved = new Set(read.map((r) => r.reference).filter(Boolean));
  const at = options.now.toISOString();
  const written = new Map<string, { id: string; renewalNumber: number; line: number }>();
  const finalReference = new Map<ReadRow, string>();
  const kindLabel = new Map<ReadRow, string>();
  const lineOf = new Map(read.map((r) => [r.reference, r.line]));
  let summary: ParcoursImportSummary | null = null;

  try {
    db.transaction(() => {
      for (const r of ordered) {
        if (r.errors.length > 0 || !r.input) continue;
        let previousId: string | null = null;
        if (r.previousReference) {
          const inFile = written.get(r.previousReference);
          const inRegister = cachedStatement(db, 'SELECT id FROM parcours_requests WHERE reference = ?').pluck().get(r.previousReference) as string | undefined;
          previousId = inFile?.id ?? inRegister ?? null;
          if (!previousId) {
            const line = lineOf.get(r.previousReference);
            r.errors.push(
              line !== undefined
                ? `La demande renouvelée ${r.previousReference} (ligne ${line}) est elle-même en erreur : corrigez-la d’abord.`
                : `La demande renouvelée ${r.previousReference} n’est ni dans le fichier ni dans le registre.`,
            );
            continue;
          }
        }
        const reference = r.input.reference ?? freeReference(db, r.input.receivedOn, reserved);
        reserved.add(reference);
        try {
          const created = db.transaction(() => insertParcours(db, parcoursFields.parse({ ...r.input, reference, previousId }), at, options.today))();
          written.set(reference, { id: created.id, renewalNumber: created.renewalNumber, line: r.line });
          finalReference.set(r, reference);
          kindLabel.set(r, parcoursKind(created.renewalNumber));
          if (r.kind?.renewal && r.kind.number !== null && r.kind.number !== created.renewalNumber) {
            r.warnings.push(`Renouvellement n° ${r.kind.number} indiqué, mais c’est le n° ${created.renewalNumber} de ce parcours d’après la demande renouvelée : n° ${created.renewalNumber} retenu.`);
          }
          if (!r.input.reference) r.warnings.push(`Sans référence dans le fichier : Maillage la numérote ${reference}.`);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          const detail = error.details?.[0];
          r.errors.push(labelled(detail?.path, error.message));
        }
      }
      // The state the register holds once every row is in (an authorised renewal closes the parcours it renews).
      for (const r of read) {
        const reference = finalReference.get(r);
        if (!reference || !r.givenState) continue;
        const held = cachedStatement(db, 'SELECT state, end_reason AS endReason FROM parcours_requests WHERE reference = ?').get(reference) as { state: ParcoursState; endReason: string | null };
        if (held.state === r.givenState) continue;
        if (r.saidRenewed) {
          // A renewal in error already says why this parcours is not closed.
          if (read.some((n) => n.previousReference === r.reference && n.errors.length > 0)) continue;
          r.errors.push(`${parcoursImportFieldLabels.endReason} « Renouvelé », mais aucun renouvellement autorisé de ${reference} ne suit dans le fichier ni dans le registre : indiquez le vrai motif de fin, ou ajoutez la ligne du renouvellement.`);
          continue;
        }
        r.errors.push(
          r.givenState === 'termine'
            ? `${parcoursImportFieldLabels.state} « ${parcoursStates.labels.termine} » sans motif de fin : indiquez le motif (fin du parcours, sortie anticipée, abandon, départ du département, autre) et la date de fin.`
            : `${parcoursImportFieldLabels.state} « ${parcoursStates.labels[r.givenState]} » ne correspond pas aux autres colonnes : d’après l’avis, la décision et le motif de fin, la demande est « ${parcoursStates.labels[held.state]} ».`,
        );
      }
      // A parcours still « En cours » after its planned end: the register will ask for its exit; the import says so now.
      for (const r of read) {
        const reference = finalReference.get(r);
        if (!reference || r.errors.length > 0) continue;
        const held = cachedStatement(db, 'SELECT state, ends_on AS endsOn FROM parcours_requests WHERE reference = ?').get(reference) as { state: ParcoursState; endsOn: string | null };
        if (held.state === 'en_cours' && held.endsOn && held.endsOn < options.today)
          r.warnings.push(`Parcours « ${parcoursStates.labels.en_cours} » dont la fin prévue (${formatDate(held.endsOn)}) est passée : indiquez le motif et la date de fin, ou la ligne de son renouvellement.`);
      }
      const errors = read.filter((r) => r.errors.length > 0).length;
      if (options.commit && errors === 0) {
        const created = [...written.values()];
        summary = {
          created: created.length,
          firstRequests: created.filter((c) => c.renewalNumber === 0).length,
          renewals: created.filter((c) => c.renewalNumber > 0).length,
          warnings: read.filter((r) => r.warnings.length > 0).length,
        };
        return;
      }
      throw new Rollback();
    })();
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }

  const rows: ParcoursImportRow[] = read.map((r) => ({
    line: r.line,
    reference: finalReference.get(r) ?? r.reference,
    association: r.association,
    kind: kindLabel.get(r) ?? (r.kind ? (r.kind.renewal ? 'Renouvellement' : parcoursKind(0)) : ''),
    level: r.errors.length > 0 ? 'error' : r.warnings.length > 0 ? 'warning' : 'ok',
    messages: [...r.errors.map((text) => ({ level: 'error' as const, text })), ...r.warnings.map((text) => ({ level: 'warning' as const, text }))],
  }));
  const valid = [...written.values()];
  const preview: ParcoursImportPreview = {
    rows,
    errors: rows.filter((r) => r.level === 'error').length,
    warnings: rows.filter((r) => r.level === 'warning').length,
    firstRequests: valid.filter((c) => c.renewalNumber === 0).length,
    renewals: valid.filter((c) => c.renewalNumber > 0).length,
    identityColumns: identity,
    unknownAssociations: [...new Set(read.filter((r) => r.association && !associations.has(normalise(r.association))).map((r) => r.association))],
  };
  if (options.commit && !summary) {
    throw new ApiError(
      'validation',
      `${plural(preview.errors, 'ligne comporte une erreur', 'lignes comportent une erreur')} : rien n’a été importé. Corrigez le fichier, ou la correspondance des colonnes, puis recommencez.`,
    );
  }
  return { preview, summary };
}

/** The next « PS-AAAA-NNN » of the register that no row of the file already uses. */
function freeReference(db: Db, receivedOn: string, reserved: Set<string>): string {
  const first = /^(.*-)(\d+)$/.exec(nextReference(db, receivedOn))!;
  const prefix = first[1]!;
  let n = Number(first[2]);
  let reference = first[0];
  while (reserved.has(reference)) reference = `${prefix}${String(++n).padStart(3, '0')}`;
  return reference;
}
