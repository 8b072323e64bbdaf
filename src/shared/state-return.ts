/**
 * The yearly return of a commission to the State: its table (one row per indicator × zone × date ×
 * value type, in the spirit of the Table Schema of the State's steering tool PILOTE), the catalogue of
 * its indicators with their stable identifiers, and the format's version. Written by
 * features/state-return, checked by its validator and read by the consolidation; every indicator is
 * defined in docs/remontee-annuelle.md.
 */
import { departement, type Departement, type Region } from './departements';
import { meetingKinds, meteos, parcoursEndReasons, parcoursExitReasons, parcoursRights, partnerTypes } from './labels';
import { lowerFirst } from './text';

/** The format's version: a file of a higher major version was written by a later Maillage and is refused. */
export const STATE_RETURN_VERSION = '1.0.0';
export const STATE_RETURN_PROFILE = 'maillage-remontee-annuelle';

/** Columns of the table, in order. */
export const STATE_RETURN_FIELDS = ['indicator_id', 'indicator_label', 'zone_id', 'date', 'value_type', 'value'] as const;
export type StateReturnField = (typeof STATE_RETURN_FIELDS)[number];
/** A row is identified by these; two rows with the same key are an error. */
export const STATE_RETURN_KEY = ['indicator_id', 'zone_id', 'date', 'value_type'] as const;

/** « realise »: what happened; « cible »: what the rule asks (two plenaries a year). */
export const VALUE_TYPES = ['realise', 'cible'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export interface StateReturnRow {
  indicator_id: string;
  indicator_label: string;
  zone_id: string;
  /** The day the value describes (YYYY-MM-DD): the year's 31 December. */
  date: string;
  value_type: ValueType;
  value: number;
}

export const themes = {
  seances: 'Séances de la commission',
  parcours: 'Parcours de sortie de la prostitution',
  mineurs: 'Exploitation sexuelle des mineurs (axe 4 de la stratégie nationale)',
  protocoles: 'Protocoles et conventions',
  reseau: 'Réseau partenarial',
} as const;
export type Theme = keyof typeof themes;

export interface IndicatorDef {
  id: string;
  label: string;
  theme: Theme;
  /** Ids whose values add up to this one, for the same zone, date and value type. */
  parts?: string[];
  /** Present only when there is something to count (a campaign of returns covered the year); never required. */
  optional?: boolean;
}

/** The measures of axis 4 of the 2024 strategy that each département carries out. */
export const AXIS4_MEASURES = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25] as const;

/** Requests by association: one indicator per association, named in its label; ids start with this. */
export const ASSOCIATION_PREFIX = 'parcours_demandes_association_';

/** « Association Les Amis du Nid » → « association_les_amis_du_nid »: a stable id from the association's name. */
export function associationId(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return `${ASSOCIATION_PREFIX}${slug || 'sans_nom'}`;
}

/** The answer rate of the campaign of returns from partners that covered the year: answered out of asked. */
export const CAMPAIGN_ASKED = 'reseau_campagne_interrogees';
export const CAMPAIGN_ANSWERED = 'reseau_campagne_repondu';

/** The figure a consolidation's map is shaded by unless another is chosen. */
export const DEFAULT_MAP_INDICATOR = 'parcours_personnes_en_parcours';

function catalogue(): IndicatorDef[] {
  const list: IndicatorDef[] = [];
  const add = (d: IndicatorDef) => list.push(d);

  add({ id: 'seances_tenues', label: 'Séances tenues', theme: 'seances', parts: meetingKinds.codes.map((k) => `seances_${k}`) });
  for (const k of meetingKinds.codes) add({ id: `seances_${k}`, label: `Séances tenues : ${lowerFirst(meetingKinds.labels[k])}`, theme: 'seances' });

  add({ id: 'parcours_demandes', label: 'Demandes de parcours de sortie reçues', theme: 'parcours', parts: ['parcours_premieres_demandes', 'parcours_renouvellements'] });
  add({ id: 'parcours_premieres_demandes', label: 'Premières demandes reçues', theme: 'parcours' });
  add({ id: 'parcours_renouvellements', label: 'Demandes de renouvellement reçues', theme: 'parcours' });
  add({ id: 'parcours_avis', label: 'Avis rendus par la commission (favorables ou défavorables)', theme: 'parcours', parts: ['parcours_avis_favorables', 'parcours_avis_defavorables'] });
  add({ id: 'parcours_avis_favorables', label: 'Avis favorables', theme: 'parcours' });
  add({ id: 'parcours_avis_defavorables', label: 'Avis défavorables', theme: 'parcours' });
  add({ id: 'parcours_avis_ajournes', label: 'Demandes ajournées', theme: 'parcours' });
  add({ id: 'parcours_decisions', label: 'Décisions du préfet', theme: 'parcours', parts: ['parcours_autorisations', 'parcours_refus'] });
  add({ id: 'parcours_autorisations', label: 'Autorisations du préfet', theme: 'parcours' });
  add({ id: 'parcours_refus', label: 'Refus du préfet', theme: 'parcours' });
  add({ id: 'parcours_personnes_en_parcours', label: 'Personnes en parcours le 31 décembre', theme: 'parcours' });
  add({ id: 'parcours_sorties', label: 'Sorties de parcours', theme: 'parcours', parts: parcoursExitReasons.map((r) => `parcours_sorties_${r}`) });
  for (const r of parcoursExitReasons) add({ id: `parcours_sorties_${r}`, label: `Sorties de parcours : ${lowerFirst(parcoursEndReasons.labels[r])}`, theme: 'parcours' });
  add({ id: 'parcours_personnes_entrees', label: 'Personnes entrées en parcours, en cumul', theme: 'parcours' });
  for (const r of parcoursRights.codes) add({ id: `parcours_droits_${r}`, label: `Personnes à qui le parcours a ouvert le droit, en cumul : ${lowerFirst(parcoursRights.labels[r])}`, theme: 'parcours' });

  for (const m of AXIS4_MEASURES) {
    const kinds = [...meteos.codes, 'sans_meteo'] as const;
    add({ id: `mineurs_m${m}_fiches`, label: `Mesure ${m} : fiches actions suivies`, theme: 'mineurs', parts: kinds.map((k) => `mineurs_m${m}_fiches_${k}`) });
    for (const k of kinds) add({ id: `mineurs_m${m}_fiches_${k}`, label: `Mesure ${m} : fiches de météo ${k === 'sans_meteo' ? 'non renseignée' : lowerFirst(meteos.labels[k])}`, theme: 'mineurs' });
  }

  add({ id: 'protocoles_signes', label: 'Protocoles et conventions signés dans l’année', theme: 'protocoles' });
  add({ id: 'protocoles_en_vigueur', label: 'Protocoles et conventions en vigueur le 31 décembre', theme: 'protocoles' });

  add({ id: 'reseau_structures', label: 'Structures du réseau le 31 décembre', theme: 'reseau', parts: partnerTypes.codes.map((t) => `reseau_structures_${t}`) });
  for (const t of partnerTypes.codes) add({ id: `reseau_structures_${t}`, label: `Structures du réseau : ${lowerFirst(partnerTypes.labels[t])}`, theme: 'reseau' });
  // The partners' answer rate, as its two counts (a rate is not summed by a consolidation; its counts are).
  add({ id: CAMPAIGN_ASKED, label: 'Campagne de remontées couvrant l’année : structures interrogées', theme: 'reseau', optional: true });
  add({ id: CAMPAIGN_ANSWERED, label: 'Campagne de remontées couvrant l’année : structures qui ont répondu', theme: 'reseau', optional: true });
  return list;
}

/** Every fixed indicator, in the order of the return; requests by association come after the parcours ones. */
export const INDICATORS: readonly IndicatorDef[] = catalogue();
export const indicatorById: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((d) => [d.id, d]));

/** An id the format knows: a fixed indicator, or one association's requests. */
export function isKnownIndicator(id: string): boolean {
  return indicatorById.has(id) || (id.startsWith(ASSOCIATION_PREFIX) && /^[a-z0-9_]+$/.test(id));
}

export function themeOf(id: string): Theme {
  return indicatorById.get(id)?.theme ?? 'parcours';
}

/** « D33 », « D2A », « D974 »: the zone of a département as PILOTE writes it. */
export function zoneId(departementCode: string): string {
  return `D${departementCode}`;
}

/** The département of a zone id, when it names one of the official list. */
export function zoneDepartement(zone: string): string | null {
  return zone.startsWith('D') && departement(zone.slice(1)) ? zone.slice(1) : null;
}

/** The major of a semantic version, or null when it is not one. */
export function majorOf(version: string): number | null {
  const m = /^(\d+)\.\d+\.\d+$/.exec(version);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// A consolidation of returns (features/state-return/consolidate.ts makes it, documents/state-return writes it)

export interface SetAside {
  /** Relative to the folder consolidated. */
  file: string;
  reasons: string[];
}

export interface ConsolidatedReturn {
  departement: Departement;
  file: string;
  created: string | null;
  /** Realised values of the year and of the previous one, by indicator id. */
  now: Map<string, number>;
  before: Map<string, number>;
  labels: Map<string, string>;
}

export interface Consolidation {
  year: number;
  /** The region when every return comes from one; null for the whole country. */
  region: Region | null;
  returns: ConsolidatedReturn[];
  setAside: SetAside[];
  /** « Deux remontées pour la Gironde (D33) : … est retenue, … est écartée. » */
  duplicates: string[];
  /** How many files were read (every datapackage.json, and every CSV without one). */
  filesExamined: number;
  /** Départements of the scope without a (valid) return, in official order. */
  missing: Departement[];
  /** Sums by indicator id, year and previous year (previous only from the returns that carry it: `withPrevious` of them). */
  totals: { now: Map<string, number>; before: Map<string, number>; withPrevious: number };
  /** Every indicator of the consolidation, fixed ones first, then the associations', with their labels. */
  indicators: { id: string; label: string }[];
}

