/**
 * The demonstration commission: a fictitious but realistic départemental network, so that a
 * secretary can try every screen and document before typing anything, and tests and benchmarks
 * get a known data set. Generation is deterministic: a seeded PRNG replaces Math.random and
 * randomUUID, and every date derives from the given day, so the same size and the same day always
 * give the same rows, ids included. Like real data, the demo holds organisations and professional
 * contacts only: individual situations appear as counts, never as people.
 */
import type { z } from 'zod';
import { departementName } from '../../shared/departements';
import { formatInteger, plural } from '../../shared/format';
import type {
  ActionStatus,
  AttendanceStatus,
  FollowUpStatus,
  InterventionDomain,
  MeetingKind,
  Meteo,
  PartnerType,
  ProtocolKind,
  ProtocolStatus,
} from '../../shared/labels';
import type { contactFields, partnerFields } from '../../shared/schemas/partners';
import type { Db } from '../db/connection';
import { insertContact, insertPartner } from './partners';

export interface DemoOptions {
  size: 'small' | 'large';
  today: Date;
}

/** The tables the demo fills, in the order a summary lists them. */
export const DEMO_TABLES = [
  'partners',
  'contacts',
  'actions',
  'action_measures',
  'action_partners',
  'journal_entries',
  'indicators',
  'indicator_values',
  'protocols',
  'protocol_signatories',
  'protocol_events',
  'protocol_actions',
  'meetings',
  'meeting_attendees',
  'agenda_items',
  'agenda_item_links',
  'decisions',
  'follow_ups',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];
export type DemoSummary = Record<DemoTable, number>;

interface SizeProfile {
  partners: number;
  contacts: number;
  actions: number;
  journalEntries: number;
  meetings: number;
  protocols: number;
  /** How far back the sessions go; one plénière every six months. */
  historyMonths: number;
}

const SIZES: Record<DemoOptions['size'], SizeProfile> = {
  small: { partners: 60, contacts: 150, actions: 25, journalEntries: 200, meetings: 8, protocols: 10, historyMonths: 18 },
  large: { partners: 2000, contacts: 5000, actions: 300, journalEntries: 5000, meetings: 100, protocols: 100, historyMonths: 72 },
};

/** Fills a commission just created by createCommissionDatabase (settings and catalogue present), in one transaction. */
export function generateDemo(db: Db, options: DemoOptions): DemoSummary {
  const size = SIZES[options.size];
  const today = parisDay(options.today);
  const rng = new Random(`maillage-demo|${options.size}|${today}`);
  const departmentCode = db.prepare('SELECT department_code FROM commission WHERE id = 1').pluck().get() as string | undefined;
  if (departmentCode === undefined) throw new Error('generateDemo needs a commission row');
  const territory = territoryOf(departmentCode, rng);

  db.transaction(() => {
    const network = insertNetwork(db, rng, territory, size, today);
    const actions = insertActions(db, rng, territory, network, size, today);
    const protocols = insertProtocols(db, rng, network, actions, size, today);
    insertMeetings(db, rng, territory, network, actions, protocols, size, today);
    const secretary = network.head('ddfe');
    db.prepare('UPDATE commission SET secretary_name = ? WHERE id = 1').run(`${secretary.civility} ${fullName(secretary)}`);
  })();

  return Object.fromEntries(DEMO_TABLES.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number])) as DemoSummary;
}

// ---------------------------------------------------------------------------------------------
// Randomness and calendar

class Random {
  private state: number;

  constructor(seed: string) {
    // FNV-1a spreads the seed text over 32 bits.
    let hash = 0x811c9dc5;
    for (const char of seed) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193);
    this.state = hash >>> 0;
  }

  /** mulberry32: tiny and fast, plenty for test data (nothing here is secret). */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  float(): number {
    return this.uint32() / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let left = this.float() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of entries) {
      left -= weight;
      if (left < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  /** A version 4 UUID (RFC 9562 variant bits set), indistinguishable from randomUUID's. */
  uuid(): string {
    const hex = [this.uint32(), this.uint32(), this.uint32(), this.uint32()].map((n) => n.toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

/** Dates are ISO calendar days (YYYY-MM-DD): they compare as strings and never meet a time zone. */
type Day = string;
const DAY_MS = 86_400_000;

/** The calendar day in France: a demo generated at 00:30 in Bordeaux belongs to that day, not to the UTC one. */
function parisDay(date: Date): Day {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function addMonths(day: Day, months: number): Day {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDate = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, lastDate));
  return first.toISOString().slice(0, 10);
}

function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function minDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}

function maxDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}

/**
 * Moves a date off weekends and August (the administration is away), forward or backward, so that
 * past sessions stay in the past and upcoming ones in the future.
 */
function workingDay(day: Day, direction: 1 | -1): Day {
  let result = day;
  while (result.slice(5, 7) === '08' || [0, 6].includes(new Date(`${result}T00:00:00Z`).getUTCDay())) result = addDays(result, direction);
  return result;
}

/** A UTC timestamp during office hours of that day. */
function stamp(rng: Random, day: Day): string {
  return `${day}T${String(rng.int(7, 16)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** 2025-03-01 → « 1er mars 2025 », as minutes and journals write dates. */
function longDate(day: Day): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date === 1 ? '1er' : date} ${MONTHS[month - 1]} ${year}`;
}

function monthYear(day: Day): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** Splits `total` into integers proportional to `weights`, at least `min` each (largest remainders). */
function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const spare = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (spare * w) / sum);
  const shares = exact.map((x) => min + Math.floor(x));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) shares[order[k]![1]]! += 1;
  return shares;
}

/** A shuffled deck of `count` codes in the given proportions, so that small demos still show every case. */
function deck<T>(rng: Random, count: number, proportions: readonly (readonly [T, number])[]): T[] {
  const shares = apportion(count, proportions.map(([, p]) => p));
  return rng.shuffle(proportions.flatMap(([code], i) => Array<T>(shares[i]!).fill(code)));
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** For e-mail addresses and domain names: no accents, no spaces, no apostrophes. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Adds a number to a name already taken (« … (2) »): large demos reuse patterns. */
function uniqueName(used: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name} (${n})`;
  used.add(candidate);
  return candidate;
}

// ---------------------------------------------------------------------------------------------
// Territory: where the structures are

interface Commune {
  name: string;
  postcode: string;
}

interface Territory {
  code: string;
  name: string;
  /** « de la Gironde », « du Nord », « de l’Ain »: how the administration names things of the département. */
  of: string;
  chefLieu: Commune;
  communes: Commune[];
  courts: string[];
  council: string;
  councilDomain: string;
  stateDomain: string;
  academyDomain: string;
  hospital: { name: string; domain: string };
  university: { name: string; domain: string } | null;
  /** Leading digits of phone numbers; the rest is random. */
  landlines: string[];
  mobiles: string[];
}

/** Code, « of » form, chef-lieu and its postcode, and the tribunal judiciaire when it sits elsewhere. */
const DEPARTEMENTS: readonly (readonly [string, string, string, string, string?])[] = [
  ['01', 'de l’Ain', 'Bourg-en-Bresse', '01000'],
  ['02', 'de l’Aisne', 'Laon', '02000'],
  ['03', 'de l’Allier', 'Moulins', '03000'],
  ['04', 'des Alpes-de-Haute-Provence', 'Digne-les-Bains', '04000'],
  ['05', 'des Hautes-Alpes', 'Gap', '05000'],
  ['06', 'des Alpes-Maritimes', 'Nice', '06000'],
  ['07', 'de l’Ardèche', 'Privas', '07000'],
  ['08', 'des Ardennes', 'Charleville-Mézières', '08000'],
  ['09', 'de l’Ariège', 'Foix', '09000'],
  ['10', 'de l’Aube', 'Troyes', '10000'],
  ['11', 'de l’Aude', 'Carcassonne', '11000'],
  ['12', 'de l’Aveyron', 'Rodez', '12000'],
  ['13', 'des Bouches-du-Rhône', 'Marseille', '13006'],
  ['14', 'du Calvados', 'Caen', '14000'],
  ['15', 'du Cantal', 'Aurillac', '15000'],
  ['16', 'de la Charente', 'Angoulême', '16000'],
  ['17', 'de la Charente-Maritime', 'La Rochelle', '17000'],
  ['18', 'du Cher', 'Bourges', '18000'],
  ['19', 'de la Corrèze', 'Tulle', '19000'],
  ['2A', 'de la Corse-du-Sud', 'Ajaccio', '20000'],
  ['2B', 'de la Haute-Corse', 'Bastia', '20200'],
  ['21', 'de la Côte-d’Or', 'Dijon', '21000'],
  ['22', 'des Côtes-d’Armor', 'Saint-Brieuc', '22000'],
  ['23', 'de la Creuse', 'Guéret', '23000'],
  ['24', 'de la Dordogne', 'Périgueux', '24000'],
  ['25', 'du Doubs', 'Besançon', '25000'],
  ['26', 'de la Drôme', 'Valence', '26000'],
  ['27', 'de l’Eure', 'Évreux', '27000'],
  ['28', 'd’Eure-et-Loir', 'Chartres', '28000'],
  ['29', 'du Finistère', 'Quimper', '29000'],
  ['30', 'du Gard', 'Nîmes', '30000'],
  ['31', 'de la Haute-Garonne', 'Toulouse', '31000'],
  ['32', 'du Gers', 'Auch', '32000'],
  ['33', 'de la Gironde', 'Bordeaux', '33000'],
  ['34', 'de l’Hérault', 'Montpellier', '34000'],
  ['35', 'd’Ille-et-Vilaine', 'Rennes', '35000'],
  ['36', 'de l’Indre', 'Châteauroux', '36000'],
  ['37', 'd’Indre-et-Loire', 'Tours', '37000'],
  ['38', 'de l’Isère', 'Grenoble', '38000'],
  ['39', 'du Jura', 'Lons-le-Saunier', '39000'],
  ['40', 'des Landes', 'Mont-de-Marsan', '40000'],
  ['41', 'de Loir-et-Cher', 'Blois', '41000'],
  ['42', 'de la Loire', 'Saint-Étienne', '42000'],
  ['43', 'de la Haute-Loire', 'Le Puy-en-Velay', '43000'],
  ['44', 'de la Loire-Atlantique', 'Nantes', '44000'],
  ['45', 'du Loiret', 'Orléans', '45000'],
  ['46', 'du Lot', 'Cahors', '46000'],
  ['47', 'de Lot-et-Garonne', 'Agen', '47000'],
  ['48', 'de la Lozère', 'Mende', '48000'],
  ['49', 'de Maine-et-Loire', 'Angers', '49000'],
  ['50', 'de la Manche', 'Saint-Lô', '50000'],
  ['51', 'de la Marne', 'Châlons-en-Champagne', '51000'],
  ['52', 'de la Haute-Marne', 'Chaumont', '52000'],
  ['53', 'de la Mayenne', 'Laval', '53000'],
  ['54', 'de Meurthe-et-Moselle', 'Nancy', '54000'],
  ['55', 'de la Meuse', 'Bar-le-Duc', '55000'],
  ['56', 'du Morbihan', 'Vannes', '56000'],
  ['57', 'de la Moselle', 'Metz', '57000'],
  ['58', 'de la Nièvre', 'Nevers', '58000'],
  ['59', 'du Nord', 'Lille', '59000'],
  ['60', 'de l’Oise', 'Beauvais', '60000'],
  ['61', 'de l’Orne', 'Alençon', '61000'],
  ['62', 'du Pas-de-Calais', 'Arras', '62000'],
  ['63', 'du Puy-de-Dôme', 'Clermont-Ferrand', '63000'],
  ['64', 'des Pyrénées-Atlantiques', 'Pau', '64000'],
  ['65', 'des Hautes-Pyrénées', 'Tarbes', '65000'],
  ['66', 'des Pyrénées-Orientales', 'Perpignan', '66000'],
  ['67', 'du Bas-Rhin', 'Strasbourg', '67000'],
  ['68', 'du Haut-Rhin', 'Colmar', '68000'],
  ['69', 'du Rhône', 'Lyon', '69003'],
  ['70', 'de la Haute-Saône', 'Vesoul', '70000'],
  ['71', 'de Saône-et-Loire', 'Mâcon', '71000'],
  ['72', 'de la Sarthe', 'Le Mans', '72000'],
  ['73', 'de la Savoie', 'Chambéry', '73000'],
  ['74', 'de la Haute-Savoie', 'Annecy', '74000'],
  ['75', 'de Paris', 'Paris', '75015'],
  ['76', 'de la Seine-Maritime', 'Rouen', '76000'],
  ['77', 'de Seine-et-Marne', 'Melun', '77000'],
  ['78', 'des Yvelines', 'Versailles', '78000'],
  ['79', 'des Deux-Sèvres', 'Niort', '79000'],
  ['80', 'de la Somme', 'Amiens', '80000'],
  ['81', 'du Tarn', 'Albi', '81000'],
  ['82', 'de Tarn-et-Garonne', 'Montauban', '82000'],
  ['83', 'du Var', 'Toulon', '83000'],
  ['84', 'de Vaucluse', 'Avignon', '84000'],
  ['85', 'de la Vendée', 'La Roche-sur-Yon', '85000'],
  ['86', 'de la Vienne', 'Poitiers', '86000'],
  ['87', 'de la Haute-Vienne', 'Limoges', '87000'],
  ['88', 'des Vosges', 'Épinal', '88000'],
  ['89', 'de l’Yonne', 'Auxerre', '89000'],
  ['90', 'du Territoire de Belfort', 'Belfort', '90000'],
  ['91', 'de l’Essonne', 'Évry-Courcouronnes', '91000'],
  ['92', 'des Hauts-de-Seine', 'Nanterre', '92000'],
  ['93', 'de la Seine-Saint-Denis', 'Bobigny', '93000'],
  ['94', 'du Val-de-Marne', 'Créteil', '94000'],
  ['95', 'du Val-d’Oise', 'Cergy', '95000', 'Pontoise'],
  ['971', 'de la Guadeloupe', 'Basse-Terre', '97100'],
  ['972', 'de la Martinique', 'Fort-de-France', '97200'],
  ['973', 'de la Guyane', 'Cayenne', '97300'],
  ['974', 'de La Réunion', 'Saint-Denis', '97400'],
  ['976', 'de Mayotte', 'Mamoudzou', '97600'],
];

/** Where the départemental council is a collectivity with another name. */
const COUNCILS: Record<string, string> = {
  '2A': 'Collectivité de Corse',
  '2B': 'Collectivité de Corse',
  '67': 'Collectivité européenne d’Alsace',
  '68': 'Collectivité européenne d’Alsace',
  '75': 'Ville de Paris',
  '972': 'Collectivité territoriale de Martinique',
  '973': 'Collectivité territoriale de Guyane',
};

/** First digits of landlines by region; overseas numbers have their own two-digit blocks. */
const PHONE_ZONES: Record<string, string> = {
  '01': '75 77 78 91 92 93 94 95',
  '02': '14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85',
  '03': '02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90',
  '04': '01 03 04 05 06 07 11 13 15 26 2A 2B 30 34 38 42 43 48 63 66 69 73 74 83 84',
  '05': '09 12 16 17 19 23 24 31 32 33 40 46 47 64 65 79 81 82 86 87',
};
const OVERSEAS_PHONES: Record<string, { landline: string; mobile: string }> = {
  '971': { landline: '0590', mobile: '0690' },
  '972': { landline: '0596', mobile: '0696' },
  '973': { landline: '0594', mobile: '0694' },
  '974': { landline: '0262', mobile: '0692' },
  '976': { landline: '0269', mobile: '0639' },
};

interface TerritoryDetail {
  communes: [string, string][];
  courts: string[];
  academyDomain: string;
  councilDomain: string;
  landlines: string[];
  hospital: [string, string];
  university: [string, string];
}

/** A few départements known in detail; the others get their chef-lieu only. */
const DETAILS: Record<string, TerritoryDetail> = {
  '33': {
    communes: [
      ['Bordeaux', '33000'], ['Mérignac', '33700'], ['Pessac', '33600'], ['Talence', '33400'], ['Villenave-d’Ornon', '33140'],
      ['Saint-Médard-en-Jalles', '33160'], ['Bègles', '33130'], ['La Teste-de-Buch', '33260'], ['Le Bouscat', '33110'],
      ['Gradignan', '33170'], ['Libourne', '33500'], ['Cenon', '33150'], ['Lormont', '33310'], ['Arcachon', '33120'],
      ['Eysines', '33320'], ['Blanquefort', '33290'], ['Bruges', '33520'], ['Floirac', '33270'], ['Langon', '33210'],
      ['Lesparre-Médoc', '33340'], ['Blaye', '33390'], ['Bazas', '33430'], ['Sainte-Foy-la-Grande', '33220'],
      ['Andernos-les-Bains', '33510'], ['Biganos', '33380'], ['Saint-André-de-Cubzac', '33240'], ['Gujan-Mestras', '33470'],
    ],
    courts: ['Bordeaux', 'Libourne'],
    academyDomain: 'ac-bordeaux.fr',
    councilDomain: 'gironde.fr',
    landlines: ['0556', '0557'],
    hospital: ['CHU de Bordeaux', 'chu-bordeaux.fr'],
    university: ['Université de Bordeaux', 'u-bordeaux.fr'],
  },
  '59': {
    communes: [
      ['Lille', '59000'], ['Roubaix', '59100'], ['Tourcoing', '59200'], ['Dunkerque', '59140'], ['Villeneuve-d’Ascq', '59650'],
      ['Valenciennes', '59300'], ['Douai', '59500'], ['Wattrelos', '59150'], ['Marcq-en-Barœul', '59700'], ['Cambrai', '59400'],
      ['Maubeuge', '59600'], ['Lambersart', '59130'], ['Armentières', '59280'], ['Avesnes-sur-Helpe', '59440'], ['Loos', '59120'],
    ],
    courts: ['Lille', 'Douai', 'Dunkerque', 'Valenciennes', 'Cambrai', 'Avesnes-sur-Helpe'],
    academyDomain: 'ac-lille.fr',
    councilDomain: 'lenord.fr',
    landlines: ['0320', '0327', '0328'],
    hospital: ['CHU de Lille', 'chu-lille.fr'],
    university: ['Université de Lille', 'univ-lille.fr'],
  },
  '13': {
    communes: [
      ['Marseille', '13006'], ['Marseille', '13003'], ['Marseille', '13013'], ['Aix-en-Provence', '13100'], ['Arles', '13200'],
      ['Martigues', '13500'], ['Aubagne', '13400'], ['Istres', '13800'], ['Salon-de-Provence', '13300'], ['Vitrolles', '13127'],
      ['Marignane', '13700'], ['La Ciotat', '13600'], ['Miramas', '13140'], ['Gardanne', '13120'], ['Tarascon', '13150'],
    ],
    courts: ['Marseille', 'Aix-en-Provence', 'Tarascon'],
    academyDomain: 'ac-aix-marseille.fr',
    councilDomain: 'departement13.fr',
    landlines: ['0491', '0442', '0490'],
    hospital: ['Assistance publique – Hôpitaux de Marseille', 'ap-hm.fr'],
    university: ['Aix-Marseille Université', 'univ-amu.fr'],
  },
  '31': {
    communes: [
      ['Toulouse', '31000'], ['Toulouse', '31200'], ['Toulouse', '31400'], ['Colomiers', '31770'], ['Tournefeuille', '31170'],
      ['Muret', '31600'], ['Blagnac', '31700'], ['Plaisance-du-Touch', '31830'], ['Cugnaux', '31270'], ['Balma', '31130'],
      ['L’Union', '31240'], ['Saint-Gaudens', '31800'], ['Castanet-Tolosan', '31320'], ['Ramonville-Saint-Agne', '31520'],
      ['Revel', '31250'], ['Villefranche-de-Lauragais', '31290'],
    ],
    courts: ['Toulouse', 'Saint-Gaudens'],
    academyDomain: 'ac-toulouse.fr',
    councilDomain: 'haute-garonne.fr',
    landlines: ['0561', '0562', '0534'],
    hospital: ['CHU de Toulouse', 'chu-toulouse.fr'],
    university: ['Université Toulouse – Jean-Jaurès', 'univ-tlse2.fr'],
  },
  '44': {
    communes: [
      ['Nantes', '44000'], ['Nantes', '44100'], ['Nantes', '44300'], ['Saint-Nazaire', '44600'], ['Saint-Herblain', '44800'],
      ['Rezé', '44400'], ['Saint-Sébastien-sur-Loire', '44230'], ['Orvault', '44700'], ['Vertou', '44120'], ['Carquefou', '44470'],
      ['La Baule-Escoublac', '44500'], ['Châteaubriant', '44110'], ['Ancenis-Saint-Géréon', '44150'], ['Pornic', '44210'],
      ['Guérande', '44350'], ['Clisson', '44190'],
    ],
    courts: ['Nantes', 'Saint-Nazaire'],
    academyDomain: 'ac-nantes.fr',
    councilDomain: 'loire-atlantique.fr',
    landlines: ['0240', '0251', '0228'],
    hospital: ['CHU de Nantes', 'chu-nantes.fr'],
    university: ['Nantes Université', 'univ-nantes.fr'],
  },
};

function territoryOf(code: string, rng: Random): Territory {
  const row = DEPARTEMENTS.find(([c]) => c === code);
  const name = departementName(code);
  if (!row || !name) throw new Error(`No demo territory for département ${code}`);
  const [, of, chefLieuName, chefLieuPostcode, court] = row;
  const chefLieu = { name: chefLieuName, postcode: chefLieuPostcode };
  const detail = DETAILS[code];
  const overseas = OVERSEAS_PHONES[code];
  const zone = Object.entries(PHONE_ZONES).find(([, codes]) => codes.split(' ').includes(code))?.[0] ?? '01';
  const hospitalName = `Centre hospitalier ${ofCommune(chefLieuName)}`;
  return {
    code,
    name,
    of,
    chefLieu,
    communes: detail ? detail.communes.map(([n, postcode]) => ({ name: n, postcode })) : [chefLieu],
    courts: detail?.courts ?? [court ?? chefLieuName],
    council: COUNCILS[code] ?? `Conseil départemental ${of}`,
    councilDomain: detail?.councilDomain ?? `${slug(name)}.fr`,
    stateDomain: `${slug(name)}.gouv.fr`,
    academyDomain: detail?.academyDomain ?? 'education.gouv.fr',
    hospital: detail ? { name: detail.hospital[0], domain: detail.hospital[1] } : { name: hospitalName, domain: `ch-${slug(chefLieuName)}.fr` },
    university: detail ? { name: detail.university[0], domain: detail.university[1] } : null,
    landlines: overseas ? [overseas.landline] : (detail?.landlines ?? [1, 2].map(() => `${zone}${rng.int(10, 99)}`)),
    mobiles: overseas ? [overseas.mobile] : ['06', '07'],
  };
}

/** « de Pessac », « du Bouscat », « des Sables », « d’Arcachon »: French contracts the article of a commune's name. */
function ofCommune(commune: string): string {
  if (commune.startsWith('Le ')) return `du ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `des ${commune.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎ]/.test(commune)) return `d’${commune}`;
  return `de ${commune}`;
}

/** « à Pessac », « au Bouscat », « aux Sables ». */
function atCommune(commune: string): string {
  if (commune.startsWith('Le ')) return `au ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `aux ${commune.slice(4)}`;
  return `à ${commune}`;
}

// ---------------------------------------------------------------------------------------------
// People

const FEMALE_FIRST_NAMES = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sophie', 'Valérie', 'Christine', 'Sandrine', 'Céline', 'Émilie',
  'Julie', 'Aurélie', 'Camille', 'Claire', 'Anne', 'Hélène', 'Laure', 'Élodie', 'Caroline', 'Virginie', 'Stéphanie',
  'Delphine', 'Karine', 'Agnès', 'Florence', 'Laetitia', 'Mélanie', 'Pauline', 'Léa', 'Manon', 'Chloé', 'Sarah', 'Amandine',
  'Béatrice', 'Patricia', 'Corinne', 'Fatima', 'Nadia', 'Samia', 'Leïla', 'Inès', 'Yasmine', 'Soraya', 'Martine', 'Audrey',
  'Charlotte', 'Mathilde', 'Anaïs', 'Justine', 'Élise', 'Margaux', 'Noémie', 'Anne-Sophie', 'Marie-Hélène', 'Solène', 'Gaëlle',
];
const MALE_FIRST_NAMES = [
  'Jean', 'Pierre', 'Philippe', 'Thierry', 'Stéphane', 'Laurent', 'Nicolas', 'Christophe', 'Frédéric', 'Olivier', 'Sébastien',
  'Julien', 'Vincent', 'Guillaume', 'François', 'Éric', 'David', 'Jérôme', 'Patrick', 'Alain', 'Benoît', 'Antoine', 'Thomas',
  'Maxime', 'Romain', 'Mathieu', 'Alexandre', 'Karim', 'Mehdi', 'Rachid', 'Yannick', 'Hervé', 'Gilles', 'Franck', 'Bruno',
  'Cédric', 'Damien', 'Arnaud', 'Fabien', 'Grégory', 'Lucas', 'Hugo', 'Samuel', 'Emmanuel', 'Didier', 'Pascal', 'Xavier',
  'Marc', 'Yves', 'Bertrand', 'Jean-Marc', 'Jean-Philippe', 'Loïc', 'Gaël',
];
const LAST_NAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel',
  'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine',
  'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier',
  'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu',
  'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard',
  'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard',
  'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas',
  'Lacroix', 'Olivier', 'Bourgeois', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Lecomte', 'Lopez', 'Dupuy', 'Guillot', 'Hubert',
  'Berger', 'Carpentier', 'Sanchez', 'Dupuis', 'Moulin', 'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer',
  'Klein', 'Jacquet', 'Adam', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Renault', 'Charpentier', 'Ménard', 'Maillard',
  'Baron', 'Bertin', 'Bailly', 'Schneider', 'Fernandez', 'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Prévost', 'Millet', 'Perrot',
  'Le Roux', 'Cousin', 'Germain', 'Breton', 'Besson', 'Langlois', 'Pelletier', 'Lévêque', 'Leblanc', 'Lebrun', 'Weber', 'Hamon',
  'Diallo', 'Benali', 'Haddad', 'Nguyen', 'Traoré', 'Mendy', 'Ferreira', 'Da Silva', 'Kaya', 'Bensaïd', 'Grondin', 'Étienne',
];

type Civility = 'Mme' | 'M.';

interface Person {
  civility: Civility;
  firstName: string;
  lastName: string;
}

function randomPerson(rng: Random): Person {
  // The social and child-protection professions are mostly women.
  const civility: Civility = rng.chance(0.62) ? 'Mme' : 'M.';
  return { civility, firstName: rng.pick(civility === 'Mme' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES), lastName: rng.pick(LAST_NAMES) };
}

function fullName(person: Person): string {
  return `${person.firstName} ${person.lastName}`;
}

/** Roles are written « masculine|feminine » when French genders them: « Directeur|Directrice ». */
function gendered(role: string, civility: Civility): string {
  const [masculine, feminine] = role.split('|') as [string, string?];
  return civility === 'Mme' ? (feminine ?? masculine) : masculine;
}

/** « 05 56 12 34 56 » from a prefix such as 0556. */
function phoneNumber(rng: Random, prefixes: readonly string[]): string {
  const prefix = rng.pick(prefixes);
  return `${prefix}${rng.digits(10 - prefix.length)}`.replace(/(\d\d)(?=\d)/g, '$1 ');
}

/** 14 digits whose Luhn sum is a multiple of 10, like every SIRET outside La Poste. */
function randomSiret(rng: Random): string {
  const body = `${rng.int(3, 8)}${rng.digits(12)}`;
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    let d = Number(body[i]);
    // Luhn doubles every second digit from the right: even indexes from the left once the key is appended.
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const STREETS = [
  'rue de la République', 'avenue Jean-Jaurès', 'rue Victor-Hugo', 'boulevard Gambetta', 'rue du Général-de-Gaulle',
  'rue Pasteur', 'avenue de la Libération', 'rue Émile-Zola', 'place de la Mairie', 'rue des Écoles', 'allée des Tilleuls',
  'rue Jean-Moulin', 'avenue du Maréchal-Leclerc', 'rue Nationale', 'cours de la Marne', 'rue Paul-Bert', 'quai des Chartrons',
  'rue Lafayette', 'impasse des Lilas', 'rue de la Gare',
];

// ---------------------------------------------------------------------------------------------
// Partners and contacts

type CoreKey =
  | 'prefecture' | 'etrangers' | 'ddfe' | 'ddets' | 'parquet' | 'police' | 'gendarmerie' | 'mpf' | 'cd' | 'ase' | 'crip'
  | 'pmi' | 'prevention' | 'pjj' | 'dsden' | 'ars' | 'uaped' | 'cegidd' | 'mda' | 'amicale' | 'mouvement' | 'cidff'
  | 'sauvegarde' | 'victimes' | 'siao' | 'chrs' | 'accueil' | 'umih' | 'ville' | 'ccas' | 'pare' | 'universite' | 'barreau';

interface StructureSpec {
  type: PartnerType;
  domains: InterventionDomain[];
  /** The first role is the head of the structure: the one who signs and sits on the commission. */
  roles: string[];
  siret?: boolean;
  website?: boolean;
  note?: string;
  /** A shelter for young victims: its address is kept out of every list. */
  confidential?: boolean;
}

interface CoreSpec extends StructureSpec {
  /** Null for structures that appear several times (one parquet per tribunal judiciaire). */
  key: CoreKey | null;
  name: string;
  emailDomain: string;
  member: boolean;
  /** Null for national bodies, which have no address in the département. */
  commune: Commune | null;
}

interface LocalSpec extends StructureSpec {
  weight: number;
  /** Police covers the big towns, the gendarmerie the rest; the chef-lieu's hospital is the CHU. */
  zone?: 'urban' | 'rural';
  /** Distinctive names to choose from (a collège's patron, a hotel's name…); none for « Mairie de … ». */
  brands?: readonly string[];
  name(commune: Commune, brand: string): string;
  emailDomain(commune: Commune, brand: string, t: Territory): string;
}

const MEMBER_NOTE = 'Membre de la commission (arrêté préfectoral de composition).';

function coreSpecs(t: Territory): CoreSpec[] {
  const at = t.chefLieu;
  const base = { commune: at, member: true };
  const specs: CoreSpec[] = [
    { ...base, key: 'prefecture', type: 'prefecture', name: `Préfecture ${t.of} – Cabinet du préfet`, domains: ['prevention', 'justice'], emailDomain: t.stateDomain, website: true, note: 'Présidence de la commission.',
      roles: [`Préfet ${t.of}|Préfète ${t.of}`, 'Directeur de cabinet|Directrice de cabinet', 'Chef du bureau de la prévention de la délinquance|Cheffe du bureau de la prévention de la délinquance'] },
    { ...base, key: 'etrangers', type: 'prefecture', name: `Préfecture ${t.of} – Service de l’immigration et de l’intégration`, domains: ['accompagnement'], emailDomain: t.stateDomain,
      roles: ['Chef du service de l’immigration et de l’intégration|Cheffe du service de l’immigration et de l’intégration', 'Adjoint au chef de service|Adjointe au chef de service'] },
    { ...base, key: 'ddfe', type: 'ddfe_ddets', name: `Délégation départementale aux droits des femmes et à l’égalité ${t.of}`, domains: ['prevention', 'accompagnement', 'formation'], emailDomain: t.stateDomain, note: 'Secrétariat de la commission.',
      roles: ['Délégué départemental aux droits des femmes et à l’égalité|Déléguée départementale aux droits des femmes et à l’égalité', 'Chargé de mission égalité|Chargée de mission égalité'] },
    { ...base, key: 'ddets', type: 'ddfe_ddets', name: `Direction départementale de l’emploi, du travail et des solidarités (DDETS) ${t.of}`, domains: ['hebergement', 'insertion'], emailDomain: t.stateDomain,
      roles: ['Directeur départemental|Directrice départementale', 'Chef du pôle hébergement et logement|Cheffe du pôle hébergement et logement'] },
    ...t.courts.map((court, i): CoreSpec => ({
      ...base, key: i === 0 ? 'parquet' : null, type: 'parquet', name: `Parquet près le tribunal judiciaire de ${court}`, domains: ['justice'], emailDomain: 'justice.fr',
      commune: t.communes.find((c) => c.name === court) ?? at, member: i === 0,
      roles: ['Procureur de la République|Procureure de la République', 'Vice-procureur, magistrat référent prostitution des mineurs|Vice-procureure, magistrate référente prostitution des mineurs', 'Procureur adjoint|Procureure adjointe'],
    })),
    { ...base, key: 'police', type: 'police', name: `Direction interdépartementale de la police nationale ${t.of}`, domains: ['justice', 'reperage'], emailDomain: 'interieur.gouv.fr',
      roles: ['Directeur interdépartemental|Directrice interdépartementale', 'Commissaire divisionnaire, chef du service de sécurité de proximité|Commissaire divisionnaire, cheffe du service de sécurité de proximité', 'Capitaine, chef de la brigade de protection des familles|Capitaine, cheffe de la brigade de protection des familles'] },
    { ...base, key: 'gendarmerie', type: 'gendarmerie', name: `Groupement de gendarmerie départementale ${t.of}`, domains: ['justice', 'reperage', 'prevention'], emailDomain: 'gendarmerie.interieur.gouv.fr',
      roles: ['Commandant du groupement|Commandante du groupement', 'Officier adjoint chargé de la prévention|Officière adjointe chargée de la prévention'] },
    { ...base, key: 'mpf', type: 'gendarmerie', name: `Maison de protection des familles ${t.of}`, domains: ['reperage', 'prevention', 'accompagnement'], emailDomain: 'gendarmerie.interieur.gouv.fr', member: false,
      roles: ['Commandant de la maison de protection des familles|Commandante de la maison de protection des familles', 'Gendarme, enquêteur référent|Gendarme, enquêtrice référente'] },
    { ...base, key: 'cd', type: 'conseil_departemental', name: t.council, domains: ['accompagnement', 'prevention'], emailDomain: t.councilDomain, website: true,
      roles: ['Vice-président chargé de la protection de l’enfance|Vice-présidente chargée de la protection de l’enfance', 'Directeur général adjoint des solidarités|Directrice générale adjointe des solidarités'] },
    { ...base, key: 'ase', type: 'conseil_departemental', name: `${t.council} – Direction de l’enfance et de la famille (ASE)`, domains: ['accompagnement', 'hebergement', 'reperage'], emailDomain: t.councilDomain,
      roles: ['Directeur de l’enfance et de la famille|Directrice de l’enfance et de la famille', 'Chef de service ASE|Cheffe de service ASE', 'Référent prostitution des mineurs|Référente prostitution des mineurs'] },
    { ...base, key: 'crip', type: 'conseil_departemental', name: `${t.council} – Cellule de recueil des informations préoccupantes (CRIP)`, domains: ['reperage'], emailDomain: t.councilDomain, member: false,
      roles: ['Responsable de la CRIP', 'Évaluateur|Évaluatrice'] },
    { ...base, key: 'pmi', type: 'conseil_departemental', name: `${t.council} – Protection maternelle et infantile (PMI)`, domains: ['sante', 'prevention'], emailDomain: t.councilDomain, member: false,
      roles: ['Médecin départemental de PMI', 'Sage-femme de PMI'] },
    { ...base, key: 'prevention', type: 'conseil_departemental', name: `${t.council} – Service de prévention spécialisée`, domains: ['prevention', 'reperage', 'accompagnement'], emailDomain: t.councilDomain, member: false,
      roles: ['Chef de service de prévention spécialisée|Cheffe de service de prévention spécialisée', 'Éducateur spécialisé|Éducatrice spécialisée'] },
    { ...base, key: 'pjj', type: 'pjj', name: `Direction territoriale de la protection judiciaire de la jeunesse ${t.of}`, domains: ['accompagnement', 'justice'], emailDomain: 'justice.fr',
      roles: ['Directeur territorial|Directrice territoriale', 'Conseiller technique|Conseillère technique', 'Éducateur, référent prostitution des mineurs|Éducatrice, référente prostitution des mineurs'] },
    { ...base, key: 'dsden', type: 'education', name: `Direction des services départementaux de l’Éducation nationale ${t.of}`, domains: ['prevention', 'reperage', 'formation'], emailDomain: t.academyDomain,
      roles: ['Inspecteur d’académie, directeur académique des services de l’Éducation nationale|Inspectrice d’académie, directrice académique des services de l’Éducation nationale', 'Conseiller technique de service social|Conseillère technique de service social', 'Infirmier conseiller technique|Infirmière conseillère technique'] },
    { ...base, key: 'ars', type: 'sante', name: `Agence régionale de santé – délégation départementale ${t.of}`, domains: ['sante'], emailDomain: 'ars.sante.fr',
      roles: ['Délégué départemental|Déléguée départementale', 'Chargé de mission santé des jeunes|Chargée de mission santé des jeunes'] },
    { ...base, key: 'uaped', type: 'sante', name: `${t.hospital.name} – Unité d’accueil pédiatrique enfants en danger (UAPED)`, domains: ['sante', 'reperage'], emailDomain: t.hospital.domain, siret: true,
      roles: ['Pédiatre, responsable de l’UAPED', 'Médecin légiste', 'Psychologue', 'Cadre de santé'] },
    { ...base, key: 'cegidd', type: 'sante', name: `${t.hospital.name} – Centre gratuit d’information, de dépistage et de diagnostic (CeGIDD)`, domains: ['sante', 'prevention'], emailDomain: t.hospital.domain, member: false,
      roles: ['Médecin responsable du CeGIDD', 'Infirmier|Infirmière'] },
    { ...base, key: 'mda', type: 'sante', name: `Maison des adolescents ${t.of}`, domains: ['prevention', 'sante', 'accompagnement'], emailDomain: `mda-${slug(t.name)}.fr`, siret: true, website: true,
      roles: ['Directeur|Directrice', 'Psychologue', 'Éducateur spécialisé|Éducatrice spécialisée'] },
    { ...base, key: 'amicale', type: 'association_sortie', name: `Amicale du Nid – ${t.name}`, domains: ['accompagnement', 'hebergement', 'insertion', 'prevention'], emailDomain: 'amicaledunid.org', siret: true, website: true,
      note: 'Association agréée pour l’accompagnement des parcours de sortie de la prostitution.',
      roles: ['Directeur d’établissement|Directrice d’établissement', 'Chef de service|Cheffe de service', 'Travailleur social|Travailleuse sociale', 'Éducateur spécialisé|Éducatrice spécialisée'] },
    { ...base, key: 'mouvement', type: 'association_sortie', name: `Mouvement du Nid – délégation ${t.of}`, domains: ['prevention', 'accompagnement', 'formation'], emailDomain: 'mouvementdunid.org', siret: true, website: true,
      note: 'Association agréée pour l’accompagnement des parcours de sortie de la prostitution.',
      roles: ['Délégué départemental|Déléguée départementale', 'Bénévole, chargé de prévention|Bénévole, chargée de prévention'] },
    { ...base, key: 'cidff', type: 'association_sortie', name: `Centre d’information sur les droits des femmes et des familles (CIDFF) ${t.of}`, domains: ['accompagnement', 'insertion', 'prevention'], emailDomain: `cidff-${slug(t.name)}.fr`, siret: true,
      roles: ['Directeur|Directrice', 'Juriste', 'Conseiller en insertion professionnelle|Conseillère en insertion professionnelle'] },
    { ...base, key: 'sauvegarde', type: 'association_enfance', name: `Association départementale de sauvegarde de l’enfance et de l’adolescence ${t.of}`, domains: ['accompagnement', 'hebergement'], emailDomain: `sauvegarde-${slug(t.name)}.fr`, siret: true,
      roles: ['Directeur général|Directrice générale', 'Chef de service éducatif|Cheffe de service éducatif', 'Éducateur spécialisé|Éducatrice spécialisée'] },
    { ...base, key: 'victimes', type: 'autre', name: `France Victimes – association d’aide aux victimes ${t.of}`, domains: ['accompagnement', 'justice'], emailDomain: `aide-victimes-${slug(t.name)}.fr`, siret: true, member: false,
      roles: ['Directeur|Directrice', 'Juriste', 'Psychologue'] },
    { ...base, key: 'siao', type: 'hebergement', name: `Service intégré d’accueil et d’orientation (SIAO) ${t.of}`, domains: ['hebergement'], emailDomain: `siao-${slug(t.name)}.fr`, siret: true, member: false,
      roles: ['Coordinateur|Coordinatrice', 'Travailleur social|Travailleuse sociale'] },
    { ...base, key: 'chrs', type: 'hebergement', name: `CHRS Le Phare – ${at.name}`, domains: ['hebergement', 'accompagnement', 'insertion'], emailDomain: `chrs-lephare-${slug(at.name)}.fr`, siret: true, member: false,
      roles: ['Directeur|Directrice', 'Travailleur social|Travailleuse sociale'] },
    { ...base, key: 'accueil', type: 'hebergement', name: 'Lieu d’accueil dédié « Les Alizés »', domains: ['hebergement', 'accompagnement'], emailDomain: 'lesalizes-accueil.fr', siret: true, member: false, confidential: true,
      note: 'Adresse confidentielle : la communiquer uniquement aux services orienteurs.',
      roles: ['Directeur|Directrice', 'Éducateur spécialisé|Éducatrice spécialisée', 'Psychologue'] },
    { ...base, key: 'umih', type: 'economique', name: `Union des métiers et des industries de l’hôtellerie (UMIH) ${t.of}`, domains: ['prevention', 'reperage'], emailDomain: `umih${t.code.toLowerCase()}.fr`, siret: true, member: false,
      roles: ['Président|Présidente', 'Délégué général|Déléguée générale'] },
    { ...base, key: 'ville', type: 'commune', name: `Ville ${ofCommune(at.name)} – Direction de la prévention et de la tranquillité publique`, domains: ['prevention'], emailDomain: `mairie-${slug(at.name)}.fr`,
      roles: ['Adjoint au maire chargé de la prévention|Adjointe au maire chargée de la prévention', 'Coordinateur du CLSPD|Coordinatrice du CLSPD'] },
    { ...base, key: 'ccas', type: 'commune', name: `CCAS ${ofCommune(at.name)}`, domains: ['accompagnement', 'hebergement'], emailDomain: `mairie-${slug(at.name)}.fr`, member: false,
      roles: ['Directeur|Directrice', 'Travailleur social|Travailleuse sociale'] },
    { ...base, key: 'pare', type: 'autre', name: 'Centre de ressources PARÉ – fondation Droit d’Enfance', domains: ['recherche', 'formation'], emailDomain: 'droitdenfance.org', commune: null, member: false,
      note: 'Réseau national : cartographie des acteurs et centre de ressources.',
      roles: ['Coordinateur du centre de ressources|Coordinatrice du centre de ressources', 'Chargé de mission cartographie|Chargée de mission cartographie'] },
    { ...base, key: 'barreau', type: 'autre', name: `Ordre des avocats du barreau de ${t.courts[0]}`, domains: ['justice'], emailDomain: `barreau-${slug(t.courts[0]!)}.fr`, member: false,
      roles: ['Bâtonnier|Bâtonnière', 'Avocat référent pour les mineurs|Avocate référente pour les mineurs'] },
  ];
  if (t.university) {
    specs.push({ ...base, key: 'universite', type: 'autre', name: `${t.university.name} – laboratoire de sociologie`, domains: ['recherche'], emailDomain: t.university.domain, member: false,
      roles: ['Maître de conférences en sociologie|Maîtresse de conférences en sociologie', 'Doctorant|Doctorante'] });
  }
  return specs;
}

const PATRONS = [
  'Jean-Moulin', 'Victor-Hugo', 'Jules-Ferry', 'Pierre-et-Marie-Curie', 'Louise-Michel', 'Jean-Jaurès', 'Simone-Veil',
  'Albert-Camus', 'Jacques-Prévert', 'Montesquieu', 'Condorcet', 'Gisèle-Halimi', 'Olympe-de-Gouges', 'Lucie-Aubrac',
  'Paul-Langevin', 'Jean-Zay', 'Nelson-Mandela', 'Émile-Zola', 'George-Sand', 'Antoine-de-Saint-Exupéry', 'François-Mauriac',
  'Germaine-Tillion', 'Henri-Wallon', 'Marguerite-Duras', 'Rosa-Parks', 'Jean-Rostand', 'Voltaire', 'Michel-de-Montaigne',
];
const HOTELS = [
  'de la Gare', 'du Centre', 'des Voyageurs', 'Le Relais', 'Les Pins', 'du Port', 'Le Parc', 'Les Tilleuls', 'de France',
  'du Commerce', 'Le Cèdre', 'L’Escale', 'Le Clos', 'Les Acacias', 'du Lac', 'Le Quai', 'Les Arcades', 'de la Poste',
];
const ASSOCIATION_NAMES = ['Horizons', 'Passerelles', 'Le Pont', 'Arc-en-ciel', 'La Boussole', 'Les Chantiers', 'Trait d’union', 'L’Étape', 'Le Fil', 'Ancrage'];

const LOCAL_SPECS: LocalSpec[] = [
  { weight: 18, type: 'education', domains: ['prevention', 'reperage'], brands: PATRONS, name: (c, b) => `Collège ${b} – ${c.name}`, emailDomain: (_, __, t) => t.academyDomain,
    roles: ['Principal|Principale', 'Principal adjoint|Principale adjointe', 'Conseiller principal d’éducation|Conseillère principale d’éducation', 'Infirmier scolaire|Infirmière scolaire', 'Assistant de service social|Assistante de service social'] },
  { weight: 9, type: 'education', domains: ['prevention', 'reperage'], brands: PATRONS, name: (c, b) => `Lycée ${b} – ${c.name}`, emailDomain: (_, __, t) => t.academyDomain,
    roles: ['Proviseur|Proviseure', 'Proviseur adjoint|Proviseure adjointe', 'Conseiller principal d’éducation|Conseillère principale d’éducation', 'Infirmier scolaire|Infirmière scolaire'] },
  { weight: 5, type: 'education', domains: ['prevention', 'reperage', 'insertion'], brands: PATRONS, name: (c, b) => `Lycée professionnel ${b} – ${c.name}`, emailDomain: (_, __, t) => t.academyDomain,
    roles: ['Proviseur|Proviseure', 'Conseiller principal d’éducation|Conseillère principale d’éducation', 'Infirmier scolaire|Infirmière scolaire'] },
  { weight: 7, type: 'commune', domains: ['prevention'], name: (c) => `Mairie ${ofCommune(c.name)}`, emailDomain: (c) => `mairie-${slug(c.name)}.fr`, website: true,
    roles: ['Maire', 'Adjoint au maire chargé des solidarités|Adjointe au maire chargée des solidarités', 'Coordinateur du CLSPD|Coordinatrice du CLSPD'] },
  { weight: 5, type: 'commune', domains: ['accompagnement', 'hebergement'], name: (c) => `CCAS ${ofCommune(c.name)}`, emailDomain: (c) => `mairie-${slug(c.name)}.fr`,
    roles: ['Directeur du CCAS|Directrice du CCAS', 'Travailleur social|Travailleuse sociale'] },
  { weight: 4, type: 'police', zone: 'urban', domains: ['justice', 'reperage'], name: (c) => `Commissariat de police ${ofCommune(c.name)}`, emailDomain: () => 'interieur.gouv.fr',
    roles: ['Commissaire de police, chef de circonscription|Commissaire de police, cheffe de circonscription', 'Major, chef de l’unité de protection des familles|Major, cheffe de l’unité de protection des familles', 'Brigadier-chef'] },
  { weight: 4, type: 'gendarmerie', zone: 'rural', domains: ['justice', 'reperage'], name: (c) => `Brigade de gendarmerie ${ofCommune(c.name)}`, emailDomain: () => 'gendarmerie.interieur.gouv.fr',
    roles: ['Commandant de brigade|Commandante de brigade', 'Adjudant|Adjudante', 'Gendarme'] },
  { weight: 11, type: 'economique', domains: ['reperage'], brands: HOTELS, name: (c, b) => `Hôtel ${b} – ${c.name}`, emailDomain: (c, b) => `hotel-${slug(b)}-${slug(c.name)}.fr`, siret: true,
    roles: ['Gérant|Gérante', 'Directeur d’exploitation|Directrice d’exploitation', 'Réceptionniste de nuit'] },
  { weight: 3, type: 'economique', domains: ['reperage'], brands: ASSOCIATION_NAMES, name: (c, b) => `Conciergerie ${b} – locations de courte durée – ${c.name}`, emailDomain: (_, b) => `conciergerie-${slug(b)}.fr`, siret: true,
    roles: ['Gérant|Gérante', 'Responsable des réservations'] },
  { weight: 5, type: 'conseil_departemental', domains: ['accompagnement', 'reperage'], name: (c) => `Maison départementale des solidarités ${ofCommune(c.name)}`, emailDomain: (_, __, t) => t.councilDomain,
    roles: ['Responsable de la maison des solidarités', 'Assistant social|Assistante sociale', 'Éducateur ASE|Éducatrice ASE'] },
  { weight: 4, type: 'association_enfance', domains: ['prevention', 'reperage', 'accompagnement'], brands: ASSOCIATION_NAMES, name: (c, b) => `Club de prévention ${b} – ${c.name}`, emailDomain: (_, b) => `prevention-${slug(b)}.fr`, siret: true,
    roles: ['Chef de service|Cheffe de service', 'Éducateur de rue|Éducatrice de rue'] },
  { weight: 4, type: 'association_enfance', domains: ['hebergement', 'accompagnement'], brands: ASSOCIATION_NAMES, name: (c, b) => `Maison d’enfants à caractère social ${b} – ${c.name}`, emailDomain: (_, b) => `mecs-${slug(b)}.fr`, siret: true,
    roles: ['Directeur|Directrice', 'Chef de service éducatif|Cheffe de service éducatif', 'Éducateur spécialisé|Éducatrice spécialisée', 'Psychologue'] },
  { weight: 3, type: 'pjj', domains: ['accompagnement', 'justice'], name: (c) => `Unité éducative de milieu ouvert ${ofCommune(c.name)}`, emailDomain: () => 'justice.fr',
    roles: ['Responsable d’unité éducative', 'Éducateur PJJ|Éducatrice PJJ'] },
  { weight: 2, type: 'sante', zone: 'rural', domains: ['sante', 'reperage'], name: (c) => `Centre hospitalier ${ofCommune(c.name)}`, emailDomain: (c) => `ch-${slug(c.name)}.fr`, siret: true, website: true,
    roles: ['Directeur|Directrice', 'Pédiatre', 'Assistant social hospitalier|Assistante sociale hospitalière', 'Cadre de santé des urgences'] },
  { weight: 3, type: 'sante', domains: ['sante', 'prevention'], name: (c) => `Centre de santé sexuelle ${ofCommune(c.name)}`, emailDomain: (_, __, t) => t.councilDomain,
    roles: ['Sage-femme', 'Médecin', 'Conseiller conjugal et familial|Conseillère conjugale et familiale'] },
  { weight: 2, type: 'association_enfance', domains: ['prevention', 'accompagnement'], name: (c) => `Point d’accueil écoute jeunes ${ofCommune(c.name)}`, emailDomain: (c) => `paej-${slug(c.name)}.fr`, siret: true,
    roles: ['Coordinateur|Coordinatrice', 'Psychologue'] },
  { weight: 4, type: 'autre', domains: ['insertion'], name: (c) => `Mission locale ${ofCommune(c.name)}`, emailDomain: (c) => `missionlocale-${slug(c.name)}.fr`, siret: true,
    roles: ['Directeur|Directrice', 'Conseiller en insertion|Conseillère en insertion'] },
  { weight: 3, type: 'hebergement', domains: ['hebergement', 'accompagnement', 'insertion'], brands: ASSOCIATION_NAMES, name: (c, b) => `CHRS ${b} – ${c.name}`, emailDomain: (_, b) => `chrs-${slug(b)}.fr`, siret: true,
    roles: ['Directeur|Directrice', 'Travailleur social|Travailleuse sociale'] },
  { weight: 2, type: 'hebergement', domains: ['hebergement', 'insertion'], brands: ASSOCIATION_NAMES, name: (c, b) => `Foyer de jeunes travailleurs ${b} – ${c.name}`, emailDomain: (_, b) => `fjt-${slug(b)}.fr`, siret: true,
    roles: ['Directeur|Directrice', 'Animateur socio-éducatif|Animatrice socio-éducative'] },
  { weight: 4, type: 'autre', domains: ['prevention', 'accompagnement'], brands: ASSOCIATION_NAMES, name: (c, b) => `Centre social ${b} – ${c.name}`, emailDomain: (c, b) => `cs-${slug(b)}-${slug(c.name)}.fr`, siret: true,
    roles: ['Directeur|Directrice', 'Référent familles|Référente familles', 'Animateur jeunesse|Animatrice jeunesse'] },
];

const CONTACT_SOURCES = ['Annuaire de la préfecture', 'Arrêté de composition de la commission', 'Feuille d’émargement', 'Échange de courriels', 'Site internet de la structure', 'Carte de visite'];
const CONTACT_NOTES = [
  'Joignable de préférence par courriel.',
  'À inviter aux groupes de travail.',
  'Assure aussi l’intérim de la direction.',
  'Disponible le mardi et le jeudi uniquement.',
  'Relais pour la diffusion des documents de la commission.',
];

interface DemoContact extends Person {
  id: string;
  partnerId: string;
  role: string;
  isMember: boolean;
}

interface DemoPartner {
  id: string;
  key: CoreKey | null;
  name: string;
  type: PartnerType;
  commune: Commune | null;
  contacts: DemoContact[];
}

class Network {
  private readonly byKey = new Map<CoreKey, DemoPartner>();
  private readonly byId: Map<string, DemoPartner>;

  constructor(readonly partners: DemoPartner[]) {
    for (const p of partners) if (p.key && !this.byKey.has(p.key)) this.byKey.set(p.key, p);
    this.byId = new Map(partners.map((p) => [p.id, p]));
  }

  /** The core structure, or the DDFE for those the territory lacks (no university outside the detailed départements). */
  get(key: CoreKey): DemoPartner {
    return this.byKey.get(key) ?? this.byKey.get('ddfe')!;
  }

  has(key: CoreKey): boolean {
    return this.byKey.has(key);
  }

  head(key: CoreKey): DemoContact {
    return this.get(key).contacts[0]!;
  }

  get members(): DemoContact[] {
    return this.partners.flatMap((p) => p.contacts.filter((c) => c.isMember));
  }

  local(types: readonly PartnerType[]): DemoPartner[] {
    return this.partners.filter((p) => p.key === null && types.includes(p.type) && p.contacts.length > 0);
  }

  partnerOf(contact: DemoContact): DemoPartner {
    return this.byId.get(contact.partnerId)!;
  }
}

type PartnerInput = z.output<typeof partnerFields>;
type ContactInput = z.output<typeof contactFields>;

function insertNetwork(db: Db, rng: Random, t: Territory, size: SizeProfile, today: Day): Network {
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const directorySince = addMonths(today, -size.historyMonths - 6);

  const core = coreSpecs(t).slice(0, size.partners);
  const taken = new Set(core.map((s) => s.name));
  const third = Math.ceil(t.communes.length / 3);
  const zones = { urban: t.communes.slice(0, third), rural: t.communes.length > 1 ? t.communes.slice(third) : t.communes };
  const locals = Array.from({ length: size.partners - core.length }, () => {
    // A few tries for a free name; a small territory runs out of them and numbers the duplicates.
    for (let attempt = 0; ; attempt++) {
      const spec = rng.weighted(LOCAL_SPECS.map((s) => [s, s.weight] as const));
      const communes = spec.zone ? zones[spec.zone] : t.communes;
      // The first communes of a list are the big ones: they hold most structures.
      const commune = communes[Math.floor(rng.float() ** 1.5 * communes.length)]!;
      const brand = spec.brands ? rng.pick(spec.brands) : '';
      const name = spec.name(commune, brand);
      if (!taken.has(name) || attempt > 20) {
        taken.add(name);
        return { spec, commune, name, emailDomain: spec.emailDomain(commune, brand, t) };
      }
    }
  });

  // Core structures keep one contact per listed role; the rest of the contacts spread over local ones.
  const coreContacts = core.map((s) => s.roles.length);
  const localShare = Math.max(0, size.contacts - coreContacts.reduce((a, b) => a + b, 0));
  const localContacts = apportion(localShare, locals.map(() => 0.5 + rng.float()), localShare >= locals.length ? 1 : 0);

  const structures = [
    ...core.map((s, i) => ({ spec: s, key: s.key, name: s.name, commune: s.commune, emailDomain: s.emailDomain, member: s.member, contacts: coreContacts[i]! })),
    ...locals.map((l, i) => ({ spec: l.spec, key: null, name: l.name, commune: l.commune, emailDomain: l.emailDomain, member: false, contacts: localContacts[i]! })),
  ];

  const partners = structures.map((s): DemoPartner => {
    const id = rng.uuid();
    const name = uniqueName(usedNames, s.name);
    // The core network was entered when the commission started; local structures joined over time.
    const createdOn = s.key ? addDays(directorySince, rng.int(0, 30)) : addDays(directorySince, rng.int(30, daysBetween(directorySince, today)));
    const createdAt = stamp(rng, createdOn);
    const input: PartnerInput = {
      name,
      type: s.spec.type,
      domains: s.spec.domains,
      address: s.commune && !s.spec.confidential ? `${rng.int(1, 120)} ${rng.pick(STREETS)}` : null,
      postcode: s.commune?.postcode ?? null,
      commune: s.commune?.name ?? null,
      website: s.spec.website ? `https://www.${s.emailDomain}` : null,
      siret: s.spec.siret && rng.chance(0.8) ? randomSiret(rng) : null,
      notes: s.spec.note ?? (s.member ? MEMBER_NOTE : null),
    };
    insertPartner(db, id, input, createdAt);

    const roles = s.key ? s.spec.roles : [s.spec.roles[0]!, ...rng.shuffle(s.spec.roles.slice(1))];
    const contacts = Array.from({ length: s.contacts }, (_, i): DemoContact => {
      const person = randomPerson(rng);
      const role = gendered(roles[i % roles.length]!, person.civility);
      const contact = { ...person, id: rng.uuid(), partnerId: id, role, isMember: s.member && i === 0 };
      const mailbox = `${slug(person.firstName)}.${slug(person.lastName).replace(/-/g, '')}`;
      let email = `${mailbox}@${s.emailDomain}`;
      for (let n = 2; usedEmails.has(email); n++) email = `${mailbox}${n}@${s.emailDomain}`;
      usedEmails.add(email);
      const contactInput: ContactInput = {
        partnerId: id,
        civility: person.civility,
        firstName: person.firstName,
        lastName: person.lastName,
        role,
        email,
        phone: phoneNumber(rng, rng.chance(0.25) ? t.mobiles : t.landlines),
        isMember: contact.isMember,
        source: rng.chance(0.7) ? rng.pick(CONTACT_SOURCES) : null,
        confirmedOn: rng.chance(0.6) ? addDays(today, -rng.int(0, Math.min(540, daysBetween(createdOn, today)))) : null,
        notes: rng.chance(0.08) ? rng.pick(CONTACT_NOTES) : null,
      };
      insertContact(db, contact.id, contactInput, createdAt);
      return contact;
    });
    return { id, key: s.key, name, type: s.spec.type, commune: s.commune, contacts };
  });
  return new Network(partners);
}

// ---------------------------------------------------------------------------------------------
// Fiches actions, journal and indicators

type Family =
  | 'scolaire' | 'formation' | 'signalement' | 'hotellerie' | 'numerique' | 'fugues' | 'accueil' | 'sante' | 'justice'
  | 'cyber' | 'parcours' | 'logement' | 'campagne' | 'cartographie' | 'recherche' | 'pilotage' | 'associations'
  | 'aller_vers' | 'ecoute' | 'sante_adultes' | 'grand_public' | 'stages' | 'logee';

type Funder = 'etat137' | 'etat177' | 'fipd' | 'cd' | 'ars' | 'ville';

interface IndicatorSpec {
  name: string;
  unit: string;
  baseline: [number, number];
  target: [number, number];
}

interface ActionSpec {
  family: Family;
  title: string;
  description: string;
  expected: string;
  /** Catalogue codes: measures of the 2021 plan, measures or axes of the 2024 strategy. */
  measures: string[];
  pilot: CoreKey;
  contributors: CoreKey[];
  localContributors?: PartnerType[];
  indicators: IndicatorSpec[];
  /** In euros; null when the action costs only staff time. */
  budget: [number, number] | null;
  funders: Funder[];
  /**
   * Journal texts, filled in: {ofCommune} (« de Pessac »), {atCommune} (« au Bouscat »), {partner} (a person and
   * their structure), {n} a small count, {k} a part of it, {m} a large count.
   */
  steps: string[];
}

const ACTION_SPECS: ActionSpec[] = [
  {
    family: 'scolaire',
    title: 'Sensibiliser les collégiens et lycéens aux risques prostitutionnels',
    description: 'Interventions en classe de 4e, 3e et 2de animées par des binômes associatifs et des personnels de santé scolaire, à partir d’un module commun validé par la DSDEN : consentement, usages numériques, mécanismes de l’emprise et du recrutement, ressources d’aide.',
    expected: 'Chaque collège du département a accueilli au moins une intervention ; les équipes éducatives savent à qui signaler une situation préoccupante.',
    measures: ['SNSP2024-M15', 'PLAN2021-A1'],
    pilot: 'dsden',
    contributors: ['mouvement', 'cidff', 'mda', 'prevention'],
    localContributors: ['education'],
    indicators: [
      { name: 'Élèves sensibilisés', unit: 'élèves', baseline: [0, 400], target: [1500, 4000] },
      { name: 'Établissements scolaires engagés', unit: 'établissements', baseline: [0, 5], target: [20, 45] },
    ],
    budget: [8000, 25000],
    funders: ['etat137', 'cd', 'fipd'],
    steps: [
      'Module d’intervention validé par la DSDEN et diffusé aux chefs d’établissement.',
      '{n} interventions réalisées dans les collèges {ofCommune} ({m} élèves de 4e et de 3e).',
      'Formation de {n} infirmières et infirmiers scolaires à l’animation du module.',
      'Calendrier des interventions du trimestre arrêté avec les établissements {ofCommune}.',
      'Retour des questionnaires d’évaluation : les élèves identifient mieux les personnes ressources.',
    ],
  },
  {
    family: 'formation',
    title: 'Former les professionnels de première ligne au repérage des situations prostitutionnelles',
    description: 'Cycle de formations interinstitutionnelles d’une journée pour les travailleurs sociaux de l’ASE, les éducateurs de la PJJ et de la prévention spécialisée, les enquêteurs et les soignants : signaux d’alerte, conduite de l’entretien, circuit de l’information préoccupante et du signalement.',
    expected: 'Au moins un professionnel formé dans chaque service de première ligne ; un référent identifié dans chaque maison départementale des solidarités.',
    measures: ['SNSP2024-M16', 'PLAN2021-A4'],
    pilot: 'ddfe',
    contributors: ['amicale', 'ase', 'pjj', 'police', 'gendarmerie', 'pare'],
    localContributors: ['conseil_departemental', 'association_enfance'],
    indicators: [
      { name: 'Professionnels formés', unit: 'professionnels', baseline: [0, 50], target: [150, 400] },
      { name: 'Sessions de formation organisées', unit: 'sessions', baseline: [0, 0], target: [8, 20] },
    ],
    budget: [5000, 18000],
    funders: ['etat137', 'cd'],
    steps: [
      'Session interinstitutionnelle {atCommune} : {n} professionnels formés.',
      'Programme de formation construit avec {partner}.',
      'Liste d’attente de {n} professionnels : une session supplémentaire est programmée.',
      'Évaluation à chaud très positive ; demande d’un module approfondi sur les réseaux sociaux.',
    ],
  },
  {
    family: 'signalement',
    title: 'Établir le circuit départemental de repérage et de signalement des mineurs en situation prostitutionnelle',
    description: 'Fiche réflexe commune à l’Éducation nationale, aux services de santé, aux forces de sécurité et aux services du département : rôle de la CRIP et du parquet, reconnaissance du statut de mineur en danger même lorsque le jeune le refuse.',
    expected: 'Un circuit unique, connu de tous les signataires ; un délai de transmission au parquet réduit.',
    measures: ['PLAN2021-A5', 'PLAN2021-A8'],
    pilot: 'parquet',
    contributors: ['crip', 'ase', 'dsden', 'police', 'gendarmerie', 'uaped'],
    indicators: [
      { name: 'Informations préoccupantes relatives à un risque prostitutionnel', unit: 'informations préoccupantes', baseline: [10, 25], target: [40, 70] },
      { name: 'Signalements transmis au parquet', unit: 'signalements', baseline: [5, 12], target: [20, 40] },
    ],
    budget: null,
    funders: [],
    steps: [
      'Groupe de rédaction de la fiche réflexe réuni au parquet ({n} participants).',
      'Fiche réflexe relue par la CRIP et la DSDEN ; ajustements sur le circuit d’urgence.',
      'Diffusion de la fiche réflexe à {n} établissements et services.',
      'Bilan semestriel de la CRIP : {n} informations préoccupantes liées à un risque prostitutionnel.',
    ],
  },
  {
    family: 'hotellerie',
    title: 'Sensibiliser les hôteliers et les loueurs de meublés de tourisme',
    description: 'Réunions d’information avec l’UMIH et les conciergeries, guide de repérage (réservations de courte durée réglées en espèces, allées et venues, présence de mineurs), affichage du 119 et du 17 dans les établissements.',
    expected: 'Les établissements partenaires savent repérer et signaler ; les forces de sécurité ont un interlocuteur dans chacun d’eux.',
    measures: ['PLAN2021-A5', 'PLAN2021-A13', 'SNSP2024-AXE2'],
    pilot: 'prefecture',
    contributors: ['umih', 'police', 'gendarmerie', 'parquet'],
    localContributors: ['economique'],
    indicators: [
      { name: 'Établissements hôteliers sensibilisés', unit: 'établissements', baseline: [0, 10], target: [60, 150] },
      { name: 'Signalements émanant d’établissements hôteliers', unit: 'signalements', baseline: [0, 3], target: [10, 20] },
    ],
    budget: [2000, 8000],
    funders: ['fipd'],
    steps: [
      'Réunion d’information avec l’UMIH : {n} hôteliers présents.',
      'Guide de repérage imprimé en {m} exemplaires et distribué {atCommune}.',
      'Visite de {n} établissements {ofCommune} avec la brigade de protection des familles.',
      'Rencontre avec les conciergeries de location de courte durée : {n} d’entre elles s’engagent.',
    ],
  },
  {
    family: 'numerique',
    title: 'Organiser des maraudes numériques sur les réseaux sociaux et les sites d’annonces',
    description: 'Une équipe associative formée repère les annonces et les profils évoquant une prostitution de mineurs, entre en contact avec les personnes concernées et les oriente ; les contenus illicites sont signalés sur PHAROS et au parquet.',
    expected: 'Des maraudes régulières, un circuit de signalement opérationnel, des jeunes orientés vers un accompagnement.',
    measures: ['PLAN2021-A6', 'SNSP2024-AXE2'],
    pilot: 'amicale',
    contributors: ['police', 'parquet', 'mda'],
    indicators: [
      { name: 'Maraudes numériques réalisées', unit: 'maraudes', baseline: [0, 0], target: [40, 100] },
      { name: 'Personnes contactées en ligne', unit: 'personnes', baseline: [0, 0], target: [60, 200] },
      { name: 'Contenus signalés sur PHAROS', unit: 'signalements', baseline: [0, 0], target: [15, 40] },
    ],
    budget: [15000, 45000],
    funders: ['etat137', 'fipd', 'cd'],
    steps: [
      '{n} maraudes numériques réalisées ce mois-ci ; {k} annonces signalées sur PHAROS.',
      'Recrutement d’une intervenante sociale dédiée à mi-temps.',
      'Protocole d’échange avec la brigade de protection des familles finalisé.',
      'Séance d’analyse des pratiques avec le centre de ressources.',
    ],
  },
  {
    family: 'fugues',
    title: 'Améliorer la prise en charge des fugues et l’entretien au retour',
    description: 'Procédure commune aux lieux d’accueil de l’ASE, aux forces de sécurité et à la PJJ : déclaration immédiate, recherches, entretien systématique au retour par un professionnel formé au repérage du risque prostitutionnel.',
    expected: 'Un entretien au retour pour chaque fugue ; les fugues répétées sont repérées et traitées en équipe pluridisciplinaire.',
    measures: ['PLAN2021-A7', 'SNSP2024-M19'],
    pilot: 'ase',
    contributors: ['police', 'gendarmerie', 'pjj', 'sauvegarde'],
    localContributors: ['association_enfance'],
    indicators: [
      { name: 'Fugues suivies d’un entretien au retour', unit: 'fugues', baseline: [10, 40], target: [120, 250] },
      { name: 'Part des fugues suivies d’un entretien au retour', unit: '%', baseline: [20, 35], target: [80, 90] },
    ],
    budget: [4000, 12000],
    funders: ['cd'],
    steps: [
      'Fiche de déclaration de fugue harmonisée entre les lieux d’accueil et les forces de sécurité.',
      '{n} fugues déclarées ce trimestre, dont {k} suivies d’un entretien au retour.',
      'Formation des cadres d’astreinte de l’ASE à l’entretien au retour.',
      'Réunion de l’équipe pluridisciplinaire sur les fugues répétées ({n} situations anonymisées examinées).',
    ],
  },
  {
    family: 'accueil',
    title: 'Ouvrir un lieu d’accueil sécurisé pour les mineurs victimes d’exploitation sexuelle',
    description: 'Places dédiées, éloignées des lieux d’exploitation, avec un accompagnement éducatif, psychologique et sanitaire renforcé, en lien avec le réseau national de lieux d’accueil.',
    expected: 'Des places disponibles à tout moment pour une mise à l’abri immédiate ; une durée de séjour adaptée au projet de chaque jeune.',
    measures: ['PLAN2021-A9', 'SNSP2024-M22'],
    pilot: 'ase',
    contributors: ['accueil', 'sauvegarde', 'uaped', 'pjj'],
    localContributors: ['hebergement'],
    indicators: [
      { name: 'Places d’hébergement dédiées', unit: 'places', baseline: [0, 0], target: [4, 8] },
      { name: 'Mineurs accueillis', unit: 'mineurs', baseline: [0, 0], target: [8, 20] },
    ],
    budget: [120000, 350000],
    funders: ['cd', 'etat137', 'ars'],
    steps: [
      'Appel à projets lancé par le département : {n} candidatures reçues.',
      'Choix du gestionnaire et visite des locaux.',
      'Recrutement de l’équipe éducative : {n} postes pourvus.',
      'Ouverture de {n} places ; premières admissions.',
    ],
  },
  {
    family: 'sante',
    title: 'Garantir un parcours de soins coordonné par l’UAPED',
    description: 'Accueil des mineurs victimes à l’UAPED pour l’audition filmée, l’examen médico-légal et les premiers soins, puis orientation vers un suivi en santé sexuelle et en santé mentale.',
    expected: 'Chaque mineur victime bénéficie d’un bilan de santé complet et d’un suivi coordonné.',
    measures: ['PLAN2021-A10', 'SNSP2024-M17'],
    pilot: 'uaped',
    contributors: ['ars', 'pmi', 'mda', 'parquet'],
    localContributors: ['sante'],
    indicators: [
      { name: 'Mineurs accompagnés par l’UAPED', unit: 'mineurs', baseline: [0, 10], target: [30, 60] },
      { name: 'Auditions filmées réalisées à l’UAPED', unit: 'auditions', baseline: [0, 5], target: [20, 50] },
    ],
    budget: [20000, 60000],
    funders: ['ars'],
    steps: [
      'Convention entre l’UAPED, le parquet et le département mise à jour.',
      'Formation de {n} soignants des urgences pédiatriques.',
      'Bilan trimestriel : {n} mineurs accueillis, dont {k} orientés vers un suivi psychologique.',
      'Consultation de santé sexuelle dédiée ouverte avec le centre de santé sexuelle {ofCommune}.',
    ],
  },
  {
    family: 'justice',
    title: 'Animer le réseau des magistrats et enquêteurs référents',
    description: 'Un magistrat référent par parquet, des enquêteurs référents dans chaque circonscription de police et compagnie de gendarmerie ; réunions trimestrielles, partage des trames d’audition et des pratiques d’enquête.',
    expected: 'Des procédures plus rapides et mieux coordonnées ; des victimes entendues dans de bonnes conditions.',
    measures: ['PLAN2021-A11', 'SNSP2024-AXE1'],
    pilot: 'parquet',
    contributors: ['police', 'gendarmerie', 'mpf', 'barreau'],
    indicators: [
      { name: 'Réunions du réseau des référents', unit: 'réunions', baseline: [0, 0], target: [4, 8] },
      { name: 'Enquêteurs référents désignés', unit: 'enquêteurs', baseline: [2, 6], target: [12, 25] },
    ],
    budget: null,
    funders: [],
    steps: [
      'Réunion trimestrielle des référents au tribunal judiciaire.',
      'Diffusion de la trame d’audition de victime mineure aux unités d’enquête.',
      'Désignation de {n} enquêteurs référents supplémentaires.',
    ],
  },
  {
    family: 'cyber',
    title: 'Renforcer les enquêtes sur l’exploitation sexuelle en ligne',
    description: 'Formation des enquêteurs aux investigations sous pseudonyme, veille sur les plateformes d’annonces, coopération avec les plateformes d’hébergement locatif pour identifier les réservations suspectes.',
    expected: 'Des enquêteurs formés dans chaque service ; des réquisitions aux plateformes traitées plus vite.',
    measures: ['PLAN2021-A12', 'PLAN2021-A13', 'SNSP2024-AXE2'],
    pilot: 'police',
    contributors: ['gendarmerie', 'parquet'],
    indicators: [{ name: 'Enquêteurs formés aux investigations en ligne', unit: 'enquêteurs', baseline: [0, 5], target: [15, 30] }],
    budget: [3000, 10000],
    funders: ['fipd'],
    steps: [
      'Stage d’investigation sous pseudonyme : {n} enquêteurs formés.',
      'Point de contact désigné auprès de deux plateformes d’hébergement locatif.',
      'Retour d’expérience sur les réquisitions adressées aux plateformes.',
    ],
  },
  {
    family: 'parcours',
    title: 'Instruire et suivre les parcours de sortie de la prostitution',
    description: 'Préparation des dossiers par les associations agréées, examen en formation restreinte, suivi des parcours autorisés : aide financière à l’insertion sociale, autorisation provisoire de séjour, accès au logement et à la formation.',
    expected: 'Des demandes instruites en moins de deux mois ; des renouvellements fondés sur un bilan partagé.',
    measures: ['SNSP2024-AXE1'],
    pilot: 'ddfe',
    contributors: ['amicale', 'mouvement', 'cidff', 'etrangers', 'ddets'],
    indicators: [
      { name: 'Demandes de parcours de sortie examinées', unit: 'demandes', baseline: [4, 10], target: [15, 25] },
      { name: 'Avis favorables', unit: 'avis', baseline: [3, 8], target: [12, 22] },
      { name: 'Parcours de sortie en cours', unit: 'parcours', baseline: [3, 8], target: [10, 18] },
    ],
    budget: [30000, 90000],
    funders: ['etat137'],
    steps: [
      'Formation restreinte : {n} demandes examinées, {k} avis favorables.',
      'Bilan des parcours en cours présenté par les associations agréées.',
      'Réunion avec le service de l’immigration sur les délais de délivrance des autorisations provisoires de séjour.',
      '{n} renouvellements de parcours préparés pour la prochaine formation restreinte.',
    ],
  },
  {
    family: 'logement',
    title: 'Faciliter l’accès au logement et à l’emploi des personnes en parcours de sortie',
    description: 'Places réservées dans le contingent du SIAO, accompagnement vers l’emploi avec les missions locales et France Travail, accès aux droits.',
    expected: 'Une solution d’hébergement pour chaque personne engagée dans un parcours ; un accès au logement autonome avant la fin du parcours.',
    measures: ['SNSP2024-AXE1'],
    pilot: 'ddets',
    contributors: ['siao', 'chrs', 'amicale', 'cidff'],
    localContributors: ['hebergement', 'autre'],
    indicators: [
      { name: 'Places d’hébergement mobilisées', unit: 'places', baseline: [2, 5], target: [8, 15] },
      { name: 'Personnes ayant accédé à un logement autonome', unit: 'personnes', baseline: [0, 3], target: [6, 12] },
    ],
    budget: [10000, 40000],
    funders: ['etat177', 'etat137'],
    steps: [
      'Commission du SIAO : {n} places réservées pour les personnes en parcours de sortie.',
      '{n} personnes accompagnées vers l’emploi avec la mission locale {ofCommune}.',
      'Convention de réservation de logements en cours de négociation avec les bailleurs.',
    ],
  },
  {
    family: 'campagne',
    title: 'Relayer la campagne « je gère » auprès des jeunes et des familles',
    description: 'Affiches et contenus numériques dans les collèges, lycées, missions locales et transports ; relais par les comptes institutionnels et les structures jeunesse.',
    expected: 'La campagne est visible dans tous les lieux fréquentés par les jeunes du département.',
    measures: ['SNSP2024-M18', 'PLAN2021-A3'],
    pilot: 'prefecture',
    contributors: ['dsden', 'mda', 'ville'],
    localContributors: ['commune'],
    indicators: [
      { name: 'Supports de campagne diffusés', unit: 'supports', baseline: [0, 0], target: [2000, 6000] },
      { name: 'Structures relais de la campagne', unit: 'structures', baseline: [0, 0], target: [30, 80] },
    ],
    budget: [3000, 12000],
    funders: ['fipd', 'etat137'],
    steps: [
      '{m} affiches diffusées dans les établissements et les transports {ofCommune}.',
      'Publication de la campagne sur les comptes de la préfecture et du département.',
      '{n} structures jeunesse ont accepté de relayer la campagne.',
    ],
  },
  {
    family: 'cartographie',
    title: 'Cartographier les acteurs départementaux de la lutte contre l’exploitation sexuelle des mineurs',
    description: 'Recensement des structures, de leurs missions et de leurs contacts avec le centre de ressources PARÉ ; annuaire partagé mis à jour deux fois par an.',
    expected: 'Un annuaire à jour, connu des professionnels, qui oriente vers le bon interlocuteur.',
    measures: ['SNSP2024-M23'],
    pilot: 'ddfe',
    contributors: ['pare', 'ase', 'dsden'],
    indicators: [{ name: 'Structures recensées', unit: 'structures', baseline: [20, 60], target: [120, 250] }],
    budget: null,
    funders: [],
    steps: [
      'Questionnaire de recensement envoyé à {n} structures.',
      '{n} réponses reçues ; relance des structures {ofCommune}.',
      'Annuaire partagé mis à jour et diffusé aux membres de la commission.',
    ],
  },
  {
    family: 'recherche',
    title: 'Réaliser un diagnostic départemental partagé du phénomène',
    description: 'Étude qualitative et quantitative menée avec un laboratoire universitaire : entretiens de professionnels, analyse de données anonymisées des services, restitution en séance plénière.',
    expected: 'Un diagnostic partagé qui oriente les priorités du plan départemental.',
    measures: ['SNSP2024-M24', 'PLAN2021-A2', 'SNSP2024-AXE3'],
    pilot: 'universite',
    contributors: ['pare', 'ase', 'parquet', 'ddfe'],
    indicators: [{ name: 'Entretiens de professionnels réalisés', unit: 'entretiens', baseline: [0, 0], target: [30, 60] }],
    budget: [15000, 40000],
    funders: ['etat137', 'cd'],
    steps: [
      'Comité de pilotage de l’étude : méthodologie validée.',
      '{n} entretiens de professionnels réalisés.',
      'Analyse des données anonymisées de la CRIP et du parquet.',
      'Restitution intermédiaire en comité technique.',
    ],
  },
  {
    family: 'pilotage',
    title: 'Intégrer le volet mineurs au pilotage de la commission',
    description: 'Formation restreinte élargie aux services de protection de l’enfance, tableau de bord commun, calendrier annuel des séances.',
    expected: 'Deux séances plénières par an ; un tableau de bord partagé par tous les pilotes.',
    measures: ['SNSP2024-M25', 'PLAN2021-A15'],
    pilot: 'prefecture',
    contributors: ['ddfe', 'cd', 'parquet'],
    indicators: [{ name: 'Séances plénières tenues', unit: 'séances', baseline: [0, 1], target: [4, 6] }],
    budget: null,
    funders: [],
    steps: [
      'Arrêté préfectoral de composition de la commission mis à jour.',
      'Tableau de bord commun présenté en comité technique.',
      'Calendrier des séances de l’année adopté.',
    ],
  },
  {
    family: 'associations',
    title: 'Soutenir les projets associatifs de prévention et d’accompagnement',
    description: 'Appel à projets annuel commun à l’État et au département ; suivi des conventions et bilan des actions financées.',
    expected: 'Des associations présentes sur tout le territoire, financées sur plusieurs années.',
    measures: ['SNSP2024-M21'],
    pilot: 'ddfe',
    contributors: ['cd', 'ddets'],
    localContributors: ['association_enfance', 'association_sortie'],
    indicators: [{ name: 'Projets associatifs financés', unit: 'projets', baseline: [0, 3], target: [6, 12] }],
    budget: [40000, 150000],
    funders: ['etat137', 'cd', 'fipd'],
    steps: [
      'Appel à projets publié : {n} dossiers déposés.',
      'Comité de sélection : {n} projets retenus.',
      'Bilans intermédiaires des projets financés reçus.',
    ],
  },
  {
    family: 'aller_vers',
    title: 'Aller vers les jeunes dans les quartiers et les lieux festifs',
    description: 'Présence éducative de rue renforcée en soirée et le week-end, en lien avec les clubs de prévention et les polices municipales ; repérage des jeunes en errance.',
    expected: 'Des jeunes en errance repérés plus tôt et orientés vers les services compétents.',
    measures: ['PLAN2021-A5', 'SNSP2024-M19'],
    pilot: 'prevention',
    contributors: ['ville', 'police', 'mda'],
    localContributors: ['association_enfance', 'commune'],
    indicators: [{ name: 'Jeunes rencontrés lors des actions d’aller-vers', unit: 'jeunes', baseline: [0, 50], target: [300, 800] }],
    budget: [10000, 30000],
    funders: ['cd', 'fipd'],
    steps: [
      '{n} tournées de soirée {atCommune} ; {m} jeunes rencontrés.',
      'Coordination avec la police municipale {ofCommune}.',
      'Formation des éducateurs de rue au repérage des situations d’exploitation.',
    ],
  },
  {
    family: 'ecoute',
    title: 'Faire connaître la plateforme nationale d’écoute et le 119',
    description: 'Relais local de la plateforme nationale d’écoute et de suivi des situations de prostitution de mineurs ; orientation des appels vers les services départementaux.',
    expected: 'Les orientations de la plateforme nationale sont traitées sans délai par la CRIP.',
    measures: ['SNSP2024-M20'],
    pilot: 'crip',
    contributors: ['ase', 'dsden', 'mda'],
    indicators: [{ name: 'Orientations reçues de la plateforme nationale', unit: 'orientations', baseline: [0, 0], target: [10, 30] }],
    budget: null,
    funders: [],
    steps: [
      'Procédure de traitement des orientations de la plateforme nationale rédigée.',
      '{n} orientations reçues et traitées ce trimestre.',
      'Affichage du 119 vérifié dans {n} lieux d’accueil.',
    ],
  },
  {
    family: 'sante_adultes',
    title: 'Améliorer l’accès aux soins des personnes en situation de prostitution',
    description: 'Permanences santé mobiles, dépistage et vaccination, ouverture des droits à l’assurance maladie, en lien avec le CeGIDD.',
    expected: 'Des permanences régulières et des droits ouverts pour chaque personne rencontrée.',
    measures: ['SNSP2024-AXE1'],
    pilot: 'ars',
    contributors: ['cegidd', 'amicale', 'mouvement'],
    indicators: [{ name: 'Consultations réalisées lors des permanences', unit: 'consultations', baseline: [0, 20], target: [120, 250] }],
    budget: [15000, 45000],
    funders: ['ars'],
    steps: [
      '{n} permanences santé tenues avec le CeGIDD.',
      '{n} consultations et dépistages réalisés ce trimestre.',
      'Ouverture de droits à l’assurance maladie facilitée par une convention avec la CPAM.',
    ],
  },
  {
    family: 'grand_public',
    title: 'Sensibiliser le grand public à la loi du 13 avril 2016',
    description: 'Conférences, expositions et actions autour du 23 septembre et du 25 novembre ; rappel de l’interdiction de l’achat d’actes sexuels et de la protection due aux victimes.',
    expected: 'Un public plus large informé de la loi et des ressources d’aide.',
    measures: ['SNSP2024-AXE3', 'SNSP2024-AXE1'],
    pilot: 'ddfe',
    contributors: ['mouvement', 'cidff', 'ville'],
    localContributors: ['commune'],
    indicators: [{ name: 'Personnes touchées par les actions grand public', unit: 'personnes', baseline: [0, 200], target: [800, 2500] }],
    budget: [2000, 9000],
    funders: ['etat137', 'ville'],
    steps: [
      'Exposition présentée à la médiathèque {ofCommune}.',
      'Conférence-débat du 25 novembre : {n} participants.',
      'Stand d’information lors de la journée du 23 septembre {atCommune}.',
    ],
  },
  {
    family: 'stages',
    title: 'Mettre en œuvre les stages de sensibilisation à la lutte contre l’achat d’actes sexuels',
    description: 'Peine complémentaire ou alternative aux poursuites : stages animés par une association agréée, sur orientation du parquet.',
    expected: 'Des stages organisés chaque trimestre, adaptés aux orientations du parquet.',
    measures: ['SNSP2024-AXE1'],
    pilot: 'parquet',
    contributors: ['mouvement', 'victimes'],
    indicators: [
      { name: 'Stages organisés', unit: 'stages', baseline: [0, 2], target: [6, 10] },
      { name: 'Personnes orientées par le parquet', unit: 'personnes', baseline: [0, 10], target: [40, 80] },
    ],
    budget: [3000, 8000],
    funders: ['etat137'],
    steps: [
      'Stage organisé au tribunal judiciaire : {n} participants.',
      'Mise à jour du contenu du stage avec l’association agréée.',
      'Bilan annuel transmis au parquet.',
    ],
  },
  {
    family: 'logee',
    title: 'Repérer la prostitution « logée » dans les meublés de tourisme',
    description: 'Croisement des signalements des conciergeries et du voisinage, contrôles coordonnés, information des propriétaires sur leur responsabilité pénale.',
    expected: 'Les lieux de prostitution « logée » sont repérés plus tôt ; les propriétaires connaissent leurs obligations.',
    measures: ['SNSP2024-AXE2'],
    pilot: 'police',
    contributors: ['gendarmerie', 'parquet', 'prefecture', 'ville'],
    localContributors: ['economique'],
    indicators: [{ name: 'Contrôles coordonnés réalisés', unit: 'contrôles', baseline: [0, 0], target: [10, 30] }],
    budget: null,
    funders: [],
    steps: [
      'Réunion avec les conciergeries {ofCommune} : circuit de signalement présenté.',
      '{n} contrôles coordonnés réalisés ce trimestre.',
      'Courrier d’information adressé aux propriétaires de meublés de tourisme {ofCommune}.',
    ],
  },
];

const METEO_REASONS: Record<Meteo, string[]> = {
  soleil: ['Calendrier respecté et partenaires mobilisés.', 'Objectifs de l’année atteints.', 'Bonne dynamique partenariale.'],
  nuageux: ['Léger retard sur le calendrier prévisionnel.', 'Mobilisation inégale selon les territoires.', 'Financement de l’an prochain à confirmer.'],
  couvert: ['Poste de coordination vacant depuis plusieurs mois.', 'Retard important dans la signature de la convention.', 'Difficultés de recrutement des intervenants.'],
  orage: ['Financement non reconduit à ce jour.', 'Retrait d’un partenaire clé.', 'Action bloquée dans l’attente d’un arbitrage.'],
};
const SUSPENSION_REASONS = [
  'dans l’attente du recrutement d’un nouveau coordinateur',
  'faute de financement pour l’exercice en cours',
  'le temps de revoir le cahier des charges avec les partenaires',
];
const ABANDON_REASONS = [
  'le dispositif a été repris dans le protocole départemental',
  'le partenaire pilote s’est retiré du projet',
  'le financement n’a pas été reconduit',
];
const PREPARATION_STEPS = [
  'Réunion de préparation avec {partner}.',
  'Recherche de financements : dossier déposé.',
  'Calendrier prévisionnel proposé aux partenaires.',
  'Rédaction du cahier des charges avec {partner}.',
];
const GENERIC_STEPS = [
  'Point d’étape présenté en comité technique.',
  'Réunion des partenaires de l’action ; calendrier du semestre ajusté.',
  'Échange avec {partner} sur les modalités d’intervention.',
  'Tableau de suivi des indicateurs mis à jour.',
  'Relance des partenaires pour la remontée des données du trimestre.',
];

interface DemoAction {
  id: string;
  family: Family;
  title: string;
  status: ActionStatus;
  pilot: DemoPartner;
  createdOn: Day;
  /** The last journal day: the day a finished action closed. */
  lastOn: Day;
}

interface ActionPlan {
  status: ActionStatus;
  createdOn: Day;
  startsOn: Day;
  endsOn: Day;
  /** First and last day of the journal. */
  from: Day;
  to: Day;
  progress: number;
  meteo: Meteo | null;
}

function planAction(rng: Random, status: ActionStatus, today: Day, historyMonths: number): ActionPlan {
  const span = Math.max(historyMonths, 24);
  let startsOn: Day;
  let endsOn: Day;
  let to: Day;
  let progress: number;
  let meteo: Meteo | null;
  switch (status) {
    case 'a_lancer': {
      const createdOn = addDays(today, -rng.int(30, 120));
      startsOn = addDays(today, rng.int(20, 150));
      return { status, createdOn, startsOn, endsOn: addMonths(startsOn, rng.int(12, 24)), from: createdOn, to: addDays(today, -rng.int(0, 10)), progress: 0, meteo: null };
    }
    case 'en_cours':
      startsOn = addMonths(today, -rng.int(2, Math.min(span, 30)));
      // A real commission always has a few fiches running late or about to end: the dashboard shows them.
      endsOn = rng.chance(0.08) ? addDays(today, -rng.int(10, 60)) : rng.chance(0.1) ? addDays(today, rng.int(3, 30)) : addMonths(today, rng.int(2, 24));
      to = addDays(today, -rng.int(0, 30));
      progress = Math.max(5, Math.min(95, Math.round((100 * daysBetween(startsOn, today)) / daysBetween(startsOn, endsOn) * (0.7 + rng.float() * 0.4))));
      meteo = rng.weighted([['soleil', 4], ['nuageux', 3.5], ['couvert', 1.5], ['orage', 1]] as const);
      break;
    case 'realisee':
      endsOn = addDays(today, -rng.int(20, 30 * Math.max(6, span - 12)));
      startsOn = addMonths(endsOn, -rng.int(6, 24));
      to = endsOn;
      progress = 100;
      meteo = rng.chance(0.8) ? 'soleil' : 'nuageux';
      break;
    case 'suspendue':
      startsOn = addMonths(today, -rng.int(6, Math.min(span, 24)));
      endsOn = addMonths(today, rng.int(3, 12));
      to = addDays(today, -rng.int(10, 90));
      progress = rng.int(15, 60);
      meteo = rng.pick(['couvert', 'orage'] as const);
      break;
    case 'abandonnee':
      startsOn = addMonths(today, -rng.int(12, Math.max(13, span)));
      endsOn = addMonths(startsOn, rng.int(18, 30));
      to = addDays(startsOn, rng.int(120, daysBetween(startsOn, today) - 15));
      progress = rng.int(10, 50);
      meteo = 'orage';
      break;
  }
  return { status, createdOn: addDays(startsOn, -rng.int(20, 90)), startsOn, endsOn, from: startsOn, to: minDay(to, today), progress, meteo };
}

function insertActions(db: Db, rng: Random, t: Territory, network: Network, size: SizeProfile, today: Day): DemoAction[] {
  const insertAction = db.prepare(
    `INSERT INTO actions (id, code, title, description, expected_results, pilot_partner_id, status, meteo, meteo_reason, progress, starts_on, ends_on, budget_cents, funders, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMeasure = db.prepare('INSERT INTO action_measures (action_id, node_id) VALUES (?, ?)');
  const insertContributor = db.prepare('INSERT INTO action_partners (action_id, partner_id) VALUES (?, ?)');
  const insertEntry = db.prepare(
    `INSERT INTO journal_entries (id, action_id, entry_on, text, status, meteo, meteo_reason, progress, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIndicator = db.prepare(
    `INSERT INTO indicators (id, action_id, name, unit, baseline, baseline_on, target, target_on, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertValue = db.prepare('INSERT INTO indicator_values (id, indicator_id, measured_on, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const nodeIds = new Map(
    (db.prepare('SELECT code, id FROM catalogue_nodes').all() as { code: string; id: string }[]).map((n) => [n.code, n.id]),
  );

  const statuses = deck<ActionStatus>(rng, size.actions, [['en_cours', 0.48], ['realisee', 0.2], ['a_lancer', 0.16], ['suspendue', 0.08], ['abandonnee', 0.08]]);
  const plans = statuses.map((s) => planAction(rng, s, today, size.historyMonths));
  const entryCounts = journalCounts(plans, size.journalEntries);
  const usedTitles = new Set<string>();
  const digits = String(size.actions).length;

  return plans.map((plan, index): DemoAction => {
    const spec = ACTION_SPECS[index % ACTION_SPECS.length]!;
    const id = rng.uuid();
    // Repeated specs are the same action run on another part of the territory.
    const title = uniqueName(usedTitles, index < ACTION_SPECS.length ? spec.title : `${spec.title} – ${rng.pick(t.communes).name}`);
    const pilot = network.get(spec.pilot);
    const contributors = [
      ...spec.contributors.filter((k) => network.has(k)).map((k) => network.get(k)),
      ...(spec.localContributors ? rng.sample(network.local(spec.localContributors), rng.int(0, 3)) : []),
    ].filter((p, i, all) => p.id !== pilot.id && all.indexOf(p) === i);
    const meteoReason = plan.meteo ? rng.pick(METEO_REASONS[plan.meteo]) : null;
    const budget = spec.budget ? Math.round(rng.int(spec.budget[0], spec.budget[1]) / 500) * 500 : null;
    const entries = journal(rng, spec, plan, meteoReason, entryCounts[index]!, contributors, t);
    const createdAt = stamp(rng, plan.createdOn);
    const lastEntryAt = stamp(rng, entries[entries.length - 1]!.on);

    insertAction.run(
      id,
      `FA-${String(index + 1).padStart(digits, '0')}`,
      title,
      spec.description,
      spec.expected,
      pilot.id,
      plan.status,
      plan.meteo,
      meteoReason,
      plan.progress,
      plan.startsOn,
      plan.endsOn,
      budget === null ? null : budget * 100,
      budget === null ? null : fundersText(rng, spec.funders, budget, t),
      createdAt,
      later(createdAt, lastEntryAt),
    );
    for (const code of spec.measures) {
      const nodeId = nodeIds.get(code);
      if (!nodeId) throw new Error(`Catalogue node ${code} is missing`);
      insertMeasure.run(id, nodeId);
    }
    for (const partner of contributors) insertContributor.run(id, partner.id);
    for (const e of entries) {
      const at = stamp(rng, e.on);
      insertEntry.run(rng.uuid(), id, e.on, e.text, e.status, e.meteo, e.meteoReason, e.progress, at, at);
    }
    spec.indicators.forEach((indicator, order) => {
      const indicatorId = rng.uuid();
      const baseline = rng.int(indicator.baseline[0], indicator.baseline[1]);
      const target = Math.max(baseline + 1, rng.int(indicator.target[0], indicator.target[1]));
      insertIndicator.run(indicatorId, id, indicator.name, indicator.unit, baseline, plan.startsOn, target, plan.endsOn, order, createdAt, createdAt);
      if (plan.status === 'a_lancer') return;
      let value = baseline;
      for (const measuredOn of quarterEnds(plan.startsOn, plan.to)) {
        // Indicators count what has been done so far (or a rate being improved): a quarter never lowers them.
        const reached = (progressOn(plan, measuredOn) / 100) * (0.85 + rng.float() * 0.25);
        value = Math.max(value, Math.round(baseline + (target - baseline) * reached));
        const note = rng.chance(0.15) ? `Source : ${rng.pick([pilot, ...contributors]).name}.` : null;
        insertValue.run(rng.uuid(), indicatorId, measuredOn, value, note, stamp(rng, minDay(addDays(measuredOn, rng.int(3, 20)), today)));
      }
    });
    return { id, family: spec.family, title, status: plan.status, pilot, createdOn: plan.createdOn, lastOn: plan.to };
  });
}

/** Spreads the journal entries over the actions in proportion to how long each has been running, one entry a day at most. */
function journalCounts(plans: readonly ActionPlan[], total: number): number[] {
  const capacity = plans.map((p) => daysBetween(p.from, p.to) + 1);
  const counts = apportion(total, capacity, 1).map((n, i) => Math.min(n, capacity[i]!));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length) {
    if (counts[i]! < capacity[i]!) {
      counts[i]! += 1;
      missing--;
    }
  }
  return counts;
}

function progressOn(plan: ActionPlan, day: Day): number {
  if (plan.status === 'a_lancer' || day <= plan.startsOn) return 0;
  if (day >= plan.to) return plan.progress;
  return Math.round((plan.progress * daysBetween(plan.startsOn, day)) / Math.max(1, daysBetween(plan.startsOn, plan.to)));
}

/** The last day of each quarter in [from, to]: partners report their figures quarterly. */
function quarterEnds(from: Day, to: Day): Day[] {
  const ends: Day[] = [];
  const firstMonth = Math.floor((Number(from.slice(5, 7)) - 1) / 3) * 3 + 1;
  for (let quarter = `${from.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`; ; quarter = addMonths(quarter, 3)) {
    const end = addDays(addMonths(quarter, 3), -1);
    if (end > to) return ends;
    if (end >= from) ends.push(end);
  }
}

interface Entry {
  on: Day;
  text: string;
  status: ActionStatus | null;
  meteo: Meteo | null;
  meteoReason: string | null;
  progress: number | null;
}

/**
 * The journal of one action. Its last entry sets the action's current status, météo and progress,
 * so that « the latest entry » and the fiche always agree, as they do when users write the journal.
 */
function journal(rng: Random, spec: ActionSpec, plan: ActionPlan, meteoReason: string | null, count: number, partners: readonly DemoPartner[], t: Territory): Entry[] {
  const span = daysBetween(plan.from, plan.to);
  const offsets = new Set<number>([span]);
  if (count > 1) offsets.add(0);
  while (offsets.size < count) offsets.add(rng.int(1, span - 1));
  const days = [...offsets].sort((a, b) => a - b).map((o) => addDays(plan.from, o));
  const values = () => {
    const commune = rng.pick(t.communes).name;
    const partner = partners.length ? rng.pick(partners) : null;
    const person = partner?.contacts[0];
    const n = rng.int(3, 30);
    return {
      ofCommune: ofCommune(commune),
      atCommune: atCommune(commune),
      n: String(n),
      k: String(rng.int(2, n)),
      m: formatInteger(rng.int(40, 1200)),
      partner: partner && person ? `${person.civility} ${fullName(person)} (${partner.name})` : 'les partenaires',
    };
  };
  // Each text once before any repeats, as a real journal would not say the same thing twice in a row.
  const texts = rng.shuffle(plan.status === 'a_lancer' ? PREPARATION_STEPS : [...spec.steps, ...rng.sample(GENERIC_STEPS, 2)]);

  return days.map((on, i): Entry => {
    const last = i === days.length - 1;
    if (last) return { on, text: closingText(rng, plan, spec, values()), status: plan.status, meteo: plan.meteo, meteoReason, progress: plan.progress };
    if (i === 0 && plan.status !== 'a_lancer') {
      return { on, text: fill('Lancement de l’action : réunion de cadrage avec les partenaires, dont {partner}.', values()), status: 'en_cours', meteo: plan.meteo && 'soleil', meteoReason: plan.meteo && 'Démarrage conforme au calendrier.', progress: 0 };
    }
    const meteo = plan.meteo && rng.chance(0.25) ? rng.pick(['soleil', 'nuageux', 'couvert'] as const) : null;
    return {
      on,
      text: fill(texts[i % texts.length]!, values()),
      status: null,
      meteo,
      meteoReason: meteo && rng.pick(METEO_REASONS[meteo]),
      progress: plan.status !== 'a_lancer' && rng.chance(0.6) ? progressOn(plan, on) : null,
    };
  });
}

function closingText(rng: Random, plan: ActionPlan, spec: ActionSpec, values: Record<string, string>): string {
  switch (plan.status) {
    case 'a_lancer':
      return `Fiche action validée en comité technique ; démarrage prévu le ${longDate(plan.startsOn)}.`;
    case 'realisee':
      return `Action achevée : bilan présenté en séance plénière, objectifs ${plan.meteo === 'soleil' ? 'atteints' : 'atteints en partie'}.`;
    case 'suspendue':
      return `Action suspendue ${rng.pick(SUSPENSION_REASONS)}.`;
    case 'abandonnee':
      return `Action abandonnée : ${rng.pick(ABANDON_REASONS)}.`;
    case 'en_cours':
      return fill(rng.pick(spec.steps), values);
  }
}

function fundersText(rng: Random, funders: readonly Funder[], budget: number, t: Territory): string {
  const names: Record<Funder, string> = {
    etat137: 'État – programme 137 (égalité entre les femmes et les hommes)',
    etat177: 'État – programme 177 (hébergement et insertion)',
    fipd: 'Fonds interministériel de prévention de la délinquance',
    cd: t.council,
    ars: 'ARS – fonds d’intervention régional',
    ville: `Ville ${ofCommune(t.chefLieu.name)}`,
  };
  const chosen = funders.slice(0, rng.int(1, funders.length));
  const shares = apportion(budget / 500, chosen.map(() => 0.5 + rng.float()));
  return chosen.map((f, i) => `${names[f]} : ${formatInteger(shares[i]! * 500)} €`).join(' ; ');
}

// ---------------------------------------------------------------------------------------------
// Protocols

interface ProtocolSpec {
  title: string;
  object: string;
  kind: ProtocolKind;
  parties: CoreKey[];
  families: Family[];
  years: number;
}

const PROTOCOL_SPECS: ProtocolSpec[] = [
  {
    title: 'Protocole départemental de repérage, de signalement et de prise en charge des mineurs en situation prostitutionnelle',
    object: 'Organiser le repérage, l’évaluation et la protection des mineurs en situation ou en risque prostitutionnel : circuit de l’information préoccupante et du signalement, référents de chaque institution, coordination.',
    kind: 'reperage_signalement',
    parties: ['prefecture', 'parquet', 'cd', 'dsden', 'pjj', 'police', 'gendarmerie', 'uaped', 'ars'],
    families: ['signalement', 'fugues', 'sante', 'formation'],
    years: 3,
  },
  {
    title: 'Protocole relatif à la prise en charge des mineurs en fugue',
    object: 'Déclaration, recherche et entretien au retour des mineurs confiés qui fuguent ; repérage du risque prostitutionnel.',
    kind: 'reperage_signalement',
    parties: ['prefecture', 'cd', 'parquet', 'police', 'gendarmerie', 'pjj'],
    families: ['fugues', 'aller_vers'],
    years: 3,
  },
  {
    title: 'Convention de partenariat pour la sensibilisation des professionnels de l’hôtellerie',
    object: 'Information des hôteliers, guide de repérage, interlocuteurs désignés dans les forces de sécurité.',
    kind: 'partenariat',
    parties: ['prefecture', 'umih', 'parquet', 'police', 'gendarmerie'],
    families: ['hotellerie', 'logee'],
    years: 3,
  },
  {
    title: 'Convention pluriannuelle d’objectifs – accompagnement des parcours de sortie de la prostitution',
    object: 'Financement de l’accompagnement social et professionnel des personnes engagées dans un parcours de sortie.',
    kind: 'financement',
    parties: ['prefecture', 'amicale'],
    families: ['parcours', 'logement'],
    years: 3,
  },
  {
    title: 'Convention de financement du lieu d’accueil sécurisé pour mineurs victimes',
    object: 'Financement du fonctionnement des places dédiées et de l’accompagnement renforcé.',
    kind: 'financement',
    parties: ['cd', 'accueil', 'prefecture'],
    families: ['accueil'],
    years: 3,
  },
  {
    title: 'Charte départementale d’engagement contre l’exploitation sexuelle des mineurs',
    object: 'Engagements communs des institutions, des collectivités, des associations et des acteurs économiques.',
    kind: 'charte',
    parties: ['prefecture', 'cd', 'parquet', 'dsden', 'ville', 'umih', 'amicale', 'mouvement', 'sauvegarde'],
    families: ['pilotage', 'campagne', 'grand_public'],
    years: 5,
  },
  {
    title: 'Convention d’intervention en milieu scolaire',
    object: 'Cadre des interventions associatives dans les collèges et lycées : contenu, formation des intervenants, évaluation.',
    kind: 'partenariat',
    parties: ['dsden', 'mouvement', 'cidff'],
    families: ['scolaire'],
    years: 3,
  },
  {
    title: 'Convention relative au fonctionnement de l’unité d’accueil pédiatrique enfants en danger',
    object: 'Auditions filmées, examens médico-légaux et parcours de soins des mineurs victimes.',
    kind: 'partenariat',
    parties: ['uaped', 'parquet', 'cd', 'ars'],
    families: ['sante'],
    years: 3,
  },
  {
    title: 'Protocole d’échange d’informations entre le parquet et la cellule de recueil des informations préoccupantes',
    object: 'Transmission des informations préoccupantes et des signalements, retour d’information sur les suites données.',
    kind: 'reperage_signalement',
    parties: ['parquet', 'cd'],
    families: ['signalement', 'ecoute'],
    years: 3,
  },
  {
    title: 'Convention de partenariat avec le centre de ressources PARÉ',
    object: 'Cartographie des acteurs, appui méthodologique et formation.',
    kind: 'partenariat',
    parties: ['prefecture', 'pare'],
    families: ['cartographie', 'formation'],
    years: 2,
  },
  {
    title: 'Convention de réservation de places d’hébergement pour les personnes en parcours de sortie',
    object: 'Places réservées dans le parc du SIAO et accompagnement vers le logement.',
    kind: 'autre',
    parties: ['ddets', 'siao', 'chrs', 'amicale'],
    families: ['logement', 'parcours'],
    years: 3,
  },
  {
    title: 'Convention de mise en œuvre des stages de sensibilisation à la lutte contre l’achat d’actes sexuels',
    object: 'Organisation des stages sur orientation du parquet.',
    kind: 'partenariat',
    parties: ['parquet', 'mouvement'],
    families: ['stages'],
    years: 3,
  },
];

const PROTOCOL_NOTES: Record<ProtocolStatus, string[]> = {
  projet: ['Relecture juridique en cours.', 'Version de travail transmise aux partenaires pour observations.'],
  en_signature: ['Signatures reçues au fil de l’eau ; relance prévue.', 'Parapheur en circulation entre les signataires.'],
  signe: ['Original signé conservé au cabinet du préfet.', 'Avenant en préparation pour élargir les signataires.', 'Bilan annuel à présenter en séance plénière.'],
  expire: ['Renouvellement à inscrire à l’ordre du jour de la prochaine séance plénière.'],
  denonce: ['Les engagements en cours sont repris dans la charte départementale.'],
};

interface DemoProtocol {
  id: string;
  title: string;
  status: ProtocolStatus;
  draftOn: Day;
  signedOn: Day | null;
}

type ReviewTiming = 'due' | 'overdue' | 'later';

function insertProtocols(db: Db, rng: Random, network: Network, actions: readonly DemoAction[], size: SizeProfile, today: Day): DemoProtocol[] {
  const insertProtocol = db.prepare(
    `INSERT INTO protocols (id, title, object, kind, status, signed_on, starts_on, ends_on, review_on, file_name, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const insertSignatory = db.prepare(
    'INSERT INTO protocol_signatories (id, protocol_id, partner_id, structure_name, signer_name, signer_role, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare('INSERT INTO protocol_events (id, protocol_id, status, on_date, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertLink = db.prepare('INSERT INTO protocol_actions (protocol_id, action_id) VALUES (?, ?)');

  const statuses = deck<ProtocolStatus>(rng, size.protocols, [['signe', 0.5], ['expire', 0.15], ['en_signature', 0.15], ['projet', 0.1], ['denonce', 0.1]]);
  // Reviews due soon and overdue reviews are what the secretary must see first: every demo has both.
  const timings: ReviewTiming[] = ['due', 'overdue', 'later', 'due', 'overdue'];
  let signedCount = 0;
  const usedTitles = new Set<string>();
  const associations = network.local(['association_enfance', 'association_sortie', 'hebergement']);
  const mairies = network.local(['commune']).filter((p) => p.name.startsWith('Mairie'));

  return statuses.map((status, index): DemoProtocol => {
    const spec = variant(rng, index, network, associations, mairies);
    const id = rng.uuid();
    const dates = protocolDates(rng, status, spec.years, status === 'signe' ? timings[signedCount++ % timings.length]! : 'later', today);
    const title = uniqueName(usedTitles, fill(spec.title, { year: (dates.startsOn ?? dates.draftOn).slice(0, 4) }));
    const parties = spec.parties;
    const events: [ProtocolStatus, Day, string][] = [[
      'projet',
      dates.draftOn,
      'Projet présenté en comité technique.',
    ]];
    if (dates.circulatedOn) events.push(['en_signature', dates.circulatedOn, `Circuit de signature lancé auprès de ${plural(parties.length, 'signataire')}.`]);
    if (dates.signedOn) events.push(['signe', dates.signedOn, 'Signé par l’ensemble des parties.']);
    if (status === 'expire') events.push(['expire', addDays(dates.endsOn!, 1), 'Arrivé à échéance ; renouvellement à préparer.']);
    if (status === 'denonce') events.push(['denonce', dates.closedOn!, `Dénonciation notifiée par courrier (${rng.pick(parties.length > 1 ? parties.slice(1) : parties).name}).`]);

    const createdAt = stamp(rng, dates.draftOn);
    const notes = PROTOCOL_NOTES[status];
    insertProtocol.run(
      id,
      title,
      spec.object,
      spec.kind,
      status,
      dates.signedOn,
      dates.startsOn,
      dates.endsOn,
      dates.reviewOn,
      rng.chance(0.4) ? rng.pick(notes) : null,
      createdAt,
      later(createdAt, stamp(rng, events[events.length - 1]![1])),
    );
    parties.forEach((partner, order) => {
      const signer = partner.contacts[0];
      insertSignatory.run(rng.uuid(), id, partner.id, partner.name, signer ? `${signer.civility} ${fullName(signer)}` : null, signer?.role ?? null, order);
    });
    for (const [eventStatus, on, note] of events) insertEvent.run(rng.uuid(), id, eventStatus, on, note, stamp(rng, on));
    const related = actions.filter((a) => spec.families.includes(a.family));
    for (const action of rng.sample(related, rng.int(1, 3))) insertLink.run(id, action.id);
    return { id, title, status, draftOn: dates.draftOn, signedOn: dates.signedOn };
  });
}

interface ProtocolVariant {
  title: string;
  object: string;
  kind: ProtocolKind;
  parties: DemoPartner[];
  families: Family[];
  years: number;
}

/**
 * The models above first; beyond them, yearly funding conventions with associations and
 * conventions with communes. Titles may hold {year}, the year the text takes effect.
 */
function variant(rng: Random, index: number, network: Network, associations: DemoPartner[], mairies: DemoPartner[]): ProtocolVariant {
  const spec = PROTOCOL_SPECS[index];
  if (spec) return { ...spec, parties: spec.parties.filter((k) => network.has(k)).map((k) => network.get(k)) };
  if (index % 2 === 0 || mairies.length === 0) {
    const association = associations.length ? rng.pick(associations) : network.get('amicale');
    return {
      title: `Convention annuelle de financement {year} – ${association.name}`,
      object: 'Soutien aux actions de prévention et d’accompagnement de l’association.',
      kind: 'financement',
      parties: [network.get('prefecture'), association],
      families: ['associations'],
      years: 1,
    };
  }
  const mairie = rng.pick(mairies);
  return {
    title: `Convention de partenariat avec la commune ${ofCommune(mairie.commune!.name)} ({year})`,
    object: 'Prévention de l’exploitation sexuelle des mineurs dans le cadre du conseil local de sécurité et de prévention de la délinquance.',
    kind: 'partenariat',
    parties: [network.get('prefecture'), mairie, network.get('cd')],
    families: ['aller_vers', 'campagne'],
    years: 3,
  };
}

interface ProtocolDates {
  draftOn: Day;
  circulatedOn: Day | null;
  signedOn: Day | null;
  startsOn: Day | null;
  endsOn: Day | null;
  reviewOn: Day | null;
  closedOn: Day | null;
}

function protocolDates(rng: Random, status: ProtocolStatus, years: number, timing: ReviewTiming, today: Day): ProtocolDates {
  const none = { circulatedOn: null, signedOn: null, startsOn: null, endsOn: null, reviewOn: null, closedOn: null };
  const signedSpan = (signedOn: Day) => ({ signedOn, startsOn: signedOn, endsOn: addDays(addMonths(signedOn, 12 * years), -1) });
  switch (status) {
    case 'projet':
      return { ...none, draftOn: addDays(today, -rng.int(20, 150)) };
    case 'en_signature': {
      const circulatedOn = addDays(today, -rng.int(5, 60));
      const startsOn = addMonths(today, rng.int(1, 2));
      return { ...none, draftOn: addDays(circulatedOn, -rng.int(30, 120)), circulatedOn, startsOn, endsOn: addDays(addMonths(startsOn, 12 * years), -1) };
    }
    case 'signe': {
      const signedOn = addDays(today, -rng.int(30, Math.max(60, 365 * years - 60)));
      const span = signedSpan(signedOn);
      const reviewOn =
        timing === 'due'
          ? addDays(today, rng.int(5, 55))
          : timing === 'overdue'
            ? addDays(today, -rng.int(10, 100))
            : maxDay(minDay(addDays(span.endsOn, -60), addDays(today, rng.int(120, 420))), addDays(today, 61));
      return { ...none, ...span, draftOn: addDays(signedOn, -rng.int(60, 150)), circulatedOn: addDays(signedOn, -rng.int(15, 45)), reviewOn };
    }
    case 'expire': {
      const signedOn = addDays(addMonths(today, -12 * years), -rng.int(30, 700));
      const span = signedSpan(signedOn);
      return { ...none, ...span, draftOn: addDays(signedOn, -rng.int(60, 150)), circulatedOn: addDays(signedOn, -rng.int(15, 45)), reviewOn: addDays(span.endsOn, -90) };
    }
    case 'denonce': {
      const signedOn = addDays(today, -rng.int(240, 900));
      const span = signedSpan(signedOn);
      const lastDay = minDay(span.endsOn, addDays(today, -15));
      return { ...none, ...span, draftOn: addDays(signedOn, -rng.int(60, 150)), circulatedOn: addDays(signedOn, -rng.int(15, 45)), closedOn: addDays(signedOn, rng.int(60, daysBetween(signedOn, lastDay))) };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sessions: attendance, agenda, decisions and follow-ups

interface WorkingGroup {
  theme: string;
  keys: CoreKey[];
  families: Family[];
  localTypes: PartnerType[];
  deliverable: string;
}

const WORKING_GROUPS: WorkingGroup[] = [
  { theme: 'repérage en milieu scolaire', keys: ['dsden', 'mouvement', 'crip', 'mda'], families: ['scolaire', 'signalement'], localTypes: ['education'], deliverable: 'la fiche réflexe destinée aux établissements' },
  { theme: 'hôtellerie et locations de courte durée', keys: ['prefecture', 'umih', 'police', 'gendarmerie'], families: ['hotellerie', 'logee'], localTypes: ['economique'], deliverable: 'guide de repérage destiné aux hôteliers' },
  { theme: 'fugues et retour de fugue', keys: ['ase', 'police', 'gendarmerie', 'pjj', 'sauvegarde'], families: ['fugues'], localTypes: ['association_enfance'], deliverable: 'la procédure commune de déclaration de fugue' },
  { theme: 'hébergement des jeunes victimes', keys: ['ase', 'accueil', 'siao', 'sauvegarde'], families: ['accueil', 'logement'], localTypes: ['hebergement'], deliverable: 'le cahier des charges du lieu d’accueil dédié' },
  { theme: 'formation des professionnels', keys: ['ddfe', 'amicale', 'pare', 'ase'], families: ['formation'], localTypes: ['conseil_departemental'], deliverable: 'le programme de formation de l’année' },
  { theme: 'exploitation en ligne', keys: ['police', 'parquet', 'amicale', 'mda'], families: ['numerique', 'cyber'], localTypes: ['association_enfance'], deliverable: 'la procédure de signalement des contenus en ligne' },
];

const MEETING_HOURS: Record<MeetingKind, [string, string]> = {
  pleniere: ['14:30', '17:00'],
  restreinte: ['09:30', '12:00'],
  comite_technique: ['10:00', '12:00'],
  groupe_travail: ['14:00', '16:00'],
};

interface MeetingPlan {
  kind: MeetingKind;
  on: Day;
  group: WorkingGroup | null;
  /** Restricted sessions either give opinions on parcours de sortie or coordinate minors' situations. */
  minors: boolean;
}

function planMeetings(rng: Random, size: SizeProfile, today: Day): MeetingPlan[] {
  const plenaries = size.historyMonths / 6;
  // Upcoming: the next plénière and the technical committee that prepares it.
  const plans: MeetingPlan[] = [
    { kind: 'pleniere', on: workingDay(addDays(today, rng.int(35, 50)), 1), group: null, minors: false },
    { kind: 'comite_technique', on: workingDay(addDays(today, rng.int(7, 20)), 1), group: null, minors: false },
  ];
  for (let k = 1; k <= plenaries; k++) plans.push({ kind: 'pleniere', on: workingDay(addDays(addMonths(today, -6 * k), rng.int(-10, 10)), -1), group: null, minors: false });
  const others: MeetingKind[] = ['restreinte', 'groupe_travail', 'comite_technique', 'restreinte'];
  for (let i = 0; plans.length < size.meetings; i++) {
    const kind = others[i % others.length]!;
    plans.push({
      kind,
      on: workingDay(addDays(today, -rng.int(10, size.historyMonths * 30)), -1),
      group: kind === 'groupe_travail' ? rng.pick(WORKING_GROUPS) : null,
      minors: kind === 'restreinte' && rng.chance(0.5),
    });
  }
  return plans.sort((a, b) => a.on.localeCompare(b.on));
}

interface Attendee {
  contact: DemoContact;
  partner: DemoPartner;
}

function insertMeetings(
  db: Db,
  rng: Random,
  t: Territory,
  network: Network,
  actions: readonly DemoAction[],
  protocols: readonly DemoProtocol[],
  size: SizeProfile,
  today: Day,
): void {
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, kind, title, starts_at, ends_at, place, video_link, chair, next_meeting_note, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttendee = db.prepare(
    `INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, structure, status, represented_by, is_member, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, title, presenter, duration_min, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItemLink = db.prepare('INSERT INTO agenda_item_links (agenda_item_id, action_id, protocol_id) VALUES (?, ?, ?)');
  const insertDecision = db.prepare(
    `INSERT INTO decisions (id, meeting_id, agenda_item_id, text, action_id, journal_entry_id, position, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const insertFollowUp = db.prepare(
    `INSERT INTO follow_ups (id, meeting_id, decision_id, text, owner_partner_id, owner_name, due_on, status, closed_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const plans = planMeetings(rng, size, today);
  const plenaryDays = plans.filter((p) => p.kind === 'pleniere').map((p) => p.on);
  const presenter = (key: CoreKey) => {
    const head = network.head(key);
    return `${head.civility} ${fullName(head)} (${network.get(key).name})`;
  };

  for (const plan of plans) {
    const id = rng.uuid();
    const past = plan.on < today;
    const [startTime, endTime] = MEETING_HOURS[plan.kind];
    // The préfet chairs plénières, the directeur de cabinet the restricted formation, the DDFE the technical committee.
    const chairContact = {
      pleniere: network.head('prefecture'),
      restreinte: network.get('prefecture').contacts[1] ?? network.head('prefecture'),
      comite_technique: network.head('ddfe'),
      groupe_travail: network.head(plan.group?.keys[0] ?? 'ddfe'),
    }[plan.kind];
    const chair = `${chairContact.civility} ${fullName(chairContact)}, ${lowerFirst(chairContact.role)}`;
    const previousPlenary = plenaryDays.filter((d) => d < plan.on).pop();
    const nextPlenary = plenaryDays.find((d) => d > plan.on);
    const createdOn = minDay(addDays(plan.on, -rng.int(21, 45)), today);
    const updatedOn = minDay(addDays(plan.on, rng.int(2, 15)), today);
    const createdAt = stamp(rng, createdOn);

    const title = {
      pleniere: `Séance plénière du ${Number(plan.on.slice(5, 7)) <= 6 ? '1er' : '2d'} semestre ${plan.on.slice(0, 4)}`,
      restreinte: plan.minors ? 'Coordination des situations de mineurs' : 'Examen des demandes de parcours de sortie',
      comite_technique: 'Suivi du plan départemental',
      groupe_travail: `Groupe de travail « ${plan.group?.theme ?? ''} »`,
    }[plan.kind];
    const place = {
      pleniere: `Préfecture ${t.of}, ${rng.pick(['salle des conférences', 'salon d’honneur'])}`,
      restreinte: `Préfecture ${t.of}, salle de réunion du cabinet`,
      comite_technique: `${network.get('ddets').name}, salle ${rng.int(101, 315)}`,
      groupe_travail: network.get(plan.group?.keys[0] ?? 'ddfe').name,
    }[plan.kind];
    const video = (plan.kind === 'comite_technique' || plan.kind === 'groupe_travail') && rng.chance(0.4) ? `https://webconf.numerique.gouv.fr/cdlp${t.code.toLowerCase()}-${rng.digits(6)}` : null;

    insertMeeting.run(
      id,
      plan.kind,
      title,
      `${plan.on}T${startTime}`,
      `${plan.on}T${endTime}`,
      place,
      video,
      chair,
      past && nextPlenary ? `Prochaine séance plénière prévue en ${monthYear(nextPlenary)}.` : null,
      past ? null : `Convocations envoyées le ${longDate(createdOn)}.`,
      createdAt,
      past ? later(createdAt, stamp(rng, updatedOn)) : createdAt,
    );

    const attendees = invitees(rng, network, plan, chairContact);
    attendees.forEach(({ contact, partner }, order) => {
      const status: AttendanceStatus = !past
        ? 'invite'
        : contact === chairContact
          ? 'present'
          : rng.weighted([['present', 72], ['excuse', 14], ['represente', 9], ['absent', 5]] as const);
      const representedBy = status === 'represente' ? deputy(rng, partner, contact) : null;
      insertAttendee.run(rng.uuid(), id, contact.id, partner.id, contact.civility, fullName(contact), contact.role, partner.name, status, representedBy, contact.isMember ? 1 : 0, order);
    });

    const items = agenda(rng, plan, network, actions, protocols, previousPlenary, presenter);
    const itemIds = items.map((item, position) => {
      const itemId = rng.uuid();
      insertItem.run(itemId, id, position, item.title, item.presenter, item.minutes, null, createdAt, createdAt);
      if (item.action) insertItemLink.run(itemId, item.action.id, null);
      if (item.protocol) insertItemLink.run(itemId, null, item.protocol.id);
      return itemId;
    });
    if (!past) continue;

    const decisionAt = stamp(rng, updatedOn);
    const decisionIds: string[] = [];
    items.forEach((item, index) => {
      if (!item.decision) return;
      const decisionId = rng.uuid();
      insertDecision.run(decisionId, id, itemIds[index], item.decision, item.action?.id ?? null, decisionIds.length, decisionAt, decisionAt);
      decisionIds.push(decisionId);
    });
    for (const followUp of followUps(rng, plan, network, items)) {
      const dueOn = addDays(plan.on, rng.int(15, 90));
      // Secretaries close what is done: a follow-up left open more than a year is rare.
      const closedOn = dueOn < addDays(today, -20) && (dueOn < addDays(today, -365) || rng.chance(0.85)) ? minDay(addDays(plan.on, rng.int(7, daysBetween(plan.on, dueOn) + 20)), today) : null;
      const status: FollowUpStatus = closedOn ? 'close' : rng.pick(['ouverte', 'en_cours'] as const);
      const decisionId = decisionIds.length && rng.chance(0.6) ? rng.pick(decisionIds) : null;
      insertFollowUp.run(rng.uuid(), id, decisionId, followUp.text, followUp.owner.id, followUp.owner.name, dueOn, status, closedOn, decisionAt, closedOn ? later(decisionAt, stamp(rng, closedOn)) : decisionAt);
    }
  }
}

/** Who stands in for an absent member: a colleague of the same structure when the directory knows one. */
function deputy(rng: Random, partner: DemoPartner, absent: DemoContact): string {
  const colleague = partner.contacts.find((c) => c !== absent);
  if (colleague) return `${colleague.civility} ${fullName(colleague)}, ${lowerFirst(colleague.role)}`;
  const person = randomPerson(rng);
  return `${person.civility} ${fullName(person)}, ${gendered('adjoint|adjointe', person.civility)}`;
}

function invitees(rng: Random, network: Network, plan: MeetingPlan, chair: DemoContact): Attendee[] {
  const heads = (keys: CoreKey[]) => keys.filter((k) => network.has(k)).map((k) => ({ contact: network.head(k), partner: network.get(k) }));
  let list: Attendee[];
  switch (plan.kind) {
    case 'pleniere': {
      const experts = rng.sample(network.partners.filter((p) => p.contacts.length > 0 && !p.contacts.some((c) => c.isMember)), rng.int(2, 5));
      list = [...network.members.map((contact) => ({ contact, partner: network.partnerOf(contact) })), ...experts.map((p) => ({ contact: p.contacts[0]!, partner: p }))];
      break;
    }
    case 'restreinte':
      // Child protection joins for minors' situations and stays out when parcours de sortie files are examined.
      list = heads(plan.minors ? ['ddfe', 'parquet', 'cd', 'ase', 'crip', 'pjj', 'police', 'gendarmerie', 'dsden', 'uaped'] : ['ddfe', 'parquet', 'etrangers', 'ddets', 'amicale', 'mouvement', 'cidff']);
      break;
    case 'comite_technique':
      list = heads(['ddfe', 'prefecture', 'ase', 'dsden', 'parquet', 'police', 'gendarmerie', 'ars', 'amicale']).map((a) =>
        // Technical committees gather the staff who run the actions, not the heads of the structures.
        ({ ...a, contact: a.partner.contacts[1] ?? a.contact }),
      );
      break;
    case 'groupe_travail':
      list = [
        ...heads(plan.group!.keys),
        ...rng.sample(network.local(plan.group!.localTypes), rng.int(2, 4)).map((p) => ({ contact: p.contacts[0]!, partner: p })),
      ];
      break;
  }
  const chairPartner = network.partnerOf(chair);
  return [{ contact: chair, partner: chairPartner }, ...list.filter((a) => a.contact !== chair)];
}

interface AgendaItem {
  title: string;
  presenter: string | null;
  minutes: number;
  action?: DemoAction;
  protocol?: DemoProtocol;
  decision?: string;
}

function agenda(
  rng: Random,
  plan: MeetingPlan,
  network: Network,
  actions: readonly DemoAction[],
  protocols: readonly DemoProtocol[],
  previousPlenary: Day | undefined,
  presenter: (key: CoreKey) => string,
): AgendaItem[] {
  const actionPresenter = (a: DemoAction) => {
    const head = a.pilot.contacts[0];
    return head ? `${head.civility} ${fullName(head)} (${a.pilot.name})` : a.pilot.name;
  };
  // A session discusses what existed on its day, as it stood then.
  const known = actions.filter((a) => a.createdOn < plan.on);
  const focus = (a: DemoAction): AgendaItem => ({
    title: `Fiche action « ${a.title} » : point d’avancement`,
    presenter: actionPresenter(a),
    minutes: 20,
    action: a,
    decision:
      a.status === 'realisee' && a.lastOn < plan.on
        ? `La commission prend acte du bilan de l’action « ${a.title} ».`
        : `Le pilote de l’action « ${a.title} » présentera les indicateurs actualisés à la prochaine séance.`,
  });

  switch (plan.kind) {
    case 'pleniere': {
      const pending = protocols.filter((p) => p.draftOn < plan.on && (p.signedOn === null || p.signedOn > plan.on));
      const items: AgendaItem[] = [{ title: 'Ouverture de la séance', presenter: null, minutes: 10 }];
      if (previousPlenary) {
        items.push({ title: `Approbation du compte rendu de la séance plénière du ${longDate(previousPlenary)}`, presenter: null, minutes: 5, decision: `Le compte rendu de la séance du ${longDate(previousPlenary)} est approuvé sans modification.` });
      }
      items.push(
        { title: 'Bilan d’avancement du plan départemental', presenter: presenter('ddfe'), minutes: 40, decision: 'La commission valide le bilan d’avancement du plan départemental.' },
        { title: 'Parcours de sortie de la prostitution : bilan chiffré', presenter: presenter('amicale'), minutes: 20 },
        ...rng.sample(known, 2).map(focus),
      );
      if (pending.length) {
        const protocol = rng.pick(pending);
        items.push({ title: `« ${protocol.title} » : état des signatures`, presenter: presenter('prefecture'), minutes: 15, protocol, decision: `Les partenaires s’engagent à retourner le document « ${protocol.title} » signé avant la prochaine séance.` });
      }
      items.push({ title: 'Questions diverses', presenter: null, minutes: 10 });
      return items;
    }
    case 'restreinte': {
      if (plan.minors) {
        const situations = rng.int(3, 9);
        return [
          { title: `Coordination des situations de mineurs (${plural(situations, 'situation anonymisée', 'situations anonymisées')})`, presenter: presenter('ase'), minutes: 60, decision: 'Les situations examinées font l’objet d’un suivi coordonné entre l’ASE, la PJJ et le parquet ; point à la prochaine séance.' },
          { title: 'Retour sur les situations examinées lors de la séance précédente', presenter: presenter('crip'), minutes: 30 },
        ];
      }
      const requests = rng.int(2, 7);
      const renewals = rng.int(0, 4);
      const postponed = rng.int(0, 1);
      const favourable = requests - postponed;
      return [
        {
          title: `Examen des demandes de parcours de sortie (${plural(requests, 'demande nouvelle', 'demandes nouvelles')}, ${plural(renewals, 'renouvellement')})`,
          presenter: presenter('amicale'),
          minutes: 75,
          decision: `Avis favorable pour ${plural(favourable, 'demande nouvelle', 'demandes nouvelles')} et ${plural(renewals, 'renouvellement')}${postponed ? ' ; une demande est ajournée dans l’attente de pièces complémentaires' : ''}.`,
        },
        { title: 'Point sur les parcours en cours', presenter: presenter('ddfe'), minutes: 30 },
      ];
    }
    case 'comite_technique':
      return [
        { title: 'Suivi des fiches actions', presenter: presenter('ddfe'), minutes: 45, decision: 'Les pilotes actualisent leurs fiches actions et leurs indicateurs avant la prochaine séance plénière.' },
        ...rng.sample(known, 2).map(focus),
        { title: 'Préparation de la prochaine séance plénière', presenter: presenter('prefecture'), minutes: 20, decision: 'L’ordre du jour de la prochaine séance plénière est arrêté.' },
      ];
    case 'groupe_travail': {
      const group = plan.group!;
      const related = known.filter((a) => group.families.includes(a.family));
      return [
        { title: 'Tour de table et retours d’expérience', presenter: null, minutes: 30 },
        ...rng.sample(related, 1).map(focus),
        { title: `Projet : ${group.deliverable}`, presenter: presenter(group.keys[0]!), minutes: 45, decision: `Le groupe valide le projet (${group.deliverable}) et le soumettra au comité technique.` },
        { title: 'Calendrier des prochaines réunions', presenter: null, minutes: 10 },
      ];
    }
  }
}

function followUps(rng: Random, plan: MeetingPlan, network: Network, items: readonly AgendaItem[]): { text: string; owner: DemoPartner }[] {
  const list: { text: string; owner: DemoPartner }[] = [{ text: 'Diffuser le compte rendu aux membres de la commission', owner: network.get('ddfe') }];
  for (const item of items) if (item.action && rng.chance(0.6)) list.push({ text: `Actualiser la fiche action « ${item.action.title} » et ses indicateurs`, owner: item.action.pilot });
  const extra: Record<MeetingKind, [string, CoreKey][]> = {
    pleniere: [
      ['Recueillir les signatures manquantes des protocoles en cours', 'prefecture'],
      ['Proposer un calendrier de formations pour le semestre', 'ddfe'],
      ['Recenser les places d’hébergement mobilisables', 'siao'],
    ],
    restreinte: plan.minors
      ? [['Transmettre au parquet la synthèse des fugues répétées', 'ase'], ['Organiser une réunion de synthèse avec la PJJ', 'crip']]
      : [['Préparer les dossiers de renouvellement des parcours de sortie', 'amicale'], ['Transmettre les avis de la commission au préfet', 'ddfe']],
    comite_technique: [['Mettre à jour le tableau de bord des indicateurs', 'ddfe'], ['Transmettre la fiche réflexe aux chefs d’établissement', 'dsden']],
    groupe_travail: [['Rédiger la version de travail du document', plan.group?.keys[0] ?? 'ddfe'], ['Recueillir les contributions des membres du groupe', 'ddfe']],
  };
  for (const [text, key] of rng.sample(extra[plan.kind], rng.int(1, 2))) list.push({ text, owner: network.get(key) });
  return list;
}
