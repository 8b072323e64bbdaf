/**
 * Every TEXT column of the schema, and whether it can hold a person's name or details: the one list
 * that « Effacer partout » (features/partners/erasure.ts), the export of a person's data and the
 * tests read. A migration that adds a TEXT column lists it here, as personal or not:
 * test/unit/personal-columns.test.ts fails until it is (and when a listed column no longer exists).
 *
 * What each kind means for a person being erased (whose name is found whole-word, accents and case
 * ignored, with or without their civility, first name or initial):
 * - `contact`: the contact's own record, deleted with it (another contact's record is left alone).
 * - `name`: a snapshot of a person's name, kept so that history does not change when a record does
 *   (attendance lists, follow-up owners, signatories, chairs). Replaced whole by « Personne effacée »
 *   when it names the person; the columns that `describe` it (civility, role, title) are emptied with it.
 *   `contact`: a link that makes the row the person whatever the name says. `partner`: the structure
 *   the row belongs to; a namesake in another structure is someone else.
 * - `setting`: a Paramètres field that names a person or holds contact details: emptied when it
 *   names the person or holds their e-mail or phone (documents then leave it out until it is filled).
 * - `text`: free text (notes, journal, decisions…): the person's name, e-mail and phone are replaced
 *   where they appear, the rest of the text kept.
 * - `history`: JSON snapshots of the change log, scrubbed like the columns they copy.
 * - `describes`: the civility, role or title of the person a `name` or `setting` column names.
 * - `none`: cannot hold a person's name or details (ids, codes, dates, vocabularies, names of
 *   structures, paths of files, the anonymous register's codes); why is said beside each.
 */

export type ColumnRule =
  | { kind: 'contact' }
  | { kind: 'name'; place: string; contact?: string; partner?: string }
  | { kind: 'setting'; place: string }
  | { kind: 'text'; place: string }
  | { kind: 'history' }
  | { kind: 'describes'; name: string }
  | { kind: 'none'; why: string };

const ID: ColumnRule = { kind: 'none', why: 'identifiant' };
const DATE: ColumnRule = { kind: 'none', why: 'date ou horodatage' };
const CODE: ColumnRule = { kind: 'none', why: 'code d’un vocabulaire de Maillage' };
const STRUCTURE: ColumnRule = { kind: 'none', why: 'nom d’une structure' };
const PATH: ColumnRule = { kind: 'none', why: 'nom d’un fichier joint ou d’un document enregistré ; le fichier lui-même n’est pas réécrit' };
const CONTACT: ColumnRule = { kind: 'contact' };
const text = (place: string): ColumnRule => ({ kind: 'text', place });

/** Table → column → rule. Tables without TEXT columns are listed too, empty, so that none is forgotten. */
export const PERSONAL_COLUMNS: Readonly<Record<string, Readonly<Record<string, ColumnRule>>>> = {
  commission: {
    name: { kind: 'none', why: 'nom de la commission' },
    department_code: CODE,
    secretary_name: { kind: 'setting', place: 'Paramètres de la commission' },
    logo_file: PATH,
    created_at: DATE,
    updated_at: DATE,
    prefecture_city: { kind: 'none', why: 'ville de la préfecture' },
    secretariat_contact: { kind: 'setting', place: 'Paramètres de la commission' },
    signatory_name: { kind: 'setting', place: 'Paramètres de la commission' },
    signatory_title: { kind: 'describes', name: 'signatory_name' },
    prefect_civility: { kind: 'describes', name: 'prefect_name' },
    prefect_name: { kind: 'setting', place: 'Paramètres de la commission' },
  },
  frameworks: {
    id: ID,
    code: CODE,
    title: text('Catalogue des mesures'),
    short_title: text('Catalogue des mesures'),
    presented_on: DATE,
    description: text('Catalogue des mesures'),
  },
  catalogue_nodes: {
    id: ID,
    framework_id: ID,
    parent_id: ID,
    code: CODE,
    kind: CODE,
    label: { kind: 'none', why: 'numéro d’une mesure (« A1 », « M15 »)' },
    title: text('Catalogue des mesures'),
    source_note: text('Catalogue des mesures'),
    retired_at: DATE,
    created_at: DATE,
    updated_at: DATE,
    short_title: text('Catalogue des mesures'),
    pilot: text('Catalogue des mesures'),
  },
  partners: {
    id: ID,
    name: STRUCTURE,
    type: CODE,
    domains: CODE,
    address: text('Annuaire des structures'),
    postcode: { kind: 'none', why: 'code postal d’une structure' },
    commune: { kind: 'none', why: 'commune d’une structure' },
    website: text('Annuaire des structures'),
    siret: { kind: 'none', why: 'SIRET d’une structure' },
    notes: text('Annuaire des structures'),
    created_at: DATE,
    updated_at: DATE,
    agrement_on: DATE,
    agrement_prefecture: { kind: 'none', why: 'préfecture qui a délivré l’agrément d’une structure' },
  },
  contacts: {
    id: ID,
    partner_id: ID,
    civility: CONTACT,
    first_name: CONTACT,
    last_name: CONTACT,
    // Another contact's function, source or notes may name the person.
    role: text('Fiches des autres contacts'),
    email: CONTACT,
    phone: CONTACT,
    source: text('Fiches des autres contacts'),
    confirmed_on: DATE,
    notes: text('Fiches des autres contacts'),
    created_at: DATE,
    updated_at: DATE,
  },
  actions: {
    id: ID,
    code: { kind: 'none', why: 'numéro d’une fiche action' },
    title: text('Fiches actions'),
    description: text('Fiches actions'),
    expected_results: text('Fiches actions'),
    pilot_partner_id: ID,
    status: CODE,
    meteo: CODE,
    meteo_reason: text('Fiches actions'),
    starts_on: DATE,
    ends_on: DATE,
    funders: text('Fiches actions'),
    created_at: DATE,
    updated_at: DATE,
  },
  action_measures: { action_id: ID, node_id: ID },
  action_partners: { action_id: ID, partner_id: ID },
  journal_entries: {
    return_intake_id: ID,
    id: ID,
    action_id: ID,
    entry_on: DATE,
    text: text('Journal des fiches actions'),
    status: CODE,
    meteo: CODE,
    meteo_reason: text('Journal des fiches actions'),
    created_at: DATE,
    updated_at: DATE,
  },
  indicators: {
    id: ID,
    action_id: ID,
    name: text('Indicateurs'),
    unit: text('Indicateurs'),
    baseline_on: DATE,
    target_on: DATE,
    created_at: DATE,
    updated_at: DATE,
  },
  indicator_values: { id: ID, indicator_id: ID, measured_on: DATE, note: text('Indicateurs'), created_at: DATE, return_intake_id: ID },
  protocols: {
    id: ID,
    title: text('Protocoles'),
    object: text('Protocoles'),
    kind: CODE,
    status: CODE,
    signed_on: DATE,
    starts_on: DATE,
    ends_on: DATE,
    review_on: DATE,
    file_name: PATH,
    notes: text('Protocoles'),
    created_at: DATE,
    updated_at: DATE,
  },
  protocol_signatories: {
    id: ID,
    protocol_id: ID,
    partner_id: ID,
    structure_name: STRUCTURE,
    signer_name: { kind: 'name', place: 'Signataires de protocoles', partner: 'partner_id' },
    signer_role: { kind: 'describes', name: 'signer_name' },
  },
  protocol_events: { id: ID, protocol_id: ID, status: CODE, on_date: DATE, note: text('Protocoles'), created_at: DATE },
  protocol_actions: { protocol_id: ID, action_id: ID },
  meetings: {
    id: ID,
    kind: CODE,
    title: text('Séances'),
    starts_at: DATE,
    ends_at: DATE,
    place: text('Séances'),
    video_link: text('Séances'),
    chair: { kind: 'name', place: 'Présidences de séance' },
    next_meeting_note: text('Séances'),
    notes: text('Séances'),
    created_at: DATE,
    updated_at: DATE,
    signatory_name: { kind: 'name', place: 'Signataires des convocations' },
    signatory_title: { kind: 'describes', name: 'signatory_name' },
    second_convocation_of: ID,
    minutes_signed_on: DATE,
  },
  meeting_attendees: {
    id: ID,
    meeting_id: ID,
    contact_id: ID,
    partner_id: ID,
    civility: { kind: 'describes', name: 'name' },
    name: { kind: 'name', place: 'Listes de présence', contact: 'contact_id', partner: 'partner_id' },
    role: { kind: 'describes', name: 'name' },
    structure: STRUCTURE,
    status: CODE,
    // The member who stood in for this one: the row's structure is the member's, not theirs.
    represented_by: { kind: 'name', place: 'Listes de présence (« représenté par »)' },
    mandate_to: ID,
    seat_member_id: ID,
  },
  agenda_items: {
    id: ID,
    meeting_id: ID,
    kind: CODE,
    title: text('Ordres du jour'),
    presenter: { kind: 'name', place: 'Intervenants de l’ordre du jour' },
    notes: text('Ordres du jour'),
    created_at: DATE,
    updated_at: DATE,
    approves_meeting_id: ID,
  },
  agenda_item_links: { agenda_item_id: ID, action_id: ID, protocol_id: ID },
  decisions: {
    id: ID,
    meeting_id: ID,
    agenda_item_id: ID,
    text: text('Décisions des séances'),
    action_id: ID,
    journal_entry_id: ID,
    created_at: DATE,
    updated_at: DATE,
  },
  follow_ups: {
    id: ID,
    meeting_id: ID,
    decision_id: ID,
    text: text('Suites à donner'),
    owner_partner_id: ID,
    owner_name: { kind: 'name', place: 'Responsables des suites à donner', partner: 'owner_partner_id' },
    due_on: DATE,
    status: CODE,
    closed_on: DATE,
    created_at: DATE,
    updated_at: DATE,
  },
  meeting_files: { id: ID, meeting_id: ID, title: text('Pièces des séances'), file_name: PATH, created_at: DATE },
  reports: {
    id: ID,
    title: text('Bilans'),
    from_on: DATE,
    to_on: DATE,
    file_path: PATH,
    options: { kind: 'none', why: 'options du bilan (codes et dates)' },
    generated_at: DATE,
  },
  change_log: { at: DATE, entity: CODE, entity_id: ID, op: CODE, before: { kind: 'history' }, after: { kind: 'history' } },
  // The anonymous register: no column can hold an identity (migration 0004); its references are
  // checked at entry (letters, digits and separators) and name a request, never a person.
  parcours_requests: {
    id: ID,
    reference: { kind: 'none', why: 'référence anonyme d’une demande' },
    chain_id: ID,
    previous_id: ID,
    association_id: ID,
    association_name: STRUCTURE,
    received_on: DATE,
    meeting_id: ID,
    opinion: CODE,
    opinion_on: DATE,
    opinion_reasons: text('Registre des parcours de sortie'),
    decision: CODE,
    casting_vote: CODE,
    decision_on: DATE,
    decree_ref: text('Registre des parcours de sortie'),
    starts_on: DATE,
    ends_on: DATE,
    rights: CODE,
    state: CODE,
    end_reason: CODE,
    closed_on: DATE,
    sex: CODE,
    age_band: CODE,
    nationality: CODE,
    notes: text('Registre des parcours de sortie'),
    created_at: DATE,
    updated_at: DATE,
  },
  parcours_archive: {
    id: ID,
    chain_id: ID,
    received_on: DATE,
    opinion: CODE,
    opinion_on: DATE,
    decision: CODE,
    decision_on: DATE,
    starts_on: DATE,
    ends_on: DATE,
    end_reason: CODE,
    closed_on: DATE,
    archived_at: DATE,
  },
  meeting_parcours: { meeting_id: ID, updated_at: DATE },
  // The composition (migration 0006): the seats of the préfet's arrêté and who holds them.
  seats: {
    id: ID,
    college: CODE,
    title: CODE,
    label: { kind: 'none', why: 'intitulé d’un siège de l’arrêté (une fonction, pas une personne)' },
    partner_id: ID,
    created_at: DATE,
    updated_at: DATE,
  },
  seat_members: {
    id: ID,
    seat_id: ID,
    contact_id: ID,
    name: { kind: 'name', place: 'Composition de la commission', contact: 'contact_id' },
    role: CODE,
    from_on: DATE,
    to_on: DATE,
    arrete_ref: { kind: 'none', why: 'référence d’un arrêté préfectoral' },
    arrete_on: DATE,
    created_at: DATE,
    updated_at: DATE,
  },
  avis_interests: { request_id: ID, attendee_id: ID, reason: text('Intérêts déclarés sur les demandes de parcours'), created_at: DATE },
  return_keys: {
    commission_uid: ID,
    secret: { kind: 'none', why: 'clé qui signe les classeurs de remontée' },
    created_at: DATE,
  },
  return_campaigns: {
    id: ID,
    name: text('Campagnes de remontées'),
    period_from: DATE,
    period_to: DATE,
    deadline_on: DATE,
    // The address partners answer to: often a person's own.
    reply_to: { kind: 'setting', place: 'Campagnes de remontées (adresse de réponse)' },
    created_at: DATE,
    updated_at: DATE,
  },
  return_requests: {
    id: ID,
    campaign_id: ID,
    partner_id: ID,
    partner_name: STRUCTURE,
    sent_on: DATE,
    reminded_on: DATE,
    answered_on: DATE,
    taken_in_on: DATE,
  },
  return_request_actions: { request_id: ID, action_id: ID, role: CODE },
  return_intakes: {
    id: ID,
    request_id: ID,
    fingerprint: { kind: 'none', why: 'empreinte du classeur et des réponses' },
    file_name: PATH,
    taken_in_at: DATE,
    // What was taken in, as the structure wrote it: its texts may name someone.
    summary: text('Remontées prises en compte'),
  },
};

export interface PersonalColumn {
  table: string;
  column: string;
  rule: ColumnRule;
}

/** Every listed column, in the order above. */
export function listedColumns(): PersonalColumn[] {
  return Object.entries(PERSONAL_COLUMNS).flatMap(([table, columns]) => Object.entries(columns).map(([column, rule]) => ({ table, column, rule })));
}

/** The columns of one kind, with their rule typed. */
export function columnsOfKind<K extends ColumnRule['kind']>(kind: K): (PersonalColumn & { rule: Extract<ColumnRule, { kind: K }> })[] {
  return listedColumns().filter((c): c is PersonalColumn & { rule: Extract<ColumnRule, { kind: K }> } => c.rule.kind === kind);
}

/** The columns that describe `table`.`name` (civility, role, title), emptied with it. */
export function describersOf(table: string, name: string): string[] {
  return Object.entries(PERSONAL_COLUMNS[table] ?? {})
    .filter(([, rule]) => rule.kind === 'describes' && rule.name === name)
    .map(([column]) => column);
}
